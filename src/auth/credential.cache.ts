import { LRUCache } from "lru-cache";

/** How long a verified credential is trusted without asking the database again. */
export const CREDENTIAL_TTL_MS = 30_000;
/** Credentials remembered at most; the least recently used goes first. */
export const MAX_CREDENTIALS = 10_000;

/**
 * Remembers, for a short while, who a verified credential belongs to: a smoker sends thousands of
 * reports with the same token or secret, and one database round trip per report for the same
 * answer would be a fifth of the intake's work. Only successes are kept (a new token works at
 * once); a revoked token is forgotten at once through `forget` (see token.revocation.ts), and a
 * changed secret stops working within CREDENTIAL_TTL_MS.
 */
export class CredentialCache<Value extends object | string> {
  // The time to live counts from verification, not from the last use: a revoked token must expire.
  private readonly entries = new LRUCache<string, Value>({
    max: MAX_CREDENTIALS,
    ttl: CREDENTIAL_TTL_MS,
    // Date.now rather than lru-cache's default clock, which it binds when loaded: tests move this one.
    perf: { now: () => Date.now() },
  });

  async get(credential: string, verify: () => Promise<Value | undefined>): Promise<Value | undefined> {
    const cached = this.entries.get(credential);
    if (cached !== undefined) return cached;
    const value = await verify();
    if (value === undefined) this.entries.delete(credential);
    else this.entries.set(credential, value);
    return value;
  }

  forget(credential: string): void {
    this.entries.delete(credential);
  }
}
