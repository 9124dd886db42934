import type { FastifyInstance, FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import { type EventBus, type EventPayloads, SubscriberOverflowError, Topic } from "../events/index.js";
import { keepAlive, SUBSCRIBER_TOO_SLOW } from "./ws-transport.js";

type UploadAdded = EventPayloads[typeof Topic.uploadAdded];

export interface UploadFeedOptions {
  /** Bytes that may wait in a socket's send buffer before its reader counts as too slow. */
  maxBufferedBytes: number;
  /** Ping every this many ms, and drop a client that has not answered by the next ping. */
  keepAliveMs?: number;
}

/**
 * An upload as the original's feeds sent it: the JSON Upload object of its v1/v3 API, keys in the
 * order Mojo::JSON wrote them, `released` to the second as its uploads indexer made it.
 */
export function uploadMessage(upload: UploadAdded): string {
  return JSON.stringify({
    author: upload.author,
    dist: upload.dist,
    filename: upload.filename,
    released: `${upload.releasedAt.slice(0, 19)}Z`,
    version: upload.version,
  });
}

/**
 * Routes a WebSocket handshake to the feed registered at the same address as an HTTP route (GET
 * /v3/upload lists uploads; its handshake opens the live feed). Requests that are no handshake
 * derive nothing and find the HTTP routes as before; addresses without a feed (/graphql) match
 * their one route whatever is derived.
 */
type ConstraintStrategy = Parameters<FastifyInstance["addConstraintStrategy"]>[0];
type RouteStore = NonNullable<ReturnType<ReturnType<ConstraintStrategy["storage"]>["get"]>>;

const upgradeStrategy: ConstraintStrategy = {
  name: "upgrade",
  storage() {
    const stores = new Map<unknown, RouteStore>();
    return {
      get: (value) => stores.get(value) ?? null,
      set: (value, store) => void stores.set(value, store),
    };
  },
  deriveConstraint(request) {
    const upgrade = request.headers.upgrade;
    return typeof upgrade === "string" && upgrade.toLowerCase() === "websocket" ? "websocket" : undefined;
  },
  mustMatchWhenDerived: false,
};

/**
 * The upload feeds of the original API (lib/CPAN/Testers/API.pm): WebSockets at /v1 and /v3
 * `/upload`, `/upload/dist/{dist}` and `/upload/author/{author}` that send each new upload as one
 * text message, fed by the uploadAdded event (so from any API or ETL process when events go
 * through Redis). What clients send is ignored.
 */
export function registerUploadFeeds(app: FastifyInstance, events: EventBus, options: UploadFeedOptions): void {
  if (!app.hasConstraintStrategy(upgradeStrategy.name)) app.addConstraintStrategy(upgradeStrategy);
  const routes: [string, (request: FastifyRequest) => ((upload: UploadAdded) => boolean) | undefined][] = [
    ["/upload", () => undefined],
    [
      "/upload/dist/:dist",
      (request) => {
        const { dist } = request.params as { dist: string };
        return (upload) => upload.dist === dist;
      },
    ],
    [
      "/upload/author/:author",
      (request) => {
        const author = (request.params as { author: string }).author.toUpperCase();
        return (upload) => upload.author === author;
      },
    ],
  ];
  for (const prefix of ["/v1", "/v3"]) {
    for (const [path, filterOf] of routes) {
      app.get(`${prefix}${path}`, { websocket: true, constraints: { upgrade: "websocket" } }, (socket, request) =>
        feedSocket(socket, request, events, filterOf(request), options),
      );
    }
  }
}

function feedSocket(
  socket: WebSocket,
  request: FastifyRequest,
  events: EventBus,
  filter: ((upload: UploadAdded) => boolean) | undefined,
  options: UploadFeedOptions,
): void {
  const feed = events.on(Topic.uploadAdded, filter ? { filter } : {});
  const keepAliveMs = options.keepAliveMs ?? 12_000;
  const stopKeepAlive = keepAlive(socket, keepAliveMs);
  // The code the GraphQL socket closes with for the same.
  const tooSlow = () => socket.close(SUBSCRIBER_TOO_SLOW.code, SUBSCRIBER_TOO_SLOW.reason);
  socket.once("close", () => {
    stopKeepAlive();
    void feed.return?.();
  });

  void (async () => {
    try {
      for await (const upload of feed) {
        if (socket.readyState !== socket.OPEN) break;
        socket.send(uploadMessage(upload));
        // The socket's send buffer is the one bounded queue per reader.
        if (socket.bufferedAmount > options.maxBufferedBytes) return tooSlow();
      }
    } catch (error) {
      if (error instanceof SubscriberOverflowError) return tooSlow();
      request.log.error({ err: error }, "upload feed failed");
      socket.close(1011, "internal error");
    }
  })();
}
