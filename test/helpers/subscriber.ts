import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import type { EventBus, Topic } from "../../src/events/index.js";
import type { GraphQLResponse } from "./server.js";
import { waitFor } from "./wait.js";

export interface Closed {
  code: number;
  reason: string;
}

/** One subscription on a graphql-ws connection of its own, recording every message it receives. */
export interface TestSubscription<Result> {
  /** Every `next` payload, in order. */
  received: GraphQLResponse<Result>[];
  /** Waits until `count` payloads have arrived and returns them all. */
  waitForCount(count: number, timeoutMs?: number): Promise<GraphQLResponse<Result>[]>;
  /** Resolves when the server closes the socket. */
  closed: Promise<Closed>;
  client: Client;
  dispose(): Promise<void>;
}

/** `http://host:port` → `ws://host:port/graphql` */
export const graphqlWsUrl = (httpUrl: string) => `${httpUrl.replace(/^http/, "ws")}/graphql`;

/**
 * Subscribes over a real socket with the graphql-ws client (no retries: a close is final).
 * `headers` go with the upgrade request, as a browser sends its session cookie.
 */
export function subscribe<Result, Variables extends Record<string, unknown>>(
  httpUrl: string,
  document: TypedDocumentNode<Result, Variables>,
  variables?: Variables,
  connectionParams?: Record<string, unknown>,
  headers?: Record<string, string>,
): TestSubscription<Result> {
  const received: GraphQLResponse<Result>[] = [];
  let onClosed: (closed: Closed) => void = () => undefined;
  const closed = new Promise<Closed>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: graphqlWsUrl(httpUrl),
    webSocketImpl: headers ? socketWithHeaders(headers) : WebSocket,
    lazy: false,
    retryAttempts: 0,
    // A refused connection is what some tests expect; `closed` records it.
    onNonLazyError: () => undefined,
    ...(connectionParams ? { connectionParams } : {}),
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
      },
    },
  });
  client.subscribe<Result>(
    { query: print(document), ...(variables ? { variables } : {}) },
    {
      next: (value) => received.push(value as GraphQLResponse<Result>),
      // Errors of the operation arrive as `next` payloads; a closed socket shows in `closed`.
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return {
    received,
    closed,
    client,
    waitForCount: (count, timeoutMs) =>
      waitFor(
        () => (received.length >= count ? received : undefined),
        `${count} events (got ${received.length})`,
        timeoutMs,
      ),
    dispose: () => client.dispose() as Promise<void>,
  };
}

/** The `ws` WebSocket, sending these headers with its upgrade request. */
function socketWithHeaders(headers: Record<string, string>): unknown {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

/**
 * Waits until the server holds exactly `count` subscriptions to `topic` and events published now
 * reach them (with Redis: once Redis has confirmed the channel).
 */
export function waitForSubscribers(events: EventBus, topic: Topic, count: number, timeoutMs?: number): Promise<true> {
  return waitFor(
    () => (events.subscribers(topic) === count && (count === 0 || events.delivers(topic)) ? true : undefined),
    `${count} subscribers to ${topic} (have ${events.subscribers(topic)})`,
    timeoutMs,
  );
}
