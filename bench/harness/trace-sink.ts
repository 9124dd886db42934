import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An OTLP/HTTP endpoint that takes every export and keeps only counts: what the platform's tracing
 * costs with an exporter that answers at once, the collector's own work left out.
 */
export class TraceSink {
  exports = 0;
  bytes = 0;

  /** The sink the `graphql-tracing` target exports to: one per run, while a scenario needs it. */
  static running: TraceSink | undefined;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<TraceSink> {
    const server = createServer();
    const sink = new TraceSink(server);
    TraceSink.running = sink;
    server.on("request", (request, response) => {
      sink.exports += 1;
      request.on("data", (chunk: Buffer) => (sink.bytes += chunk.length));
      request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end("{}"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return sink;
  }

  /** The value of OTEL_EXPORTER_OTLP_ENDPOINT that sends here. */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    if (TraceSink.running === this) TraceSink.running = undefined;
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
