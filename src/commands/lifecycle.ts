import type { Logger } from "../log.js";

/**
 * A repeat that arrives sooner than this is the same request delivered twice: Ctrl-C under
 * `npm start` reaches the server from the terminal (the whole process group) and again from npm,
 * which forwards SIGINT and SIGTERM to its child.
 */
const REPEAT_MS = 1_000;

/**
 * Runs `stop` once on the first SIGTERM or SIGINT. A second signal while stopping exits at once,
 * for the operator who does not want to wait for in-flight work.
 */
export function onShutdownSignal(log: Logger, stop: () => Promise<void>): void {
  let stoppingSince: number | undefined;
  const handle = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < REPEAT_MS) return;
      log.warn({ signal }, "second signal: exiting without waiting");
      process.exit(1);
    }
    stoppingSince = Date.now();
    log.info({ signal }, "shutting down");
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", handle);
  process.on("SIGINT", handle);
}
