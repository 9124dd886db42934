import { pino, type Logger, type LoggerOptions } from "pino";
import type { Config } from "./config.js";

export type { Logger };

/** pino options shared by the standalone logger and Fastify's request logger. */
export function loggerOptions(config: Pick<Config, "logLevel" | "logFormat">): LoggerOptions {
  return {
    level: config.logLevel,
    // pino-pretty runs in a worker thread, so a readable terminal costs the event loop nothing.
    ...(config.logFormat === "pretty"
      ? { transport: { target: "pino-pretty", options: { translateTime: "HH:MM:ss.l", ignore: "pid,hostname" } } }
      : {}),
  };
}

export function createLogger(config: Pick<Config, "logLevel" | "logFormat">): Logger {
  return pino(loggerOptions(config));
}
