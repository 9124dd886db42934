import { parse as parseCookies, serialize as serializeCookie } from "cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { NO_VIEWER, type ViewerState } from "../auth/viewer.js";
import { authorOfUnsubscribeToken } from "../db/queries/outbox.queries.js";
import type { Db } from "../db/client.js";
import type { AccountServices } from "../notify/accounts.js";
import { unsubscribeAll } from "../notify/notification-settings.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who the session cookie says sent this request (set for every request by the accounts plugin). */
    viewerState?: ViewerState;
  }
}

/** The session cookie's name; `__Host-` (Secure, Path=/, no Domain) when served over TLS. */
export const sessionCookieName = (secure: boolean) => (secure ? "__Host-cpt_session" : "cpt_session");

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

function page(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  return reply
    .code(status)
    .header("cache-control", "no-store")
    .header("referrer-policy", "no-referrer")
    .type("text/html; charset=utf-8")
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)} - CPAN Testers</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    );
}

/**
 * Sessions in the browser: the magic link (`GET /sign-in/{token}` sets the cookie and redirects),
 * a new link for an expired one, sign-out, and one-click unsubscribe (RFC 8058). Every request's
 * cookie is resolved here once, so GraphQL and the routes see the same viewer. Must be registered
 * before the routes that read `request.viewerState`.
 */
export async function registerAccounts(app: FastifyInstance, db: Db, accounts: AccountServices): Promise<void> {
  const secure = accounts.settings.publicBaseUrl.startsWith("https:");
  const name = sessionCookieName(secure);
  const setSession = (reply: FastifyReply, token: string, expiresAt: Date) =>
    reply.header(
      "set-cookie",
      serializeCookie(name, token, { httpOnly: true, secure, sameSite: "lax", path: "/", expires: expiresAt }),
    );
  const clearSession = (reply: FastifyReply) =>
    reply.header(
      "set-cookie",
      serializeCookie(name, "", { httpOnly: true, secure, sameSite: "lax", path: "/", maxAge: 0 }),
    );
  const cookieOf = (request: FastifyRequest) => {
    const header = request.headers.cookie;
    return header?.includes(name) ? parseCookies(header)[name] : undefined;
  };

  app.addHook("onRequest", async (request, reply) => {
    const token = cookieOf(request);
    if (!token) {
      request.viewerState = NO_VIEWER;
      return;
    }
    const csrf = request.headers["x-csrf-token"];
    const state = await accounts.signIn.resolve(token, typeof csrf === "string" ? csrf : undefined, request.ip);
    if (state.rotated) setSession(reply, state.rotated.sessionToken, state.rotated.expiresAt);
    else if (!state.viewer) clearSession(reply);
    request.viewerState = { viewer: state.viewer, csrfVerified: state.csrfVerified };
  });

  await app.register(async (routes) => {
    // The pages' forms and RFC 8058's one-click POST send form bodies; only these routes read them.
    routes.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 4096 },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );
    registerRoutes(routes, db, accounts, { setSession, clearSession, cookieOf });
  });
}

interface CookieCalls {
  setSession: (reply: FastifyReply, token: string, expiresAt: Date) => FastifyReply;
  clearSession: (reply: FastifyReply) => FastifyReply;
  cookieOf: (request: FastifyRequest) => string | undefined;
}

function registerRoutes(app: FastifyInstance, db: Db, accounts: AccountServices, cookies: CookieCalls): void {
  const { setSession, clearSession, cookieOf } = cookies;
  app.get<{ Params: { token: string } }>("/sign-in/:token", async (request, reply) => {
    const result = await accounts.signIn.use(request.params.token, request.ip);
    if (result.outcome === "signed-in") {
      setSession(reply, result.signedIn.sessionToken, result.signedIn.expiresAt);
      return reply.header("cache-control", "no-store").redirect(result.signedIn.returnTo, 303);
    }
    const why =
      result.outcome === "used"
        ? "This sign-in link was used already: each link works once."
        : result.outcome === "expired"
          ? `This sign-in link has expired: links work for ${Math.round(accounts.settings.signInLinkTtlSeconds / 60)} minutes.`
          : "This sign-in link is not one of ours.";
    const renew =
      result.outcome === "unknown"
        ? `<p><a href="/sign-in">Ask for a new link</a></p>`
        : `<form method="post" action="/sign-in/${encodeURIComponent(request.params.token)}/renew"><button type="submit">Send me a new link</button></form><p>or <a href="/sign-in">sign in with another id</a></p>`;
    return page(reply, 410, "Sign-in link not valid", `<p>${escapeHtml(why)}</p>${renew}`);
  });

  // A form post from the expired-link page: a new link goes to the same address, never to the browser.
  app.post<{ Params: { token: string } }>("/sign-in/:token/renew", async (request, reply) => {
    await accounts.signIn.renew(request.params.token, request.ip);
    return page(
      reply,
      200,
      "Check your mail",
      "<p>If the link was ours, a new one is on its way to the same address.</p>",
    );
  });

  // Ends this browser's session. A form post needs the CSRF token as a field; fetch sends the header.
  app.post("/sign-out", async (request, reply) => {
    const state = request.viewerState ?? NO_VIEWER;
    const field = (request.body as { csrf?: unknown } | undefined)?.csrf;
    const csrfOk = state.csrfVerified || (state.viewer !== undefined && field === state.viewer.csrfToken);
    if (state.viewer && !csrfOk)
      return page(reply, 403, "Not signed out", "<p>The request did not come from our page.</p>");
    await accounts.signIn.signOut(cookieOf(request));
    clearSession(reply);
    return reply.code(204).send();
  });

  // RFC 8058: mail clients POST `List-Unsubscribe=One-Click` to the List-Unsubscribe URL.
  app.post<{ Params: { token: string } }>("/unsubscribe/:token", async (request, reply) => {
    const author = await authorOfUnsubscribeToken(db, request.params.token);
    if (!author) return page(reply, 404, "Unknown unsubscribe link", "<p>This link is not one of ours.</p>");
    await unsubscribeAll(db, accounts.notifier, author, new Date());
    return page(
      reply,
      200,
      "Unsubscribed",
      `<p>${escapeHtml(author)} will get no more report mail. <a href="/settings/notifications">Notification settings</a></p>`,
    );
  });

  // A person following the link sees a button; a mail scanner's GET changes nothing.
  app.get<{ Params: { token: string } }>("/unsubscribe/:token", async (request, reply) => {
    const author = await authorOfUnsubscribeToken(db, request.params.token);
    if (!author) return page(reply, 404, "Unknown unsubscribe link", "<p>This link is not one of ours.</p>");
    return page(
      reply,
      200,
      "Unsubscribe",
      `<p>Stop every report mail to ${escapeHtml(author)}@cpan.org?</p><form method="post"><button type="submit">Unsubscribe</button></form>`,
    );
  });
}
