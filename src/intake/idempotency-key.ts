import { createHash } from "node:crypto";
import { badInput } from "../errors/index.js";

/** The namespace of report ids derived from an Idempotency-Key (a fixed random UUID of ours). */
const NAMESPACE = Buffer.from("6b1f0c9e8a2d4f57b3e1c0d9a8f7e6d5", "hex");

/** What a key may be: as the IETF Idempotency-Key draft's examples, visible ASCII, at most 255. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The key of an `Idempotency-Key` header, undefined without one. A bad key is refused rather than
 * ignored: ignoring it would count every retry again, the very thing the client asked us to avoid.
 */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header : [header];
  if (key.length !== 1 || !KEY.test(key[0] as string)) {
    throw badInput(
      `Idempotency-Key must be one value of 1..255 visible ASCII characters, got ${JSON.stringify(header)}`,
    );
  }
  return key[0];
}

/**
 * The report id for a submission without `id` that carries an Idempotency-Key: a name-based (v5)
 * UUID of the tester and the key, so the same key from the same tester is the same report, stored
 * once, and the same key from another tester is another report.
 */
export function reportIdForKey(testerId: string | null, key: string): string {
  const hash = createHash("sha1")
    .update(NAMESPACE)
    .update(`${testerId ?? "anonymous"}\n${key}`)
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
