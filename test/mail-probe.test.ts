import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { mailProbe } from "../src/notify/mail.probe.js";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp-server.js";

/** A loopback port that nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("mailProbe", () => {
  let smtp: TestSmtpServer | undefined;
  let silent: Server | undefined;
  afterEach(async () => {
    await smtp?.close();
    smtp = undefined;
    await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
    silent = undefined;
  });

  it("is up without SMTP_URL, saying that messages stay in the development mailbox", async () => {
    expect(await mailProbe(undefined)()).toEqual({
      up: true,
      detail: "no SMTP_URL: messages are kept in the development mailbox, none is sent",
    });
  });

  it("is up when the SMTP server answers", async () => {
    smtp = await startSmtpServer();
    const { port } = new URL(smtp.url);
    expect(await mailProbe(smtp.url)()).toEqual({
      up: true,
      detail: `the SMTP server 127.0.0.1:${port} answered`,
    });
  });

  it("is down when the server refuses the login, naming the server but never the password", async () => {
    // The test server offers no authentication, so any login is refused (535).
    smtp = await startSmtpServer();
    const { port } = new URL(smtp.url);
    const check = await mailProbe(`smtp://mailer:s3cret@127.0.0.1:${port}`)();
    expect(check.up).toBe(false);
    expect(check.detail).toMatch(
      new RegExp(`^the SMTP server 127\\.0\\.0\\.1:${port} failed its check: Invalid login: 535`),
    );
    expect(check.detail).not.toMatch(/s3cret|mailer/);
  });

  it("is down when nothing listens on the port, saying why", async () => {
    const port = await closedPort();
    const check = await mailProbe(`smtp://127.0.0.1:${port}`)();
    expect(check.up).toBe(false);
    expect(check.detail).toMatch(
      new RegExp(`^the SMTP server 127\\.0\\.0\\.1:${port} failed its check: .*ECONNREFUSED`),
    );
  });

  it("gives up on a server that never greets after its timeout, not nodemailer's", async () => {
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent?.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    const started = Date.now();
    const check = await mailProbe(`smtp://127.0.0.1:${port}`, { timeoutMs: 300 })();
    expect(check.up).toBe(false);
    expect(check.detail).toMatch(/Timeout|Greeting never received/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("answers from its last check while fresh, then the stale one while a new check runs", async () => {
    smtp = await startSmtpServer();
    let now = 1_000_000;
    const check = mailProbe(smtp.url, { maxAgeMs: 10_000, now: () => now });
    expect((await check()).up).toBe(true);
    await smtp.close();
    smtp = undefined;
    now += 9_999;
    expect((await check()).up).toBe(true);
    now += 1;
    // Stale: this caller still gets the last answer, and the check it starts finds the server gone.
    expect((await check()).up).toBe(true);
    await expect.poll(async () => (await check()).up, { timeout: 5_000 }).toBe(false);
  });
});
