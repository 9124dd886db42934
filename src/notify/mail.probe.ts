import nodemailer from "nodemailer";
import { cachedValue } from "../cached-value.js";

/** What systemStatus shows for mail: up or down, with a line an operator can act on. */
export interface MailCheck {
  up: boolean;
  detail: string;
}

export interface MailProbeOptions {
  /** How long one answer stands before the next caller checks again. Default 15 s. */
  maxAgeMs?: number;
  /** Longest wait for the SMTP server to connect, greet and answer. Default 3 s. */
  timeoutMs?: number;
  now?: () => number;
}

const MAILBOX: MailCheck = {
  up: true,
  detail: "no SMTP_URL: messages are kept in the development mailbox, none is sent",
};

/**
 * Whether mail can leave: without SMTP_URL it is always up (the outbox keeps every message); with
 * one, nodemailer's `verify()` (connect, greet, authenticate) on a connection of its own, so that a
 * check never waits behind a message being sent, and with short timeouts, so that a black-holed
 * server makes systemStatus wait seconds rather than nodemailer's default two minutes.
 */
export function mailProbe(smtpUrl: string | undefined, options: MailProbeOptions = {}): () => Promise<MailCheck> {
  if (!smtpUrl) return async () => MAILBOX;
  const timeoutMs = options.timeoutMs ?? 3_000;
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const server = serverOf(smtpUrl);
  const check = async (): Promise<MailCheck> => {
    try {
      await transporter.verify();
      return { up: true, detail: `the SMTP server ${server} answered` };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { up: false, detail: `the SMTP server ${server} failed its check: ${message}` };
    }
  };
  // Only the first caller waits for the server: systemStatus stays as fast as its database reads.
  return cachedValue(check, options.maxAgeMs ?? 15_000, options.now ?? Date.now);
}

/** host:port, never the user name or password that SMTP_URL may carry: systemStatus is public. */
function serverOf(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.hostname}:${url.port || (url.protocol === "smtps:" ? "465" : "587")}`;
}
