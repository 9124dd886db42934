import { Field, ID, InterfaceType } from "type-graphql";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";

/**
 * Global ids: base64 of `<Type>:<key>`, where the key is the one the type is looked up by:
 * `Report:<reportId>`, `Release:<dist>/<version>`, `Upload:<dist>/<version>`,
 * `Distribution:<name>`, `Author:<PAUSE id>`, `Tester:<uuid>`, `PerlVersion:<version>`.
 * Distribution names never hold a `/`, so the first one splits dist from version.
 */
export const NodeKind = {
  Report: "Report",
  Release: "Release",
  Upload: "Upload",
  Distribution: "Distribution",
  Author: "Author",
  Tester: "Tester",
  PerlVersion: "PerlVersion",
} as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

export const globalId = (kind: NodeKind, key: string): string => Buffer.from(`${kind}:${key}`).toString("base64");

/** The kind and key of a global id; undefined for anything this server did not issue. */
export function parseGlobalId(id: string): { kind: NodeKind; key: string } | undefined {
  const decoded = Buffer.from(id, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const kind = decoded.slice(0, colon) as NodeKind;
  const key = decoded.slice(colon + 1);
  if (colon < 1 || !Object.values(NodeKind).includes(kind) || key === "") return undefined;
  // base64 decoding ignores junk; only an id that encodes back to itself is one we issued.
  return globalId(kind, key) === id ? { kind, key } : undefined;
}

/** Splits a `<dist>/<version>` key. */
export function splitDistVersion(key: string): { dist: string; version: string } | undefined {
  const slash = key.indexOf("/");
  return slash > 0 && slash < key.length - 1 ? { dist: key.slice(0, slash), version: key.slice(slash + 1) } : undefined;
}

// The hint of the shortest-lived type that implements Node: `node(id:)` may return any of them.
@InterfaceType({ description: "An object with a global id, refetchable through `node(id:)`." })
@cacheFor(MaxAge.counts)
export abstract class Node {
  @Field(() => ID, { description: "A global id: pass it to `node(id:)` to fetch this object again." })
  id!: string;
}
