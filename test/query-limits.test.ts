import { getIntrospectionQuery } from "graphql";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

/** reports(first: n) nested `levels` deep through each report's release. */
function nestedReports(levels: number, first: number): string {
  let selection = "reportId";
  for (let level = 1; level < levels; level++) {
    selection = `reportId release { reports(first: ${first}) { nodes { ${selection} } } }`;
  }
  return `{ reports(first: ${first}) { nodes { ${selection} } } }`;
}

/** release → distribution → latestRelease → distribution ..., `depth` fields from root to leaf. */
function deepQuery(depth: number): string {
  let selection = "id";
  for (let level = depth - 1; level >= 2; level--) {
    selection = `${level % 2 === 0 ? "distribution" : "latestRelease"} { ${selection} }`;
  }
  return `{ release(dist: "A", version: "1") { ${selection} } }`;
}

describe.each(testBackends())("query limits on $name", (backend) => {
  let platform: TestPlatform;
  let statements = 0;
  beforeAll(async () => {
    // No ETL worker: its polls would land in the statement count.
    platform = await startTestPlatform(backend, { etl: false, logger: { logQuery: () => void statements++ } });
  });
  afterAll(() => platform.stop());

  it("reports the cost of an accepted query in its extensions", async () => {
    // 1 for the page of 50, plus 1 for each of the 50 nested pages of 10; 50 + 500 nodes.
    const result = await platform.graphql(
      `{ reports(first: 50) { nodes { reportId release { reports(first: 10) { nodes { reportId } } } } } }`,
    );
    expect(result).toEqual({
      data: { reports: { nodes: [] } },
      extensions: { cost: { requested: 51, limit: 1000, nodes: 550 } },
    });
    const withVariables = await platform.graphql(`query($n: Int!) { reports(first: $n) { nodes { reportId } } }`, {
      n: 100,
    });
    expect(withVariables.extensions).toEqual({ cost: { requested: 1, limit: 1000, nodes: 100 } });
    // The same document (measured once and remembered) with another page size costs anew.
    const smaller = await platform.graphql(`query($n: Int!) { reports(first: $n) { nodes { reportId } } }`, { n: 7 });
    expect(smaller.extensions).toEqual({ cost: { requested: 1, limit: 1000, nodes: 7 } });
  });

  it("refuses a query over the cost budget before running it, with the computed cost", async () => {
    statements = 0;
    const response = await fetch(`${platform.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: nestedReports(3, 100) }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: "query cost 10101 exceeds the limit of 1000: ask for smaller pages (first) or fewer nested lists",
          extensions: { code: "QUERY_TOO_COMPLEX", cost: 10101, limit: 1000, nodes: 1010100, nodeLimit: 500000 },
        },
      ],
    });
    expect(statements).toBe(0);
  });

  it("refuses a query deeper than the depth limit, counting through fragments but not introspection", async () => {
    expect(await platform.graphql(deepQuery(12))).toMatchObject({ data: { release: null } });
    const tooDeep = await platform.graphql(deepQuery(14));
    expect(tooDeep).toEqual({
      errors: [
        {
          message: "query depth 14 exceeds the limit of 12",
          extensions: { code: "QUERY_TOO_COMPLEX", depth: 14, depthLimit: 12 },
        },
      ],
    });
    const throughFragments = await platform.graphql(
      `query { release(dist: "A", version: "1") { ...D } }
       fragment D on Release { distribution { latestRelease { distribution { latestRelease { distribution {
         latestRelease { distribution { latestRelease { distribution { latestRelease { distribution { name } } } } } } } } } } } }`,
    );
    expect(throughFragments.errors?.[0]?.extensions).toEqual({ code: "QUERY_TOO_COMPLEX", depth: 13, depthLimit: 12 });
    const introspection = await platform.graphql(getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
  });

  it("applies the same limits to operations over the WebSocket", async () => {
    const client = createClient({ url: `${platform.url.replace("http", "ws")}/graphql`, webSocketImpl: WebSocket });
    try {
      const outcome = await new Promise((resolve) => {
        client.subscribe(
          { query: nestedReports(3, 100) },
          { next: resolve, error: resolve, complete: () => undefined },
        );
      });
      expect(outcome).toEqual([
        expect.objectContaining({
          message: "query cost 10101 exceeds the limit of 1000: ask for smaller pages (first) or fewer nested lists",
          extensions: expect.objectContaining({ code: "QUERY_TOO_COMPLEX", cost: 10101 }) as unknown,
        }),
      ]);
    } finally {
      await client.dispose();
    }
  });
});

describe.each(testBackends())("node limit on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    // A budget so large that only the node limit can refuse.
    platform = await startTestPlatform(backend, { api: { queryCostLimit: 1_000_000 } });
  });
  afterAll(() => platform.stop());

  it("refuses a query asking for more than 500,000 nodes", async () => {
    const result = await platform.graphql(nestedReports(3, 100));
    expect(result.errors).toEqual([
      {
        message: "query asks for 1010100 nodes, more than the limit of 500000",
        extensions: { code: "QUERY_TOO_COMPLEX", cost: 10101, limit: 1000000, nodes: 1010100, nodeLimit: 500000 },
      },
    ]);
  });
});
