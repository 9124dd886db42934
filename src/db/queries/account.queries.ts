import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import {
  type SignInLinkRow,
  signInLinks,
  testers,
  type ViewerKind,
  type WebSessionRow,
  webSessions,
} from "../schema/index.js";

/** Sign-in links and browser sessions; tokens arrive here already hashed. */

export async function insertSignInLink(db: Db, link: typeof signInLinks.$inferInsert): Promise<void> {
  await db.insert(signInLinks).values(link);
}

export type LinkUse =
  | { outcome: "signed-in"; link: SignInLinkRow }
  | { outcome: "expired" | "used"; link: SignInLinkRow }
  | { outcome: "unknown" };

/** Spends a link: one UPDATE, so two clicks racing each other sign in once. */
export async function useSignInLink(db: Db, tokenHash: string, now: Date): Promise<LinkUse> {
  const [spent] = await db
    .update(signInLinks)
    .set({ usedAt: now })
    .where(and(eq(signInLinks.tokenHash, tokenHash), isNull(signInLinks.usedAt), gt(signInLinks.expiresAt, now)))
    .returning();
  if (spent) return { outcome: "signed-in", link: spent };
  const [link] = await db.select().from(signInLinks).where(eq(signInLinks.tokenHash, tokenHash));
  if (!link) return { outcome: "unknown" };
  return { outcome: link.usedAt ? "used" : "expired", link };
}

export async function findSignInLink(db: Db, tokenHash: string): Promise<SignInLinkRow | undefined> {
  const [link] = await db.select().from(signInLinks).where(eq(signInLinks.tokenHash, tokenHash));
  return link;
}

export async function insertSession(db: Db, session: typeof webSessions.$inferInsert): Promise<void> {
  await db.insert(webSessions).values(session);
}

/** A session that is neither revoked nor expired. */
export async function findLiveSession(db: Db, tokenHash: string, now: Date): Promise<WebSessionRow | undefined> {
  const [row] = await db
    .select()
    .from(webSessions)
    .where(and(eq(webSessions.tokenHash, tokenHash), isNull(webSessions.revokedAt), gt(webSessions.expiresAt, now)));
  return row;
}

/** Moves a session's end (a rotated session keeps working a moment for requests under way). */
export async function expireSessionAt(db: Db, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.update(webSessions).set({ expiresAt }).where(eq(webSessions.tokenHash, tokenHash));
}

/** Ends one session; true when it was live. */
export async function revokeSession(db: Db, tokenHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(webSessions)
    .set({ revokedAt: now })
    .where(and(eq(webSessions.tokenHash, tokenHash), isNull(webSessions.revokedAt)))
    .returning({ tokenHash: webSessions.tokenHash });
  return rows.length > 0;
}

/** Ends every session of one person ("sign out everywhere"); returns how many. */
export async function revokeSessionsOf(db: Db, kind: ViewerKind, subject: string, now: Date): Promise<number> {
  const rows = await db
    .update(webSessions)
    .set({ revokedAt: now })
    .where(and(eq(webSessions.kind, kind), eq(webSessions.subject, subject), isNull(webSessions.revokedAt)))
    .returning({ tokenHash: webSessions.tokenHash });
  return rows.length;
}

/** The newest sign-ins (rotations keep their first sign-in time), for operators. */
export function recentSignIns(db: Db, limit: number): Promise<WebSessionRow[]> {
  return db
    .select()
    .from(webSessions)
    .where(eq(webSessions.createdAt, webSessions.signedInAt))
    .orderBy(desc(webSessions.signedInAt))
    .limit(limit);
}

/** The ids and names of the testers registered with this address (case does not matter). */
export function testersWithEmail(db: Db, email: string): Promise<{ id: string; fullName: string }[]> {
  return db
    .select({ id: testers.id, fullName: testers.fullName })
    .from(testers)
    .where(sql`lower(${testers.email}) = lower(${email})`)
    .orderBy(testers.id);
}
