import type { FastifyInstance, HTTPMethods } from "fastify";

/**
 * Everything a server may serve, in the order a new user wants to read it. Where `paths` lists
 * several, the first one registered is shown, so that every address printed answers.
 */
const candidates: { label: string; paths: string[]; method?: HTTPMethods }[] = [
  { label: "GraphQL API (HTTP and WebSocket)", paths: ["/graphql"], method: "POST" },
  { label: "Console (GraphiQL)", paths: ["/console"] },
  { label: "Web", paths: ["/"] },
  { label: "REST (v3)", paths: ["/v3", "/v3/release"] },
  { label: "API documents", paths: ["/docs"] },
  { label: "Health (process up)", paths: ["/healthz"] },
  { label: "Ready (database reachable)", paths: ["/readyz"] },
  { label: "Metrics (Prometheus)", paths: ["/metrics"] },
];

export interface ServedAddress {
  label: string;
  url: string;
}

/** The addresses this server really answers on, with its real port: only routes it registered. */
export function servedAddresses(app: FastifyInstance, baseUrl: string): ServedAddress[] {
  return candidates.flatMap(({ label, paths, method }) => {
    const path = paths.find((url) => app.hasRoute({ method: method ?? "GET", url }));
    return path === undefined ? [] : [{ label, url: `${baseUrl}${path}` }];
  });
}

/** One address a line, labels aligned, for the start-up message. */
export function formatAddresses(addresses: ServedAddress[]): string {
  const width = Math.max(...addresses.map(({ label }) => label.length));
  return addresses.map(({ label, url }) => `  ${`${label}:`.padEnd(width + 1)} ${url}`).join("\n");
}
