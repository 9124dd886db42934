import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../client.js";
import {
  type ConversationMessageRow,
  conversationMessages,
  reportDocuments,
  reports,
  testers,
  uploads,
  type ViewerKind,
} from "../schema/index.js";

/** A counted report and the two people who may talk about it. */
export interface ReportParties {
  id: number;
  guid: string;
  dist: string;
  version: string;
  grade: string;
  /** The release's author (PAUSE id) as uploads know it. */
  author: string | null;
  /** The tester profile that submitted it (none for an anonymous v3 report). */
  testerId: string | null;
  /** Where the tester is written to: their profile's address, else the report's. Never shown. */
  testerEmail: string | null;
  /** The tester as shown on the report ("Name <address>"). */
  tester: string;
  testerName: string | null;
}

/** The report with this GUID and its author and tester, or undefined. */
export async function reportParties(db: Db, guid: string): Promise<ReportParties | undefined> {
  const [row] = await db
    .select({
      id: reports.id,
      guid: reports.guid,
      dist: reports.dist,
      version: reports.version,
      grade: reports.grade,
      author: uploads.author,
      testerId: reportDocuments.testerId,
      profileEmail: testers.email,
      testerName: testers.fullName,
      tester: reports.tester,
    })
    .from(reports)
    .leftJoin(uploads, and(eq(uploads.dist, reports.dist), eq(uploads.version, reports.version)))
    .leftJoin(reportDocuments, eq(reportDocuments.id, reports.guid))
    .leftJoin(testers, eq(testers.id, reportDocuments.testerId))
    .where(eq(reports.guid, guid));
  if (!row) return undefined;
  const { profileEmail, ...rest } = row;
  return { ...rest, testerEmail: profileEmail ?? addressIn(row.tester) };
}

/** The address in "Name <address>", or a bare address. */
function addressIn(shown: string): string | null {
  const match = /<([^<>\s]+@[^<>\s]+)>/.exec(shown) ?? /^([^<>\s]+@[^<>\s]+)$/.exec(shown.trim());
  return match?.[1] ?? null;
}

export async function insertConversationMessage(
  db: Db,
  message: { reportGuid: string; fromSide: ViewerKind; fromName: string; body: string; createdAt: Date },
): Promise<ConversationMessageRow> {
  const [row] = await db.insert(conversationMessages).values(message).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** A report's thread, oldest first, after an id (paging), at most `limit`. */
export function conversationOf(
  db: Db,
  guid: string,
  afterId: number,
  limit: number,
): Promise<ConversationMessageRow[]> {
  return db
    .select()
    .from(conversationMessages)
    .where(and(eq(conversationMessages.reportGuid, guid), gt(conversationMessages.id, afterId)))
    .orderBy(asc(conversationMessages.id))
    .limit(limit);
}
