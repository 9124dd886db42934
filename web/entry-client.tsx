import { startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { App } from "./app/App";
import { browserClient } from "./app/graphql-client";
import { PAGE_DATA_ID, type PageData } from "./app/page-data";
import { loadPage } from "./app/routes";
import "./styles/app.css";

/** Hydrates the server's HTML: the same page module, the same results, then live. */
async function start() {
  const element = document.getElementById(PAGE_DATA_ID);
  const root = document.getElementById("app");
  if (!element || !root) return;
  const data = JSON.parse(element.textContent ?? "{}") as PageData;
  const { Page } = await loadPage(data.route);
  const client = browserClient(data.results);
  // As a transition, hydration yields to the browser every few milliseconds instead of holding the
  // main thread for the whole page: a release's matrix and lists are a few thousand elements, and
  // the page is readable (server-rendered) meanwhile. Input on a part not yet hydrated hydrates it first.
  startTransition(() => {
    hydrateRoot(
      root,
      <App client={client} Page={Page} context={{ params: data.params, search: data.search, now: data.now }} />,
    );
  });
}

void start();
