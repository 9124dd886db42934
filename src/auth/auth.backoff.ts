import type { RateCounter } from "./rate.counter.js";
import { rateLimited } from "./rate.limiter.js";

export interface BackoffSettings {
  /** Failures per profile before the answers become 429; an IP address is allowed ten times as many. */
  failuresAllowed: number;
  /** The first back-off in seconds, doubled by each further failure. */
  backoffSeconds: number;
  backoffMaxSeconds: number;
}

/** How many more failures an IP address gets than one profile: every new tester starts with a 401. */
const IP_FACTOR = 10;

/**
 * Slows down guessing of Metabase secrets: once a profile GUID or an IP address has failed too
 * often, every attempt is answered 429 until its back-off ends, the right secret included, and each
 * further failure doubles the back-off. Failures are forgotten after twice the longest back-off.
 */
export class AuthBackoff {
  constructor(
    private readonly counter: RateCounter,
    private readonly settings: BackoffSettings,
  ) {}

  /** RATE_LIMITED while the profile or the address is backing off. */
  async check(profile: string | undefined, ip: string): Promise<void> {
    const blocks = await Promise.all(this.keys(profile, ip).map(({ key }) => this.counter.peek(`block:${key}`)));
    const longest = Math.max(0, ...blocks.map((block) => (block.count > 0 ? block.resetInMs : 0)));
    if (longest > 0) {
      throw rateLimited("too many failed authentications for this profile or address", Math.ceil(longest / 1000));
    }
  }

  /** Counts a failure, and starts (or lengthens) the back-off of whoever went past the allowance. */
  async failed(profile: string | undefined, ip: string): Promise<void> {
    const { backoffSeconds, backoffMaxSeconds } = this.settings;
    const forgetMs = backoffMaxSeconds * 2000;
    await Promise.all(
      this.keys(profile, ip).map(async ({ key, allowed }) => {
        const { count } = await this.counter.add(`failures:${key}`, 1, forgetMs, true);
        if (count < allowed) return;
        const seconds = Math.min(backoffMaxSeconds, backoffSeconds * 2 ** Math.min(30, count - allowed));
        await this.counter.add(`block:${key}`, 1, seconds * 1000, true);
      }),
    );
  }

  private keys(profile: string | undefined, ip: string) {
    const { failuresAllowed } = this.settings;
    return [
      { key: `ip:${ip}`, allowed: failuresAllowed * IP_FACTOR },
      ...(profile ? [{ key: `profile:${profile.toLowerCase()}`, allowed: failuresAllowed }] : []),
    ];
  }
}
