import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { releases, uploads } from "../src/db/schema/index.js";
import { graphql } from "./generated/index.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

describe.each(testBackends())("server on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    await platform.database.db.insert(uploads).values({
      dist: "Data-Printer",
      version: "0.39",
      author: "GARU",
      filename: "Data-Printer-0.39.tar.gz",
      releasedAt: new Date("2025-12-30T00:00:00Z"),
    });
    await platform.database.db.insert(releases).values({
      dist: "Data-Printer",
      version: "0.39",
      pass: 10,
      fail: 2,
      na: 1,
      unknown: 0,
      stablePass: 8,
      stableFail: 1,
      stableNa: 1,
      stableUnknown: 0,
      updatedAt: new Date("2026-01-02T03:04:05Z"),
    });
  });
  afterAll(() => platform.stop());

  it("answers URLs the router refuses in the shape of the protocol they belong to", async () => {
    const badEncoding = await fetch(`${platform.url}/v3/release/dist/%E0%A4%A`);
    expect(badEncoding.status).toBe(400);
    expect(JSON.stringify(await badEncoding.json())).toMatch(
      /^\{"errors":\[\{"message":"[^"]*not a valid url[^"]*"\}\]\}$/,
    );

    const longParam = await fetch(`${platform.url}/v3/release/dist/${"a".repeat(300)}`);
    expect(longParam.status).toBe(414);
    expect(JSON.stringify(await longParam.json())).toMatch(/^\{"errors":\[\{"message":"[^"]*max param length"\}\]\}$/);

    const metabase = await fetch(`${platform.url}/api/v1/guid/%E0%A4%A`);
    expect(metabase.status).toBe(400);
    expect(JSON.stringify(await metabase.json())).toMatch(/^\{"error":"[^"]*not a valid url[^"]*"\}$/);
  });

  it("answers /healthz and /readyz", async () => {
    const health = await fetch(`${platform.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${platform.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok", database: backend.postgresUrl ? "postgres" : "pglite" });
  });

  it("serves a release with both count views, and null for an unknown one", async () => {
    const result = await platform.graphql(
      graphql(`
        query ReleaseWithCounts {
          release(dist: "Data-Printer", version: "0.39") {
            dist
            version
            updatedAt
            allPerls {
              pass
              fail
              na
              unknown
              total
            }
            stablePerls {
              pass
              fail
              na
              unknown
              total
            }
          }
          unknown: release(dist: "No-Such-Dist", version: "1.0") {
            dist
          }
        }
      `),
    );
    expect(result).toEqual({
      data: {
        release: {
          dist: "Data-Printer",
          version: "0.39",
          updatedAt: "2026-01-02T03:04:05.000Z",
          allPerls: { pass: 10, fail: 2, na: 1, unknown: 0, total: 13 },
          stablePerls: { pass: 8, fail: 1, na: 1, unknown: 0, total: 10 },
        },
        unknown: null,
      },
      extensions: { cost: { requested: 2, limit: 1000, nodes: 0 } },
    });
  });

  it("serves a distribution with its releases", async () => {
    const result = await platform.graphql(`{
      distribution(name: "Data-Printer") { name releases { nodes { version allPerls { total } } } }
      missing: distribution(name: "Nope") { name }
    }`);
    expect(result.data).toEqual({
      distribution: { name: "Data-Printer", releases: { nodes: [{ version: "0.39", allPerls: { total: 13 } }] } },
      missing: null,
    });
  });

  it("reports its version and database in serverInfo, over GET as well", async () => {
    const query = encodeURIComponent("{ serverInfo { version database uptimeSeconds } }");
    const response = await fetch(`${platform.url}/graphql?query=${query}`, {
      headers: { "apollo-require-preflight": "1" },
    });
    const body = (await response.json()) as {
      data: { serverInfo: { version: string; database: string; uptimeSeconds: number } };
    };
    expect(body.data.serverInfo).toEqual({
      version: "0.1.0",
      database: backend.postgresUrl ? "POSTGRES" : "PGLITE",
      uptimeSeconds: expect.any(Number) as number,
    });
    expect(body.data.serverInfo.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it("answers operations over graphql-ws on the same path", async () => {
    const client = createClient({
      url: `${platform.url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
    });
    try {
      const result = await new Promise((resolve, reject) => {
        client.subscribe(
          { query: `{ release(dist: "Data-Printer", version: "0.39") { allPerls { fail } } }` },
          {
            next: resolve,
            error: reject,
            complete: () => undefined,
          },
        );
      });
      expect(result).toEqual({ data: { release: { allPerls: { fail: 2 } } } });
    } finally {
      await client.dispose();
    }
  });

  it("serves the console and every asset it loads from this server", async () => {
    const page = await fetch(`${platform.url}/console`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map((match) => match[1] ?? "");
    expect(assets).toEqual([
      "/console/assets/graphiql.min.css",
      "/console/assets/plugin-explorer.css",
      "/console/assets/react.production.min.js",
      "/console/assets/react-dom.production.min.js",
      "/console/assets/graphiql.min.js",
      "/console/assets/plugin-explorer.umd.js",
      "/console/assets/graphql-ws.min.js",
    ]);
    for (const asset of assets) {
      const response = await fetch(`${platform.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get("content-type"), asset).toMatch(
        asset.endsWith(".css") ? /^text\/css/ : /^application\/javascript/,
      );
    }
    // The Explorer's UMD build is the one that attaches to GraphiQL's globals, not the CommonJS one.
    const explorer = await (await fetch(`${platform.url}/console/assets/plugin-explorer.umd.js`)).text();
    expect(explorer).toContain("GraphiQLPluginExplorer");
    expect(html).toContain("plugins: [explorer]");
    expect((await fetch(`${platform.url}/console/assets/nope.js`)).status).toBe(404);
  });

  it("exposes Prometheus metrics", async () => {
    const metrics = await (await fetch(`${platform.url}/metrics`)).text();
    expect(metrics).toContain("process_resident_memory_bytes");
    expect(metrics).toMatch(/http_request_duration_seconds_count\{route="\/healthz",method="GET",status="200"\} \d+/);
  });

  it("passes GraphQL's own validation errors through with their code", async () => {
    const result = await platform.graphql(`{ release(dist: "x") { dist } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0]?.message).toBe(
      'Field "release" argument "version" of type "String!" is required, but it was not provided.',
    );
  });
});
