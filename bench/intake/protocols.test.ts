import { describe, expect, it } from "vitest";
import { parseMetabaseReport } from "../../src/report/index.js";
import { createReportGenerator } from "../generate/report.generate.js";
import { BENCH_TESTER } from "./http-intake.js";
import { metabaseProtocol, v3Protocol } from "./protocols.js";

const reports = Array.from({ length: 20 }, (_, i) => createReportGenerator(3, 1_000).reportAt(i));

describe("intake protocols", () => {
  it("sends v3 bodies without the fields the server fills", () => {
    const protocol = v3Protocol(reports);
    const body = JSON.parse(protocol.bodies[0] as string) as Record<string, unknown>;
    expect(body).not.toHaveProperty("id");
    expect(body).not.toHaveProperty("created");
    expect(body).not.toHaveProperty("metabase");
    expect(protocol.headers("tok")).toMatchObject({ authorization: "Bearer tok" });
  });

  it("sends Metabase facts from the bench tester with a GUID placeholder the load generator replaces", () => {
    const protocol = metabaseProtocol(reports);
    const token = protocol.uniqueToken as string;
    const body = (protocol.bodies[0] as string).replaceAll(token, "0b6a35ba-7d5e-4c3a-9a4e-6f1b1b0d2a11");
    const parsed = parseMetabaseReport(JSON.parse(body), { email: BENCH_TESTER.email });
    expect(parsed.ok && parsed.report.id).toBe("0b6a35ba-7d5e-4c3a-9a4e-6f1b1b0d2a11");
    expect(parsed.ok && parsed.report.metabase?.creator).toBe(`metabase:user:${BENCH_TESTER.id}`);
    const basic = Buffer.from(`${BENCH_TESTER.id}:${BENCH_TESTER.secret}`).toString("base64");
    expect(protocol.headers("")).toMatchObject({ authorization: `Basic ${basic}` });
  });
});
