import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "../helpers/database.js";
import { startTestPlatform, type TestPlatform } from "../helpers/server.js";

describe("cpantesters-api t/api.t", () => {
  describe.each(testBackends())("on $name", (backend) => {
    let platform: TestPlatform;
    beforeAll(async () => (platform = await startTestPlatform(backend, { etl: false })));
    afterAll(() => platform.stop());

    it("api.t 'can get OpenAPI document': GET /v1 and GET /v3 answer 200 with JSON", async () => {
      for (const path of ["/v1", "/v3"]) {
        const response = await fetch(`${platform.url}${path}`);
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toMatch(/^application\/json/);
        expect(await response.json()).toMatchObject({ openapi: "3.0.3", paths: expect.any(Object) as unknown });
      }
    });

    // The original set these in an after_build_tx hook, so every answer had them.
    it("API.pm 'Allow CORS for everyone': every answer carries the CORS headers, Origin or not", async () => {
      for (const path of ["/v3/summary/No-Such-Dist", "/v3", "/v1/upload", "/v3/nope"]) {
        const response = await fetch(`${platform.url}${path}`);
        expect(Object.fromEntries([...response.headers].filter(([name]) => name.startsWith("access-control")))).toEqual(
          {
            "access-control-allow-origin": "*",
            "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
            "access-control-max-age": "3600",
            "access-control-allow-headers": "Content-Type, X-Requested-With",
          },
        );
      }
      const withOrigin = await fetch(`${platform.url}/v3/upload`, { headers: { origin: "https://example.org" } });
      expect(withOrigin.headers.get("access-control-allow-origin")).toBe("https://example.org");
    });
  });
});
