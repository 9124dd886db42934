import type { ReactNode } from "react";
import { SearchBox } from "./SearchBox";

const NAVIGATION = [
  { href: "/", label: "Home" },
  { href: "/recent", label: "Recent" },
  { href: "/search", label: "Search" },
  { href: "/blead", label: "Blead" },
  { href: "/stats", label: "Stats" },
  { href: "/status", label: "Status" },
  { href: "/console", label: "API" },
];

/** Header with the search box and the navigation, the page, and the footer. */
export function Layout({ search, children }: { search: string; children: ReactNode }) {
  const query = new URLSearchParams(search).get("q") ?? "";
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="header-inner">
          <a className="brand" href="/">
            <span className="brand-mark" aria-hidden="true">
              ✓
            </span>{" "}
            CPAN Testers
          </a>
          <SearchBox initial={query} compact />
          <nav aria-label="Main">
            <ul>
              {NAVIGATION.map((item) => (
                <li key={item.href}>
                  <a href={item.href}>{item.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="page">
        {children}
      </main>
      <footer className="site-footer">
        <p>
          CPAN Testers: test reports for every distribution on CPAN, from volunteers&apos; machines.{" "}
          <a href="/console">GraphQL API</a> · <a href="/v3">REST API</a>
        </p>
      </footer>
    </>
  );
}
