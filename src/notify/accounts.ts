import type { Registry } from "prom-client";
import type { RateLimiter } from "../auth/rate.limiter.js";
import { SignInService } from "../auth/sign-in.js";
import type { AccountSettings } from "../config.js";
import { hashSecret } from "../db/queries/tester.queries.js";
import type { Database } from "../db/client.js";
import { type EventBus, Topic } from "../events/index.js";
import type { Logger } from "../log.js";
import { Conversations } from "./conversations.js";
import { Invalidations } from "./invalidations.js";
import { JobQueue } from "./job-queue.js";
import { MailMetrics } from "./mail.metrics.js";
import { type Links, signInMail } from "./mail.render.js";
import { mailTransport } from "./mail.transport.js";
import { Notifier } from "./notifier.js";
import { Outbox } from "./outbox.js";

/** Everything the API needs for people: sign-in, notifications, mail, conversations, invalid marks. */
export interface AccountServices {
  settings: AccountSettings;
  links: Links;
  signIn: SignInService;
  outbox: Outbox;
  notifier: Notifier;
  conversations: Conversations;
  invalidations: Invalidations;
  /** Starts the job queue, the digests and the hook on processed reports; stop undoes it. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface AccountDependencies {
  database: Database;
  events: EventBus;
  log: Logger;
  limiter: RateLimiter | undefined;
  windowSeconds: number;
  metrics?: Registry | undefined;
  now?: () => Date;
}

export function createAccounts(settings: AccountSettings, deps: AccountDependencies): AccountServices {
  const { database, events, log } = deps;
  const db = database.db;
  const now = deps.now ?? (() => new Date());
  const links: Links = { baseUrl: settings.publicBaseUrl };
  const transport = mailTransport(settings.smtpUrl, settings.mailFrom);
  const metrics = deps.metrics ? new MailMetrics(deps.metrics, db) : undefined;
  const outbox = new Outbox(
    db,
    transport,
    { maxAttempts: settings.mailMaxAttempts, retryBaseSeconds: settings.mailRetryBaseSeconds },
    log,
    metrics,
    now,
  );
  const minutes = Math.round(settings.signInLinkTtlSeconds / 60);
  const signIn = new SignInService(
    db,
    {
      linkTtlSeconds: settings.signInLinkTtlSeconds,
      sessionTtlSeconds: settings.sessionTtlSeconds,
      sessionRotateSeconds: settings.sessionRotateSeconds,
      perIp: settings.signInPerIp,
      perAddress: settings.signInPerAddress,
      windowSeconds: deps.windowSeconds,
    },
    async (link) => {
      await outbox.send({
        ...signInMail(links, link.address, link.token, minutes),
        kind: "sign-in",
        // The link's hash, as stored: operators see the key, never a usable link.
        idempotencyKey: `sign-in:${hashSecret(link.token)}`,
      });
    },
    deps.limiter,
    now,
  );
  const notifier = new Notifier(db, outbox, links, now);
  let queue: JobQueue | undefined;
  let stopHook: (() => void) | undefined;
  return {
    settings,
    links,
    signIn,
    outbox,
    notifier,
    conversations: new Conversations(db, outbox, events, links, now),
    invalidations: new Invalidations(db, outbox, events, links, now),
    async start() {
      queue = await JobQueue.start(database, outbox, notifier, log);
      stopHook = scanOnReports(events, notifier, log);
      await outbox.sweep();
    },
    async stop() {
      stopHook?.();
      await queue?.stop();
      transport.close();
    },
  };
}

/**
 * Instant notifications: each processed-report event wakes the notifier, which reads every report
 * counted since its cursor. Events that arrive while it scans make one more scan, not one each.
 */
function scanOnReports(events: EventBus, notifier: Notifier, log: Logger): () => void {
  const processed = events.on(Topic.reportProcessed, { bufferSize: 100_000 });
  let running: Promise<void> | undefined;
  let again = false;
  const wake = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await notifier.scanAll();
        } catch (error) {
          log.error({ err: error }, "notifier scan failed; the next event or digest run tries again");
        }
      } while (again);
      running = undefined;
    })();
  };
  void (async () => {
    try {
      for await (const _event of processed) wake();
    } catch (error) {
      log.error({ err: error }, "processed-report listener stopped; digests still catch up every quarter hour");
    }
  })();
  wake();
  return () => void processed.return?.();
}
