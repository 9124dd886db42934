import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.js";
import {
  expireSessionAt,
  findSignInLink,
  insertSession,
  insertSignInLink,
  revokeSession,
  revokeSessionsOf,
  testersWithEmail,
  useSignInLink,
} from "../db/queries/account.queries.js";
import { hashSecret } from "../db/queries/tester.queries.js";
import { authorExists } from "../db/queries/upload.queries.js";
import { ViewerKind } from "../db/schema/index.js";
import { badInput } from "../errors/index.js";
import { type RateLimiter, rateLimited } from "./rate.limiter.js";
import { sessionOfToken, type Viewer, viewerOfSession, type ViewerState } from "./viewer.js";

/** Limits and lifetimes of sign-in links and sessions (config.ts: SIGN_IN_*, SESSION_*). */
export interface SignInSettings {
  linkTtlSeconds: number;
  sessionTtlSeconds: number;
  /** A session older than this is replaced by a new token on its next request. */
  sessionRotateSeconds: number;
  /** Sign-in requests per rate-limit window, per IP address and per address asked for. */
  perIp: number;
  perAddress: number;
  windowSeconds: number;
}

/** A link to be mailed: to whom, and the token that goes in `/sign-in/{token}`. */
export interface SignInMail {
  kind: ViewerKind;
  /** The address the link goes to: PAUSEID@cpan.org, or the tester's address. */
  address: string;
  /** What the person asked with: the PAUSE id or the address. */
  subject: string;
  token: string;
  expiresAt: Date;
}

/** What the link's owner gets after clicking: the session cookie's token and where to go. */
export interface SignedIn {
  sessionToken: string;
  returnTo: string;
  expiresAt: Date;
}

const PAUSE_ID = /^[A-Za-z][A-Za-z0-9-]{1,8}$/;
const EMAIL = /^[^\s@<>()",;]{1,64}@[^\s@<>()",;]{1,255}$/;
/** Where a link may send the browser: a path on this site, never another origin. */
const SAFE_RETURN = /^\/(?![/\\])[^\s]{0,500}$/;

/** How long a rotated session's old token keeps working, for requests already under way. */
const ROTATION_GRACE_MS = 60_000;

const newToken = () => randomBytes(32).toString("base64url");

/**
 * Sign-in without passwords. A link is mailed only for a PAUSE id that has uploaded something or
 * an address a tester registered, but the answer is the same either way, so nobody learns which
 * addresses exist. Links and sessions are stored as SHA-256 hashes.
 */
