import type { FastifyInstance } from "fastify";
import type { Config } from "../config.js";
import { type AppConfig, type AppDependencies, buildApp } from "./app.js";

export interface RunningServer {
  app: FastifyInstance;
  /** The address it listens on, e.g. http://127.0.0.1:4000 */
  url: string;
  stop(): Promise<void>;
}

/** Starts the HTTP server over an open database and event bus. */
export async function startServer(
  config: Pick<Config, "host" | "port"> & AppConfig,
  deps: AppDependencies,
): Promise<RunningServer> {
  const app = await buildApp(config, deps);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  return { app, url: `http://${host}:${port}`, stop: () => app.close() };
}
