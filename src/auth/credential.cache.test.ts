import { afterEach, describe, expect, it, vi } from "vitest";
import { CREDENTIAL_TTL_MS, CredentialCache } from "./credential.cache.js";

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
});
