import type { Db } from "../db/client.js";
import {
  claimImportedTester,
  findTester,
  findTokenHolder,
  hashSecret,
  registerTester,
  type TesterProfile,
  type TokenHolder,
  verifyTesterSecret,
} from "../db/queries/tester.queries.js";
import { type TesterRow, TokenScope } from "../db/schema/index.js";
import { AppError, ErrorCode } from "../errors/index.js";
import { CredentialCache } from "./credential.cache.js";
import type { CredentialHolder } from "./scope.guard.js";
import { isUuid } from "../report/index.js";

/** A Metabase profile may do one thing: submit reports. */
const METABASE_SCOPES: readonly TokenScope[] = [TokenScope.submitReports];

/** The user and password of an `Authorization: Basic` header, or undefined. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The Authorization header a token stands for (a WebSocket's connection_init token), or undefined. */
export function bearerHeader(token: unknown): string | undefined {
  return typeof token === "string" && token !== "" ? `Bearer ${token}` : undefined;
}

/** The token of an `Authorization: Bearer` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
}

// One cache per database, so that processes (and tests) with several never mix their answers.
const testerCaches = new WeakMap<Db, CredentialCache<TesterRow>>();
const tokenCaches = new WeakMap<Db, CredentialCache<TokenHolder>>();

function cacheOf<Value extends object>(caches: WeakMap<Db, CredentialCache<Value>>, db: Db): CredentialCache<Value> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new CredentialCache<Value>()));
  return cache;
}

/** The Metabase tester behind Basic credentials (profile GUID and secret), or undefined. */
export function metabaseTester(db: Db, header: string | undefined): Promise<TesterRow | undefined> {
  const credentials = basicCredentials(header);
  if (!header || !credentials || !isUuid(credentials.user)) return Promise.resolve(undefined);
  const id = credentials.user.toLowerCase();
  return cacheOf(testerCaches, db).get(
    header,
    // A profile imported from the original has no secret yet: its first submission sets it.
    async () =>
      (await verifyTesterSecret(db, id, credentials.password)) ??
      (await claimImportedTester(db, id, credentials.password)),
  );
}

/** The Metabase tester behind Basic credentials, as a holder of what a profile may do; UNAUTHENTICATED otherwise. */
export async function requireMetabaseTester(db: Db, header: string | undefined): Promise<CredentialHolder> {
  const tester = await metabaseTester(db, header);
  // The client answers a 401 by checking its profile and registering it: the start of every new tester.
  if (!tester) throw await metabaseRefusal(db, header);
  return { tester, scopes: METABASE_SCOPES };
}

/** A 401 that says what the original said for an unknown profile, and what is wrong otherwise. */
async function metabaseRefusal(db: Db, header: string | undefined): Promise<AppError> {
  const user = basicCredentials(header)?.user;
  if (!user) return new AppError(ErrorCode.UNAUTHENTICATED, "expected Basic credentials: profile GUID and secret");
  const known = isUuid(user) && (await findTester(db, user.toLowerCase()));
  return new AppError(
    ErrorCode.UNAUTHENTICATED,
    known ? `wrong secret for user ${user}: check your metabase_id.json` : `User ${user} unrecognized`,
  );
}

/**
 * Registers a Metabase profile with its secret. Registering again with the same secret changes
 * nothing; with another secret it is a CONFLICT, since that would hand over the tester's identity.
 */
export async function registerProfile(db: Db, profile: TesterProfile, secret: string): Promise<void> {
  const existing = await findTester(db, profile.id);
  if (!existing) return registerTester(db, profile, secret);
  // An imported profile without a secret yet takes this one, as a new registration would.
  if (await claimImportedTester(db, profile.id, secret, { fullName: profile.fullName, email: profile.email })) return;
  if (!(await verifyTesterSecret(db, profile.id, secret))) {
    throw new AppError(ErrorCode.CONFLICT, `profile ${profile.id} is already registered with another secret`);
  }
}

/** The holder of a Bearer token, or undefined (no header, or an unknown or revoked token). */
export function tokenHolder(db: Db, header: string | undefined): Promise<TokenHolder | undefined> {
  const token = bearerToken(header);
  if (!token) return Promise.resolve(undefined);
  // Keyed by the stored hash, which is what a revocation event names.
  return cacheOf(tokenCaches, db).get(hashSecret(token), () => findTokenHolder(db, token));
}

/** Forgets a cached token holder at once (a revocation, in this process or another). */
export function forgetToken(db: Db, tokenHash: string): void {
  tokenCaches.get(db)?.forget(tokenHash);
}

/** The holder of the Bearer token of an Authorization header; UNAUTHENTICATED without a live one. */
export async function requireTokenHolder(db: Db, header: string | undefined): Promise<CredentialHolder> {
  if (!header) {
    throw new AppError(ErrorCode.UNAUTHENTICATED, "an API token is required: send `Authorization: Bearer <token>`");
  }
  const holder = await tokenHolder(db, header);
  if (!holder) throw new AppError(ErrorCode.UNAUTHENTICATED, "unknown or revoked API token");
  return holder;
}
