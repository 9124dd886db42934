import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { apiTokens, type TesterRow, testers, TokenScope } from "../schema/index.js";

/*
 * Secrets and tokens are hashed with SHA-256, not a slow password hash: both are long random
 * strings made by software (the Metabase client's secret, our tokens), so a fast hash is as safe,
 * and intake verifies one on every report at thousands of reports a second.
 */
export const hashSecret = (secret: string): string => createHash("sha256").update(secret).digest("hex");

export interface TesterProfile {
  id: string;
  fullName: string;
  email: string;
}

export async function findTester(db: Db, id: string): Promise<TesterRow | undefined> {
  const [row] = await db.select().from(testers).where(eq(testers.id, id));
  return row;
}

/** Testers by id, in no particular order; unknown ids are absent. */
export function findTesters(db: Db, ids: readonly string[]): Promise<TesterRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(testers)
    .where(inArray(testers.id, [...ids]));
}

/**
 * The first tester with this e-mail address, if any (token-only testers are found by address).
 * Case does not matter: `Ada@Example.org` is the same tester, not a second one.
 */
export async function findTesterByEmail(db: Db, email: string): Promise<TesterRow | undefined> {
  const [row] = await db
    .select()
    .from(testers)
    .where(sql`lower(${testers.email}) = lower(${email})`)
    .orderBy(testers.id)
    .limit(1);
  return row;
}

/** Adds a tester without a Metabase secret (one who submits with API tokens). */
export async function createTester(db: Db, profile: TesterProfile): Promise<void> {
  await db.insert(testers).values(profile);
}

/** Registers a Metabase profile with its secret; registering the same profile again changes nothing. */
export async function registerTester(db: Db, profile: TesterProfile, secret: string): Promise<void> {
  await db
    .insert(testers)
    .values({ ...profile, secretHash: hashSecret(secret) })
    .onConflictDoNothing({ target: testers.id });
}

/** The tester whose Metabase secret this is; undefined for an unknown tester or a wrong secret. */
export async function verifyTesterSecret(db: Db, id: string, secret: string): Promise<TesterRow | undefined> {
  const tester = await findTester(db, id);
  if (!tester?.secretHash || tester.blockedAt) return undefined;
  const expected = Buffer.from(tester.secretHash, "hex");
  const given = Buffer.from(hashSecret(secret), "hex");
  return timingSafeEqual(expected, given) ? tester : undefined;
}

/**
 * Gives a profile imported from the original database (which held no secrets) the secret of its
 * first Metabase submission or registration; `profile` also updates the name and address when
 * a registration sends them. Undefined when the tester is not such a profile, or another request
 * claimed it first: the update only applies while no secret is set.
 */
export async function claimImportedTester(
  db: Db,
  id: string,
  secret: string,
  profile?: Omit<TesterProfile, "id">,
): Promise<TesterRow | undefined> {
  const [row] = await db
    .update(testers)
    .set({ secretHash: hashSecret(secret), ...profile })
    .where(and(eq(testers.id, id), isNull(testers.secretHash), isNotNull(testers.importedAt)))
    .returning();
  return row;
}

/** Creates an API token for a tester and returns it; only its hash is kept. */
export async function createApiToken(
  db: Db,
  testerId: string,
  label: string,
  scopes: TokenScope[] = [TokenScope.submitReports],
): Promise<string> {
  const token = `cpt_${randomBytes(32).toString("base64url")}`;
  await db.insert(apiTokens).values({ tokenHash: hashSecret(token), testerId, label, scopes });
  return token;
}

export interface TokenHolder {
  tester: TesterRow;
  scopes: TokenScope[];
}

/** Who holds a live (not revoked) token and what it allows, or undefined. */
export async function findTokenHolder(db: Db, token: string): Promise<TokenHolder | undefined> {
  const [row] = await db
    .select({ tester: testers, scopes: apiTokens.scopes })
    .from(apiTokens)
    .innerJoin(testers, eq(testers.id, apiTokens.testerId))
    .where(and(eq(apiTokens.tokenHash, hashSecret(token)), isNull(apiTokens.revokedAt), isNull(testers.blockedAt)));
  return row && { tester: row.tester, scopes: row.scopes as TokenScope[] };
}

export async function revokeApiToken(db: Db, token: string): Promise<boolean> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, hashSecret(token)), isNull(apiTokens.revokedAt)))
    .returning({ tokenHash: apiTokens.tokenHash });
  return revoked.length > 0;
}

export interface TesterWithTokens {
  tester: TesterRow;
  tokens: { tokenHash: string; label: string; scopes: string[]; createdAt: Date; revokedAt: Date | null }[];
}

/** Testers, newest first, with every token they hold (revoked ones too); `email` filters by address. */
export async function listTesters(
  db: Db,
  options: { first: number; email?: string | undefined },
): Promise<TesterWithTokens[]> {
  const rows = await db
    .select()
    .from(testers)
    .where(options.email ? sql`lower(${testers.email}) = lower(${options.email})` : undefined)
    .orderBy(sql`${testers.createdAt} desc`, testers.id)
    .limit(options.first);
  const tokens =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(apiTokens)
          .where(
            inArray(
              apiTokens.testerId,
              rows.map((row) => row.id),
            ),
          )
          .orderBy(apiTokens.createdAt);
  return rows.map((tester) => ({
    tester,
    tokens: tokens
      .filter((token) => token.testerId === tester.id)
      .map(({ tokenHash, label, scopes, createdAt, revokedAt }) => ({
        tokenHash,
        label,
        scopes,
        createdAt,
        revokedAt,
      })),
  }));
}

/** Revokes a token by its hash (what operators see; they never see tokens). */
export async function revokeApiTokenByHash(db: Db, tokenHash: string): Promise<boolean> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .returning({ tokenHash: apiTokens.tokenHash });
  return revoked.length > 0;
}

/** Blocks (or unblocks) a tester: their secret and tokens are refused while blocked. */
export async function setTesterBlocked(db: Db, testerId: string, blocked: boolean): Promise<TesterRow | undefined> {
  const [row] = await db
    .update(testers)
    .set({ blockedAt: blocked ? new Date() : null })
    .where(eq(testers.id, testerId))
    .returning();
  return row;
}
