import type { Db } from "../db/client.js";
import { findTokenHolder, type TokenHolder, verifyTesterSecret } from "../db/queries/tester.queries.js";
import type { TesterRow } from "../db/schema/index.js";
import { CredentialCache } from "./credential.cache.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user and password of an `Authorization: Basic` header, or undefined. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The token of an `Authorization: Bearer` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
}

// One cache per database, so that processes (and tests) with several never mix their answers.
const testerCaches = new WeakMap<Db, CredentialCache<TesterRow>>();
const tokenCaches = new WeakMap<Db, CredentialCache<TokenHolder>>();

function cacheOf<Value>(caches: WeakMap<Db, CredentialCache<Value>>, db: Db): CredentialCache<Value> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new CredentialCache<Value>()));
  return cache;
}

/** The Metabase tester behind Basic credentials (profile GUID and secret), or undefined. */
export function metabaseTester(db: Db, header: string | undefined): Promise<TesterRow | undefined> {
  const credentials = basicCredentials(header);
  if (!header || !credentials || !UUID.test(credentials.user)) return Promise.resolve(undefined);
  return cacheOf(testerCaches, db).get(header, () =>
    verifyTesterSecret(db, credentials.user.toLowerCase(), credentials.password),
  );
}

/** The holder of a Bearer token, or undefined (no header, or an unknown or revoked token). */
export function tokenHolder(db: Db, header: string | undefined): Promise<TokenHolder | undefined> {
  const token = bearerToken(header);
  if (!token) return Promise.resolve(undefined);
  return cacheOf(tokenCaches, db).get(token, () => findTokenHolder(db, token));
}
