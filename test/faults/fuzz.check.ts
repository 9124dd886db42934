import { getIntrospectionQuery, type IntrospectionQuery } from "graphql";
import { sql } from "drizzle-orm";
import type { Logger } from "../../src/log.js";
import { type Db, queryRows } from "../../src/db/client.js";
import { verifyDerivedCounts } from "../../src/db/queries/derived.queries.js";
import { processAll } from "../../src/etl/process-batch.js";
import { TESTER } from "../factories/report.factory.js";
import { schemaInfo, type SchemaInfo } from "./fuzz.graphql.js";
import type { FuzzInput, Protocol } from "./fuzz.inputs.js";

/** A running platform the fuzzer talks to, with no ETL of its own: accepted reports are processed at the end. */
export interface FuzzTarget {
  url: string;
  db: Db;
  /** A token of TESTER, whose Metabase secret is `metabase-secret`. */
  token: string;
  log: Logger;
}

export interface Outcome {
  status: number;
  ms: number;
  /** What was wrong with the answer; empty when it was right. */
  problems: string[];
  /** The id a 2xx submission was stored under. */
  accepted?: string;
  /** Whether a rejected submission stored a document anyway. */
  storedOnRejection: boolean;
}

/** The schema the platform serves, read from itself. */
export async function fetchSchema(url: string): Promise<SchemaInfo> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  const { data } = (await response.json()) as { data?: IntrospectionQuery };
  if (!data) throw new Error(`introspection refused: ${response.status}`);
  return schemaInfo(data);
}

const documentCount = async (db: Db) =>
  (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from report_documents`))[0]?.n ?? -1;

function authorization(input: FuzzInput, token: string): string | undefined {
  const metabase = input.protocol === "metabase";
  switch (input.auth) {
    case "none":
      return undefined;
    case "garbage":
      return metabase ? `Basic ${Buffer.from(`${TESTER.id}:wrong`).toString("base64")}` : "Bearer not-a-token";
    case "good":
      return metabase ? `Basic ${Buffer.from(`${TESTER.id}:metabase-secret`).toString("base64")}` : `Bearer ${token}`;
  }
}

/** Sends one input and judges the answer by its protocol's rules. */
export async function sendInput(target: FuzzTarget, input: FuzzInput): Promise<Outcome> {
  const before = input.submission ? await documentCount(target.db) : 0;
  const headers: Record<string, string> = {};
  if (input.contentType !== undefined) headers["content-type"] = input.contentType;
  const credential = authorization(input, target.token);
  if (credential) headers.authorization = credential;
  const started = performance.now();
  let status: number;
  let text: string;
  try {
    const response = await fetch(`${target.url}${input.path}`, {
      method: input.method,
      headers,
      redirect: "manual",
      ...(input.body === undefined ? {} : { body: input.body }),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    // No answer at all (the connection dropped): as bad as a 5xx for the client.
    const cause = (error as { cause?: unknown }).cause;
    const reason = cause instanceof Error ? cause.message : String(error);
    return { status: 0, ms: performance.now() - started, problems: [`no answer: ${reason}`], storedOnRejection: false };
  }
  const ms = performance.now() - started;
  const problems: string[] = [];
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  // fetch resolves `..` in the path as a browser does: what was asked for is where it went.
  const sent = new URL(input.path, target.url).pathname;
  const protocol = input.protocol === "v3" && !/^\/v[13](\/|$)/.test(sent) ? "legacy" : input.protocol;
  if (status >= 500) problems.push(`answered ${status}: ${text.slice(0, 300)}`);
  else if (status >= 400) problems.push(...errorShapeProblems(protocol, status, body, text));
  else if (status >= 300 && input.method !== "GET") problems.push(`answered ${status} to a POST`);
  if (input.protocol === "graphql" && internalErrors(body)) {
    problems.push(`INTERNAL_SERVER_ERROR in a ${status}: ${text.slice(0, 300)}`);
  }
  let accepted: string | undefined;
  let storedOnRejection = false;
  if (input.submission) {
    const after = await documentCount(target.db);
    if (status >= 200 && status < 300) {
      const { id, guid } = (body ?? {}) as { id?: unknown; guid?: unknown };
      const stored = id ?? guid;
      if (typeof stored === "string") accepted = stored;
      else problems.push(`a ${status} without the stored id: ${text.slice(0, 200)}`);
    } else if (after !== before) {
      storedOnRejection = true;
      problems.push(`answered ${status} yet stored ${after - before} document(s)`);
    }
  }
  return { status, ms, problems, storedOnRejection, ...(accepted ? { accepted } : {}) };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const hasMessages = (errors: unknown, needCode: boolean) =>
  Array.isArray(errors) &&
  errors.length > 0 &&
  errors.every(
    (error) =>
      isRecord(error) &&
      typeof error.message === "string" &&
      (!needCode || (isRecord(error.extensions) && typeof error.extensions.code === "string")),
  );

/** The body of a 4xx in the protocol's shape (PROTOCOLS.md; Fastify's own for the legacy feeds). */
function errorShapeProblems(protocol: Protocol, status: number, body: unknown, text: string): string[] {
  const ok = (() => {
    if (!isRecord(body)) return false;
    switch (protocol) {
      case "v3":
        return hasMessages(body.errors, false);
      case "metabase":
        return typeof body.error === "string";
      case "graphql":
        return hasMessages(body.errors, true);
      case "legacy":
        return typeof body.message === "string" || hasMessages(body.errors, false);
    }
  })();
  return ok ? [] : [`a ${status} whose body is not the ${protocol} error shape: ${text.slice(0, 300)}`];
}

function internalErrors(body: unknown): boolean {
  if (!isRecord(body) || !Array.isArray(body.errors)) return false;
  return body.errors.some(
    (error) => isRecord(error) && isRecord(error.extensions) && error.extensions.code === "INTERNAL_SERVER_ERROR",
  );
}

/** Runs the ETL over what waits, as the worker would: reads then see rows; returns how many failed. */
export async function processWaiting(target: FuzzTarget): Promise<number> {
  return (await processAll({ db: target.db, log: target.log }, 100)).failed;
}

/**
 * Processes every accepted report and checks each: processed without error, counted once when
 * it is Perl 5, and the derived counters still add up. Returns what was wrong.
 */
export async function verifyAccepted(target: FuzzTarget, ids: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  const failed = await processWaiting(target);
  if (failed > 0) problems.push(`${failed} accepted document(s) failed in the ETL`);
  for (const id of new Set(ids)) {
    const [row] = await queryRows<{ error: string | null; processed: boolean; perl5: boolean; reports: number }>(
      target.db,
      sql`select d.error, d.processed_at is not null as processed,
            d.document->'environment'->'language'->>'name' = 'Perl 5' as perl5,
            (select count(*)::int from reports r where r.guid = d.id) as reports
          from report_documents d where d.id = ${id}`,
    );
    if (!row) problems.push(`accepted ${id} is not stored`);
    else if (row.error !== null || !row.processed) problems.push(`accepted ${id} not processed: ${row.error}`);
    else if (row.reports !== (row.perl5 ? 1 : 0)) problems.push(`accepted ${id} counted ${row.reports} times`);
  }
  const off = await verifyDerivedCounts(target.db);
  if (off.length > 0) problems.push(`derived counts off: ${JSON.stringify(off).slice(0, 300)}`);
  return problems;
}
