import { afterEach, describe, expect, it, vi } from "vitest";
import { CREDENTIAL_TTL_MS, CredentialCache, MAX_CREDENTIALS } from "./credential.cache.js";

describe("CredentialCache", () => {
  afterEach(() => vi.useRealTimers());

  it("asks once within the time to live, and again after it", async () => {
    vi.useFakeTimers();
    const cache = new CredentialCache<string>();
    const verify = vi.fn(async () => "ada");
    expect(await cache.get("token", verify)).toBe("ada");
    expect(await cache.get("token", verify)).toBe("ada");
    expect(verify).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(CREDENTIAL_TTL_MS + 1);
    expect(await cache.get("token", verify)).toBe("ada");
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it("never keeps a failed verification, so a new credential works at once", async () => {
    const cache = new CredentialCache<string>();
    const answers = [undefined, "ada"];
    const verify = vi.fn(async () => answers.shift());
    expect(await cache.get("token", verify)).toBeUndefined();
    expect(await cache.get("token", verify)).toBe("ada");
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it("keeps at most MAX_CREDENTIALS, forgetting the least recently used first", async () => {
    const cache = new CredentialCache<string>();
    const verify = vi.fn(async () => "ada");
    for (let i = 0; i < MAX_CREDENTIALS; i++) await cache.get(`token-${i}`, verify);
    await cache.get("token-0", verify);
    await cache.get("one-too-many", verify);
    expect(verify).toHaveBeenCalledTimes(MAX_CREDENTIALS + 1);
    await cache.get("token-0", verify);
    expect(verify).toHaveBeenCalledTimes(MAX_CREDENTIALS + 1);
    await cache.get("token-1", verify);
    expect(verify).toHaveBeenCalledTimes(MAX_CREDENTIALS + 2);
  });
});
