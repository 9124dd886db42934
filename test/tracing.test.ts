import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v3Report } from "./factories/report.factory.js";
import { type CliProcess, startCli } from "./helpers/process.js";
import { waitFor } from "./helpers/wait.js";

/** A span as OTLP/HTTP's JSON carries it: ids in hex. */
interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  links?: { traceId: string; spanId: string }[];
}

/** An OTLP resource attribute, as the JSON encoding carries it. */
interface OtlpAttribute {
  key: string;
  value: { stringValue?: string };
}

describe("traces over OTLP", () => {
  const spans: OtlpSpan[] = [];
  const services = new Set<string | undefined>();
  const collector = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const exported = JSON.parse(body) as {
        resourceSpans: { resource: { attributes: OtlpAttribute[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      for (const { resource, scopeSpans } of exported.resourceSpans) {
        services.add(resource.attributes.find((attribute) => attribute.key === "service.name")?.value.stringValue);
        for (const scope of scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  let serve: CliProcess;

  beforeAll(async () => {
    await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    serve = await startCli(
      ["serve"],
      {
        DATA_DIR: "memory://",
        PORT: "0",
        ALLOW_ANONYMOUS_REPORTS: "true",
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        // Export within a tenth of a second instead of the SDK's 5 s.
        OTEL_BSP_SCHEDULE_DELAY: "100",
      },
      "platform ready",
    );
  });
  afterAll(async () => {
    await serve?.stop();
    collector.close();
  });

  it("exports the intake span and the ETL batch that links it", async () => {
    const base = new URL(serve.ready.health as string).origin;
    const report = v3Report({ dist: "Traced-Dist" });
    const response = await fetch(`${base}/v3/report`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(report),
    });
    expect(response.status).toBe(201);

    const linked = await waitFor(
      async () => {
        const intake = spans.find((span) => span.name === "intake.report");
        const batch = spans.find(
          (span) =>
            span.name === "etl.batch" &&
            span.links?.some((link) => link.traceId === intake?.traceId && link.spanId === intake?.spanId),
        );
        return intake && batch ? { intake, batch } : undefined;
      },
      "the intake span and an ETL batch linking it",
      15_000,
    );
    expect(linked.intake.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(linked.batch.traceId).not.toBe(linked.intake.traceId);
    // The ETL runs in the API process here, so every span names the API as its service.
    expect([...services]).toEqual(["cpantesters-api"]);
  });
});
