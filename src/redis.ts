import { createClient, type RedisClientType } from "redis";
import type { Logger } from "./log.js";

/**
 * A node-redis client for a part of the platform that must not depend on Redis being up (events,
 * the response cache): a command issued while disconnected fails at once instead of queueing in
 * memory without bound, and the client keeps reconnecting, backing off to every 2 s.
 */
export function createRedisClient(url: string): RedisClientType {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
}

/**
 * Connects the clients, waiting at most `timeoutMs`: a Redis that is down at start-up delays the
 * process by that much, then the clients go on connecting in the background.
 */
export async function connectWithin(
  clients: { connect(): Promise<unknown> }[],
  timeoutMs: number,
  log: Logger,
): Promise<void> {
  const connected = Promise.all(clients.map((client) => client.connect())).then(
    () => true,
    (error: unknown) => {
      log.warn({ err: error }, "redis connection failed");
      return false;
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const ok = await Promise.race([connected, timedOut]);
  clearTimeout(timer);
  if (!ok) log.warn({ timeoutMs }, "redis unreachable at start-up: carrying on without it until it answers");
}
