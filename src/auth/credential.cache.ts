/** How long a verified credential is trusted without asking the database again. */
export const CREDENTIAL_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/**
 * Remembers, for a short while, who a verified credential belongs to: a smoker sends thousands of
 * reports with the same token or secret, and one database round trip per report for the same
 * answer would be a fifth of the intake's work. Only successes are kept (a new token works at
 * once); a revoked token or changed secret stops working within CREDENTIAL_TTL_MS.
 */
export class CredentialCache<Value> {
  private readonly entries = new Map<string, { value: Value; expires: number }>();

  async get(credential: string, verify: () => Promise<Value | undefined>): Promise<Value | undefined> {
    const now = Date.now();
    const cached = this.entries.get(credential);
    if (cached && cached.expires > now) return cached.value;
    const value = await verify();
    this.entries.delete(credential);
    if (value !== undefined) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(credential, { value, expires: now + CREDENTIAL_TTL_MS });
    }
    return value;
  }
}
