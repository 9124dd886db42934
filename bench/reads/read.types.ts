import type { Db } from "../../src/db/client.js";
import type { ReadName } from "../baseline/read.queries.js";

/** Values of a read's parameters, by name, as strings (they travel in URLs). */
export type ReadParams = Record<string, string>;

export interface GraphQLCall {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * One read of the Read API, as each target expresses it. The baseline always has it (the
 * platform's query functions in baseline/read.queries.ts); a GraphQL side is present when that API
 * can express the read, and otherwise says why not.
 */
export interface ReadCase {
  name: ReadName;
  /** Parameter sets drawn from the loaded data: hot rows and cold ones, as real traffic mixes them. */
  sampleParams(db: Db, count: number): Promise<ReadParams[]>;
  /** The platform's GraphQL operation, or the reason there is none on this build. */
  graphql: ((params: ReadParams) => GraphQLCall) | { missing: string };
  postgraphile: ((params: ReadParams) => GraphQLCall) | { missing: string };
  /**
   * Each target's answer reduced to one comparable value: the run checks, before measuring, that
   * every target returns the same data for the same parameters.
   */
  agree: {
    baseline(rows: Record<string, unknown>[]): unknown;
    graphql?(data: Record<string, unknown>): unknown;
    postgraphile?(data: Record<string, unknown>): unknown;
  };
}
