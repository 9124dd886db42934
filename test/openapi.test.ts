import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

interface OpenApi {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: object }>>;
}

describe.each(testBackends())("OpenAPI documents and /docs on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => (platform = await startTestPlatform(backend, { etl: false })));
  afterAll(() => platform.stop());

  const document = async (path: string) => (await (await fetch(`${platform.url}${path}`)).json()) as OpenApi;

  it("GET /v3 documents every /v3 route we serve, from the route schemas", async () => {
    const v3 = await document("/v3");
    expect(v3.info.title).toBe("CPAN Testers API 3.0");
    expect(Object.keys(v3.paths).sort()).toEqual([
      "/v3/release",
      "/v3/release/author/{author}",
      "/v3/release/dist/{dist}",
      "/v3/release/dist/{dist}/{version}",
      "/v3/report",
      "/v3/report/{id}",
      "/v3/summary",
      "/v3/summary/{dist}",
      "/v3/summary/{dist}/{version}",
      "/v3/upload",
      "/v3/upload/author/{author}",
      "/v3/upload/dist/{dist}",
    ]);
    const summary = v3.paths["/v3/summary/{dist}/{version}"]!.get!;
    expect(summary.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(["query:since", "query:grade", "query:perl", "query:perl_maturity", "path:dist"]),
    );
    expect(summary.responses).toMatchObject({
      200: { content: { "application/json": { schema: { type: "array" } } } },
      404: { content: { "application/json": { schema: { required: ["errors"] } } } },
    });
    expect(v3.paths["/v3/release/dist/{dist}/{version}"]!.get!.responses).toMatchObject({
      200: { content: { "application/json": { schema: { type: "object", required: expect.any(Array) as unknown } } } },
    });
  });

  it("GET /v1 documents the v1 release and upload routes only", async () => {
    const v1 = await document("/v1");
    expect(v1.info.title).toBe("CPAN Testers API 1.0");
    expect(Object.keys(v1.paths).sort()).toEqual([
      "/v1/release",
      "/v1/release/author/{author}",
      "/v1/release/dist/{dist}",
      "/v1/upload",
      "/v1/upload/author/{author}",
      "/v1/upload/dist/{dist}",
    ]);
  });

  it("/docs is a browsable view served from here, with no script, style or font from elsewhere", async () => {
    const page = await fetch(`${platform.url}/docs/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThan(0);
    expect(references.filter((reference) => /^(https?:)?\/\//.test(reference))).toEqual([]);
    expect(html).not.toMatch(/https?:\/\/(?!localhost)[^"'\s]*(cdn|unpkg|jsdelivr)/i);
    for (const reference of references) {
      const asset = await fetch(new URL(reference, `${platform.url}/docs/`));
      // Read to the end: an unread body keeps its connection busy and the server from closing.
      expect([reference, asset.status, (await asset.arrayBuffer()).byteLength > 0]).toEqual([reference, 200, true]);
    }
    const initializer = await (await fetch(`${platform.url}/docs/static/swagger-initializer.js`)).text();
    expect(initializer).toContain('"url":"/v3"');
    const json = await document("/docs/json");
    expect(Object.keys(json.paths).every((path) => /^\/v[13]\//.test(path))).toBe(true);
  });
});
