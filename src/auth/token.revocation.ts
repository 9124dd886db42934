import type { Db } from "../db/client.js";
import { hashSecret, revokeApiToken } from "../db/queries/tester.queries.js";
import { type EventBus, Topic } from "../events/index.js";
import type { Logger } from "../log.js";
import { forgetToken } from "./tester.auth.js";

/**
 * Revokes a token and tells every process (through the event bus, so across instances with
 * Redis) to forget it: it stops working everywhere within the bus's delivery time, not the
 * credential cache's 30 s. False when no live token matched.
 */
export async function revokeToken(db: Db, events: EventBus, token: string): Promise<boolean> {
  const revoked = await revokeApiToken(db, token);
  const tokenHash = hashSecret(token);
  forgetToken(db, tokenHash);
  if (revoked) events.emit(Topic.credentialRevoked, { tokenHash });
  return revoked;
}

/** Forgets each token revoked anywhere as its event arrives; returns the function that stops listening. */
export function forgetRevokedTokens(db: Db, events: EventBus, log: Logger): () => void {
  const revocations = events.on(Topic.credentialRevoked);
  void (async () => {
    try {
      for await (const { tokenHash } of revocations) forgetToken(db, tokenHash);
    } catch (error) {
      log.error({ err: error }, "revocation listener stopped; revoked tokens expire from the cache in 30 s");
    }
  })();
  return () => void revocations.return?.();
}
