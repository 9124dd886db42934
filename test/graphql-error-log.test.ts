import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  code?: string;
  err?: { message: string; stack?: string };
}

describe.each(testBackends())("GraphQL error logs on $name", (backend) => {
  let platform: TestPlatform;
  const lines: LogLine[] = [];
  const log = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });

  /** POSTs an operation with this X-Request-Id; the lines logged for it come from `lines`. */
  async function post(query: string, requestId: string) {
    const response = await fetch(`${platform.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": requestId },
      body: JSON.stringify({ query }),
    });
    expect(response.headers.get("x-request-id")).toBe(requestId);
    return (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  }
  const linesOf = (message: string) => lines.filter((line) => line.msg === message);

  beforeAll(async () => {
    platform = await startTestPlatform(backend, { etl: false, log });
  });
  afterAll(async () => {
    await platform.stop();
  });

  it("logs a resolver's client mistake at debug with the request's id, without a stack", async () => {
    const body = await post("{ reports(first: 812) { nodes { reportId } } }", "client-mistake-1");
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    const logged = linesOf("GraphQL client error").filter((line) => line.reqId === "client-mistake-1");
    expect(logged.map(({ level, code }) => ({ level, code }))).toEqual([{ level: 20, code: "BAD_USER_INPUT" }]);
    expect(logged[0]?.err).toBeUndefined();
  });

  it("logs our fault in a resolver at error, once, with the request's id and its cause", async () => {
    // A fault of ours, for real: the table the resolver reads is not where the query looks.
    await platform.database.db.execute(sql`alter table perl_versions rename to perl_versions_away`);
    try {
      const body = await post("{ perlVersions { version } }", "our-fault-1");
      expect(body.errors?.map((error) => error.extensions?.code)).toEqual(["INTERNAL_SERVER_ERROR"]);
    } finally {
      await platform.database.db.execute(sql`alter table perl_versions_away rename to perl_versions`);
    }
    const logged = linesOf("unexpected error in a GraphQL operation");
    expect(logged.map(({ level, reqId }) => ({ level, reqId }))).toEqual([{ level: 50, reqId: "our-fault-1" }]);
    expect(logged[0]?.err?.message).toMatch(/perl_versions/);
    expect(logged[0]?.err?.stack).toBeDefined();
  });

  it("logs a validation error at debug with the request's id", async () => {
    const body = await post("{ nope }", "client-mistake-2");
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    const logged = lines.filter((line) => line.reqId === "client-mistake-2" && line.code !== undefined);
    expect(logged.map(({ level, code }) => ({ level, code }))).toEqual([
      { level: 20, code: "GRAPHQL_VALIDATION_FAILED" },
    ]);
  });
});
