import { z } from "zod";
import { count, flag } from "./env.js";

export type AccountSettings = Readonly<{
  smtpUrl: string | undefined;
  mailFrom: string;
  publicBaseUrl: string;
  signInLinkTtlSeconds: number;
  sessionTtlSeconds: number;
  sessionRotateSeconds: number;
  signInPerIp: number;
  signInPerAddress: number;
  mailMaxAttempts: number;
  mailRetryBaseSeconds: number;
  notifyInProcess: boolean;
}>;

/** Defaults of sign-in, sessions and mail; see the README's configuration table. */
export const ACCOUNT_DEFAULTS = {
  /** Seconds a sign-in link works (once). */
  signInLinkTtlSeconds: 900,
  /** Seconds a session lasts without signing in again. */
  sessionTtlSeconds: 30 * 86_400,
  /** Age in seconds after which a session's cookie gets a new token on its next request. */
  sessionRotateSeconds: 86_400,
  /** Sign-in requests per rate-limit window from one IP address, and for one PAUSE id or address. */
  signInPerIp: 20,
  signInPerAddress: 5,
  mailFrom: "CPAN Testers <noreply@cpantesters.org>",
  /** Attempts at sending one message before it is marked failed; the wait doubles each time. */
  mailMaxAttempts: 8,
  mailRetryBaseSeconds: 60,
} as const;
const A = ACCOUNT_DEFAULTS;

/** The variables of sign-in, sessions, notifications and mail. */
export const accountsEnv = {
  /** SMTP server for mail (smtp:// or smtps://, user and password in the URL). Absent: the development mailbox keeps every message. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "expected an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().min(3).default(A.mailFrom),
  /** The web app's address, for links in mail and whether cookies are Secure (https). Default: http://HOST:PORT */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: "expected an http:// or https:// URL" }).optional(),
  SIGN_IN_LINK_TTL_SECONDS: count(60, 86_400).default(A.signInLinkTtlSeconds),
  SESSION_TTL_SECONDS: count(300, 365 * 86_400).default(A.sessionTtlSeconds),
  SESSION_ROTATE_SECONDS: count(60, 365 * 86_400).default(A.sessionRotateSeconds),
  SIGN_IN_LIMIT_PER_IP: count(1, 1_000_000).default(A.signInPerIp),
  SIGN_IN_LIMIT_PER_ADDRESS: count(1, 1_000_000).default(A.signInPerAddress),
  MAIL_MAX_ATTEMPTS: count(1, 100).default(A.mailMaxAttempts),
  MAIL_RETRY_BASE_SECONDS: count(1, 86_400).default(A.mailRetryBaseSeconds),
  /** Run the notifier, digests and mail delivery inside `serve` (the embedded default). */
  NOTIFY_IN_PROCESS: flag.default(true),
};

/** `host` and `port` (HOST, PORT) make the default PUBLIC_BASE_URL. */
export function toAccountSettings(
  e: z.output<z.ZodObject<typeof accountsEnv>>,
  host: string,
  port: number,
): AccountSettings {
  return {
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    signInLinkTtlSeconds: e.SIGN_IN_LINK_TTL_SECONDS,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    sessionRotateSeconds: e.SESSION_ROTATE_SECONDS,
    signInPerIp: e.SIGN_IN_LIMIT_PER_IP,
    signInPerAddress: e.SIGN_IN_LIMIT_PER_ADDRESS,
    mailMaxAttempts: e.MAIL_MAX_ATTEMPTS,
    mailRetryBaseSeconds: e.MAIL_RETRY_BASE_SECONDS,
    notifyInProcess: e.NOTIFY_IN_PROCESS,
  };
}
