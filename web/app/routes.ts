import { parse } from "regexparam";
import type { PageModule } from "./page";

export interface RouteDefinition {
  /** The path in Fastify's syntax (`:name` parameters); the server serves each one. */
  path: string;
  /** The page's module under pages/, without `.tsx`: each page is its own chunk in the browser. */
  page: string;
}

/**
 * Every page of the site. Adding a page: a module pages/<name>/<Name>Page.tsx exporting `prepare`
 * and `Page` (see page.ts), and one line here; the server serves the path, the build splits the
 * chunk, and the renderer links it.
 */
export const routes = {
  home: { path: "/", page: "home/HomePage" },
  dist: { path: "/dist/:dist", page: "dist/DistPage" },
  distVersion: { path: "/dist/:dist/:version", page: "dist/DistPage" },
  whyItFails: { path: "/dist/:dist/:version/why", page: "dist/WhyItFailsPage" },
  report: { path: "/report/:id", page: "report/ReportPage" },
  author: { path: "/author/:author", page: "author/AuthorPage" },
  tester: { path: "/tester/:id", page: "tester/TesterPage" },
  stats: { path: "/stats", page: "stats/StatsPage" },
  recent: { path: "/recent", page: "recent/RecentPage" },
  signIn: { path: "/sign-in", page: "sign-in/SignInPage" },
  settings: { path: "/settings/notifications", page: "settings/SettingsPage" },
  mailbox: { path: "/dev/mailbox", page: "mailbox/MailboxPage" },
  status: { path: "/status", page: "status/StatusPage" },
  search: { path: "/search", page: "search/SearchPage" },
  failure: { path: "/failure/:id", page: "failure/FailurePage" },
  blead: { path: "/blead", page: "blead/BleadPage" },
} satisfies Record<string, RouteDefinition>;

export type RouteKey = keyof typeof routes | "notFound";

/** The page for unknown addresses and for things that do not exist (HTTP 404). */
export const notFoundRoute: RouteDefinition = { path: "/404", page: "not-found/NotFoundPage" };

// Vite turns each into a dynamic import: a chunk per page, loaded only where it is needed.
const pageModules = import.meta.glob<PageModule>("../pages/*/*Page.tsx");

export function routeOf(key: RouteKey): RouteDefinition {
  return key === "notFound" ? notFoundRoute : routes[key];
}

/** The page's source as Vite's manifest names it (relative to web/). */
export function pageSource(key: RouteKey): string {
  return `pages/${routeOf(key).page}.tsx`;
}

export function loadPage(key: RouteKey): Promise<PageModule> {
  const load = pageModules[`../${pageSource(key)}`];
  if (!load) throw new Error(`no page module ${pageSource(key)}`);
  return load();
}

const compiled = Object.entries(routes).map(([key, route]) => ({ key: key as RouteKey, ...parse(route.path) }));

/** The route of a path and its decoded parameters, or null. */
export function matchRoute(pathname: string): { key: RouteKey; params: Record<string, string> } | null {
  for (const route of compiled) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    try {
      route.keys.forEach((name, index) => {
        const value = match[index + 1];
        if (value !== undefined) params[name] = decodeURIComponent(value);
      });
    } catch {
      return null; // a malformed %-escape
    }
    return { key: route.key, params };
  }
  return null;
}