export class SignInService {
  constructor(
    private readonly db: Db,
    private readonly settings: SignInSettings,
    private readonly mail: (link: SignInMail) => Promise<void>,
    private readonly limiter: RateLimiter | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Mails a link when the person exists; BAD_USER_INPUT for a malformed id, RATE_LIMITED past the limits. */
  async request(input: { pauseId?: string | null; email?: string | null; returnTo?: string | null }, ip: string) {
    const { pauseId, email } = input;
    if ((pauseId ? 1 : 0) + (email ? 1 : 0) !== 1) throw badInput("give either pauseId or email, not both");
    const returnTo = input.returnTo ?? "/";
    if (!SAFE_RETURN.test(returnTo)) throw badInput("returnTo: expected a path on this site, starting with one /");
    let kind: ViewerKind;
    let subject: string;
    if (pauseId) {
      if (!PAUSE_ID.test(pauseId))
        throw badInput(
          `pauseId: expected a PAUSE id (letters, digits, -), got ${JSON.stringify(pauseId.slice(0, 40))}`,
        );
      kind = ViewerKind.author;
      subject = pauseId.toUpperCase();
    } else {
      const address = (email ?? "").trim();
      if (!EMAIL.test(address)) throw badInput("email: expected an e-mail address");
      kind = ViewerKind.tester;
      subject = address.toLowerCase();
    }
    await this.spend(ip, `${kind}:${subject}`);
    const exists =
      kind === ViewerKind.author
        ? await authorExists(this.db, subject)
        : (await testersWithEmail(this.db, subject)).length > 0;
    if (exists) await this.issue(kind, subject, returnTo);
  }

  /** A new link for the owner of an expired or spent one, mailed to the same address. */
  async renew(oldToken: string, ip: string): Promise<void> {
    const link = await findSignInLink(this.db, hashSecret(oldToken));
    if (!link) return;
    await this.spend(ip, `${link.kind}:${link.subject}`);
    await this.issue(link.kind, link.subject, link.returnTo);
  }

  /** Spends a link and opens a session; the link's state when it cannot be used. */
  async use(
    token: string,
    ip: string,
  ): Promise<{ outcome: "signed-in"; signedIn: SignedIn } | { outcome: "expired" | "used" | "unknown" }> {
    if (token.length > 200) return { outcome: "unknown" };
    const now = this.now();
    const use = await useSignInLink(this.db, hashSecret(token), now);
    if (use.outcome !== "signed-in") return { outcome: use.outcome };
    const session = await this.openSession(use.link.kind, use.link.subject, now, now, ip, newToken());
    return { outcome: "signed-in", signedIn: { ...session, returnTo: use.link.returnTo } };
  }

  /**
   * The viewer of a session cookie and whether the request carries its CSRF token. A session older
   * than the rotation age gets a new token (returned as `rotated`); the old one stays valid a
   * minute for requests already under way.
   */
  async resolve(
    cookieToken: string | undefined,
    csrfHeader: string | undefined,
    ip: string,
  ): Promise<ViewerState & { rotated?: { sessionToken: string; expiresAt: Date } }> {
    const now = this.now();
    const session = await sessionOfToken(this.db, cookieToken, now);
    if (!session) return { viewer: undefined, csrfVerified: false };
    const viewer = await viewerOfSession(this.db, session);
    const state: ViewerState = { viewer, csrfVerified: csrfHeader !== undefined && csrfHeader === session.csrfToken };
    const young = now.getTime() - session.createdAt.getTime() < this.settings.sessionRotateSeconds * 1000;
    // A session in its last minute was rotated already (or is about to end): it is not rotated again.
    const ending = session.expiresAt.getTime() - now.getTime() <= ROTATION_GRACE_MS;
    if (young || ending) return state;
    const rotated = await this.db.transaction(async (tx) => {
      const grace = new Date(now.getTime() + ROTATION_GRACE_MS);
      await expireSessionAt(tx, session.tokenHash, grace);
      return this.openSession(session.kind, session.subject, now, session.signedInAt, ip, session.csrfToken, tx);
    });
    return { ...state, rotated };
  }

  /** Ends the session of this cookie. */
  async signOut(cookieToken: string | undefined): Promise<void> {
    if (cookieToken) await revokeSession(this.db, hashSecret(cookieToken), this.now());
  }

  /** Ends every session of the viewer, on every browser; returns how many. */
  signOutEverywhere(viewer: Viewer): Promise<number> {
    const subject = viewer.kind === ViewerKind.author ? viewer.pauseId : viewer.email;
    return revokeSessionsOf(this.db, viewer.kind, subject, this.now());
  }

  private async issue(kind: ViewerKind, subject: string, returnTo: string): Promise<void> {
    const token = newToken();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.settings.linkTtlSeconds * 1000);
    await insertSignInLink(this.db, {
      tokenHash: hashSecret(token),
      kind,
      subject,
      returnTo,
      createdAt: now,
      expiresAt,
    });
    const address = kind === ViewerKind.author ? `${subject}@cpan.org` : subject;
    await this.mail({ kind, address, subject, token, expiresAt });
  }

  private async spend(ip: string, who: string): Promise<void> {
    if (!this.limiter) return;
    const verdict = await this.limiter.spend("sign-in", [
      { key: `ip:${ip}`, max: this.settings.perIp },
      { key: `to:${hashSecret(who).slice(0, 22)}`, max: this.settings.perAddress },
    ]);
    if (!verdict.allowed) {
      throw rateLimited(
        `rate limit of ${verdict.limit} sign-in requests per ${this.settings.windowSeconds} s exceeded`,
        verdict.resetInSeconds,
      );
    }
  }

  private async openSession(
    kind: ViewerKind,
    subject: string,
    now: Date,
    signedInAt: Date,
    ip: string,
    csrfToken: string,
    db: Db = this.db,
  ): Promise<{ sessionToken: string; expiresAt: Date }> {
    const sessionToken = newToken();
    const expiresAt = new Date(now.getTime() + this.settings.sessionTtlSeconds * 1000);
    await insertSession(db, {
      tokenHash: hashSecret(sessionToken),
      kind,
      subject,
      csrfToken,
      createdAt: now,
      signedInAt,
      expiresAt,
      ip,
    });
    return { sessionToken, expiresAt };
  }
}
