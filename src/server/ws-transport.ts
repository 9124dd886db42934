import type { FastifyInstance, FastifyRequest } from "fastify";
import { CloseCode, type Server } from "graphql-ws";
import type { RawData, WebSocket } from "ws";

/**
 * Close code for a subscriber that does not read its events fast enough: its socket had more than
 * WS_MAX_BUFFERED_BYTES waiting to be sent, or one of its subscriptions fell more than
 * SUBSCRIBER_BUFFER_EVENTS behind. The client may reconnect, and catch up with a query.
 */
export const SUBSCRIBER_TOO_SLOW = { code: 4008, reason: "subscriber too slow" } as const;

/** What graphql-ws hands our hooks about the connection (its `ctx.extra`). */
export interface WsExtra {
  socket: WebSocket;
  request: FastifyRequest;
  /** Closes this connection with SUBSCRIBER_TOO_SLOW (once). */
  closeTooSlow(): void;
}

export interface WsTransportOptions {
  /** Bytes that may wait in the socket's send buffer before the subscriber counts as too slow. */
  maxBufferedBytes: number;
  /** Ping every this many ms, and drop a client that has not answered by the next ping. */
  keepAliveMs?: number;
  onOpen?(): void;
  onClose?(): void;
  onTooSlow?(): void;
}

/**
 * The WebSocket side of graphql-ws for @fastify/websocket, in place of graphql-ws's own adapter
 * (graphql-ws/use/@fastify/websocket) for one reason: memory. That adapter resolves each send when
 * the kernel has taken the bytes, and graphql-ws awaits it, so a client that stops reading stalls
 * its subscriptions while their events pile up unseen. Here a send only queues the bytes, the
 * socket's queue (`bufferedAmount`) is the one bounded buffer per connection, and a connection
 * over the bound is closed with SUBSCRIBER_TOO_SLOW. Keep-alive and error handling follow the
 * original adapter.
 */
export function graphqlWsTransport(server: Server<WsExtra>, options: WsTransportOptions) {
  const keepAliveMs = options.keepAliveMs ?? 12_000;

  return function handler(this: FastifyInstance, socket: WebSocket, request: FastifyRequest): void {
    options.onOpen?.();
    let tooSlow = false;
    const closeTooSlow = () => {
      if (tooSlow || socket.readyState !== socket.OPEN) return;
      tooSlow = true;
      options.onTooSlow?.();
      // The close frame queues behind the unsent bytes: a slow reader still learns why. One that
      // never reads is dropped by ws's close timeout (30 s); until then nothing more is queued.
      socket.close(SUBSCRIBER_TOO_SLOW.code, SUBSCRIBER_TOO_SLOW.reason);
    };

    socket.once("error", (error) => {
      request.log.warn({ err: error }, "graphql-ws socket error");
      socket.close(CloseCode.InternalServerError, "Internal server error");
    });

    const stopKeepAlive = keepAlive(socket, keepAliveMs);

    const closed = server.opened(
      {
        protocol: socket.protocol,
        send(data) {
          if (socket.readyState !== socket.OPEN) return;
          socket.send(data);
          if (socket.bufferedAmount > options.maxBufferedBytes) closeTooSlow();
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage(receive) {
          socket.on("message", (message) => {
            receive(messageText(message)).catch((error: unknown) => {
              request.log.error({ err: error }, "graphql-ws message handling failed");
              socket.close(CloseCode.InternalServerError, "Internal server error");
            });
          });
        },
      },
      { socket, request, closeTooSlow },
    );

    socket.once("close", (code, reason) => {
      stopKeepAlive();
      options.onClose?.();
      closed(code, String(reason)).catch((error: unknown) => {
        request.log.error({ err: error }, "graphql-ws close handling failed");
      });
    });
  };
}

/**
 * Pings a socket every `intervalMs` and drops it when no pong has come by the next ping: a client
 * that vanished without closing would otherwise hold its subscriptions forever. Returns the stop.
 */
export function keepAlive(socket: WebSocket, intervalMs: number): () => void {
  let pongWait: NodeJS.Timeout | undefined;
  const pinger = setInterval(() => {
    if (socket.readyState !== socket.OPEN) return;
    pongWait = setTimeout(() => socket.terminate(), intervalMs);
    socket.once("pong", () => clearTimeout(pongWait));
    socket.ping();
  }, intervalMs);
  return () => {
    clearTimeout(pongWait);
    clearInterval(pinger);
  };
}

/** A message as text; ws hands over Buffers unless told otherwise. */
function messageText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString("utf8");
}
