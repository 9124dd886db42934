import type { Db } from "../db/client.js";
import { testersWithEmail } from "../db/queries/account.queries.js";
import { findLiveSession } from "../db/queries/account.queries.js";
import { hashSecret } from "../db/queries/tester.queries.js";
import { ViewerKind, type WebSessionRow } from "../db/schema/index.js";
import { AppError, ErrorCode } from "../errors/index.js";

/** The person signed in to the web app: an author by PAUSE id, or a tester by e-mail address. */
export type Viewer =
  | { kind: typeof ViewerKind.author; pauseId: string; csrfToken: string }
  | {
      kind: typeof ViewerKind.tester;
      email: string;
      /** The tester profiles registered with this address. */
      testerIds: string[];
      /** The name shown for the tester (the first profile's). */
      name: string;
      csrfToken: string;
    };

/** Who a request comes from, as the session cookie says, and whether it proved it came from our pages. */
export interface ViewerState {
  viewer: Viewer | undefined;
  /** The request carried the session's CSRF token (X-CSRF-Token): only then may it change anything. */
  csrfVerified: boolean;
}

export const NO_VIEWER: ViewerState = { viewer: undefined, csrfVerified: false };

/** The viewer of a live session, or undefined. */
export async function viewerOfSession(db: Db, session: WebSessionRow): Promise<Viewer> {
  if (session.kind === ViewerKind.author) {
    return { kind: ViewerKind.author, pauseId: session.subject, csrfToken: session.csrfToken };
  }
  const profiles = await testersWithEmail(db, session.subject);
  return {
    kind: ViewerKind.tester,
    email: session.subject,
    testerIds: profiles.map((p) => p.id),
    name: profiles[0]?.fullName ?? session.subject.split("@")[0] ?? "tester",
    csrfToken: session.csrfToken,
  };
}

/** The live session a cookie token stands for, or undefined. */
export function sessionOfToken(db: Db, token: string | undefined, now: Date): Promise<WebSessionRow | undefined> {
  if (!token || token.length > 200) return Promise.resolve(undefined);
  return findLiveSession(db, hashSecret(token), now);
}

/*
 * Authorization, in one place: every resolver and route that acts for a signed-in person asks here.
 * An author acts only for their own PAUSE id (their settings, their distributions' reports); a
 * tester only for their own reports. Writes also need the CSRF token.
 */

/** The signed-in viewer; UNAUTHENTICATED otherwise. */
export function requireViewer(state: ViewerState): Viewer {
  if (!state.viewer) throw new AppError(ErrorCode.UNAUTHENTICATED, "sign in first: request a link with requestSignIn");
  return state.viewer;
}

/** The signed-in viewer, for a change: FORBIDDEN without the session's CSRF token. */
export function requireViewerWrite(state: ViewerState): Viewer {
  const viewer = requireViewer(state);
  if (!state.csrfVerified) {
    throw new AppError(
      ErrorCode.FORBIDDEN,
      "a change from the browser needs the X-CSRF-Token header with the token of viewer.csrfToken",
    );
  }
  return viewer;
}

/** The signed-in author (optionally, for a change); FORBIDDEN for a tester. */
export function requireAuthor(state: ViewerState, write: boolean): Extract<Viewer, { kind: "author" }> {
  const viewer = write ? requireViewerWrite(state) : requireViewer(state);
  if (viewer.kind !== ViewerKind.author)
    throw new AppError(ErrorCode.FORBIDDEN, "only an author (signed in by PAUSE id) may do this");
  return viewer;
}

/** The viewer, when they are this report's author or its tester; FORBIDDEN otherwise. */
export function requireReportParty(
  viewer: Viewer,
  report: { author: string | null; testerId: string | null },
): ViewerKind {
  if (viewer.kind === ViewerKind.author && report.author !== null && viewer.pauseId === report.author) {
    return ViewerKind.author;
  }
  if (viewer.kind === ViewerKind.tester && report.testerId !== null && viewer.testerIds.includes(report.testerId)) {
    return ViewerKind.tester;
  }
  throw new AppError(ErrorCode.FORBIDDEN, "only the report's author and its tester may do this");
}

/** The report's author only (marking it invalid); FORBIDDEN otherwise. */
export function requireReportAuthor(viewer: Viewer, report: { author: string | null }): string {
  if (viewer.kind !== ViewerKind.author || report.author === null || viewer.pauseId !== report.author) {
    throw new AppError(ErrorCode.FORBIDDEN, "only the author of the report's distribution may do this");
  }
  return viewer.pauseId;
}
