import nodemailer from "nodemailer";
import type { OutboxMessageRow } from "../db/schema/index.js";

/** Where messages go: an SMTP server, or nowhere but the outbox (the development mailbox). */
export interface MailTransport {
  readonly via: "smtp" | "mailbox";
  send(message: OutboxMessageRow): Promise<void>;
  close(): void;
}

/** An SMTP answer that will not change on retry (5xx: no such mailbox, refused). */
export class PermanentMailError extends Error {
  override name = "PermanentMailError";
}

/** nodemailer over SMTP_URL; without one, messages stay in the outbox as `kept`. */
export function mailTransport(smtpUrl: string | undefined, from: string): MailTransport {
  if (!smtpUrl) return { via: "mailbox", send: async () => undefined, close: () => undefined };
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    via: "smtp",
    async send(message) {
      try {
        await transporter.sendMail({
          from,
          to: message.recipient,
          subject: message.subject,
          text: message.textBody,
          html: message.htmlBody,
          headers: message.headers,
          // The same id on every attempt, so that a receiver can drop a copy sent twice.
          messageId: `<outbox-${message.id}-${message.idempotencyKey.replace(/[^A-Za-z0-9.-]/g, "_").slice(0, 100)}@cpantesters>`,
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500) throw new PermanentMailError(`${code} ${(error as Error).message}`);
        throw error;
      }
    },
    close: () => transporter.close(),
  };
}
