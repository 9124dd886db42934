import { describe, expect, it } from "vitest";
import { wrkScript } from "./wrk.lua.js";

describe("wrkScript", () => {
  it("embeds every request, splitting bodies at the unique token, with long strings that cannot be closed early", () => {
    const script = wrkScript({
      url: "http://127.0.0.1:1",
      connections: 1,
      durationSeconds: 1,
      requests: [
        {
          method: "POST",
          path: "/v3/report",
          body: '{"id":"@ID@","text":"a]=]b"}',
          uniqueToken: "@ID@",
          headers: { a: "b" },
        },
        { method: "GET", path: "/healthz" },
      ],
    });
    expect(script).toContain(
      '{ method = "POST", path = [=[/v3/report]=], headers = { [ [=[a]=] ] = [=[b]=] }, parts = { [=[{"id":"]=], [==[","text":"a]=]b"}]==] } }',
    );
    expect(script).toContain('{ method = "GET", path = [=[/healthz]=], headers = {  }, parts = {  } }');
    expect(script).toContain("local check_graphql = false");
  });
});
