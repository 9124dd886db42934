import { randomBytes, randomUUID } from "node:crypto";
import { createClient } from "redis";
import WebSocket from "ws";
import { percentiles, wallMs } from "./live-processes.js";
import type { ChildReply, ChildRequest } from "./load.protocol.js";

/*
 * The load side of the live benchmarks, in a process of its own so that the server's figures
 * are not the load's: it holds the subscribers (raw graphql-transport-ws sockets, lighter than
 * the graphql-ws client at ten thousand connections), submits reports at a fixed rate, and
 * measures, on one clock, from sending a report to each subscriber receiving its event.
 */

type OnData = (data: Record<string, unknown>) => void;

const sockets: WebSocket[] = [];
let onData: OnData = () => undefined;
/** Messages received per socket since the last reset (for the broadcast check). */
let receivedBy = new Map<WebSocket, number>();
/** Sockets the server closed after acknowledging them: a held subscriber should never be one. */
let closedAfterAck = 0;

/**
 * One subscriber: a socket, connection_init, then one subscription. Resolves once it is sent;
 * rejects when the socket closes or errs first, or nothing is acknowledged in 20 s.
 */
function openSubscriber(url: string, query: string, variables: Record<string, unknown>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, "graphql-transport-ws", { perMessageDeflate: false });
    let acknowledged = false;
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error("no connection_ack within 20 s"));
    }, 20_000);
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init" })));
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on("close", (code, reason) => {
      clearTimeout(timer);
      if (!acknowledged) reject(new Error(`closed with ${code} ${reason.toString()} before connection_ack`));
      else closedAfterAck += 1;
    });
    socket.on("message", (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as { type: string; payload?: { data?: Record<string, unknown> } };
      if (message.type === "connection_ack") {
        acknowledged = true;
        clearTimeout(timer);
        socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query, variables } }));
        resolve(socket);
      } else if (message.type === "next" && message.payload?.data) {
        receivedBy.set(socket, (receivedBy.get(socket) ?? 0) + 1);
        onData(message.payload.data);
      } else if (message.type === "ping") {
        socket.send(JSON.stringify({ type: "pong" }));
      }
    });
  });
}

async function connect(request: Extract<ChildRequest, { cmd: "connect" }>): Promise<ChildReply> {
  let failed = 0;
  let retries = 0;
  let lastError = "";
  let next = 0;
  // Numbered from those already open, so that each distribution gets exactly its share.
  const base = sockets.length;
  const started = wallMs();
  // A few hundred handshakes at a time: the server's accept queue is finite.
  const worker = async () => {
    while (next < request.count) {
      const index = base + next++;
      const variables = request.dists > 0 ? { dist: `Bench-Live-${index % request.dists}` } : {};
      // A real client reconnects when a handshake fails (on a starved machine the server may
      // close one that waited too long for its connection_init): so does this one, twice.
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          sockets.push(await openSubscriber(request.url, request.query, variables));
          break;
        } catch (error) {
          retries += 1;
          lastError = String(error);
          if (attempt === 3) failed += 1;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(request.concurrency, request.count) }, worker));
  return {
    type: "connected",
    total: sockets.length,
    failed,
    retries: retries - failed,
    lastError,
    closedAfterAck,
    seconds: (wallMs() - started) / 1000,
  };
}

function reportDocument(dist: string) {
  return {
    id: randomUUID(),
    created: new Date().toISOString(),
    reporter: { name: "Bench Tester", email: "bench@example.org" },
    environment: {
      language: { name: "Perl 5", version: "5.38.2", archname: "x86_64-linux" },
      system: { osname: "linux", osversion: "6.1.0" },
    },
    distribution: { name: dist, version: "1.00" },
    result: { grade: "pass", output: { test: "t/basic.t .. ok\nAll tests successful.\nResult: PASS\n" } },
  };
}

async function submit(request: Extract<ChildRequest, { cmd: "submit" }>): Promise<ChildReply> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const submitMs: number[] = [];
  let measuring = false;
  let accepted = 0;
  let errors = 0;
  let measuredReports = 0;
  onData = (data) => {
    const guid = (data.reportProcessed as { guid?: string } | undefined)?.guid;
    const at = guid === undefined ? undefined : sentAt.get(guid);
    if (at !== undefined) latencies.push(wallMs() - at);
  };
  const send = (index: number) => {
    const document = reportDocument(`Bench-Live-${index % request.dists}`);
    const started = wallMs();
    if (measuring) {
      sentAt.set(document.id, started);
      measuredReports += 1;
    }
    fetch(`${request.url}/v3/report`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${request.token}` },
      body: JSON.stringify(document),
    }).then(
      async (response) => {
        await response.arrayBuffer();
        if (response.status === 201) accepted += 1;
        else errors += 1;
        if (measuring) submitMs.push(wallMs() - started);
      },
      () => (errors += 1),
    );
  };

  // Open loop: reports leave on schedule whether or not earlier ones were answered.
  const interval = 1000 / request.rate;
  const start = wallMs();
  const warmupEnd = start + request.warmupSeconds * 1000;
  const end = warmupEnd + request.seconds * 1000;
  let due = start;
  let index = 0;
  while (wallMs() < end) {
    const now = wallMs();
    measuring = now >= warmupEnd;
    while (due <= now) {
      send(index++);
      due += interval;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  // Let the last events arrive: the longest wait is what a p99 would show anyway.
  const expected = measuredReports * request.fanout;
  const drainUntil = wallMs() + 15_000;
  while (latencies.length < expected && wallMs() < drainUntil) await new Promise((r) => setTimeout(r, 50));
  onData = () => undefined;
  return {
    type: "submitted",
    sent: index,
    accepted,
    errors,
    measuredReports,
    expectedDeliveries: expected,
    deliveries: latencies.length,
    latency: percentiles(latencies),
    submit: percentiles(submitMs),
  };
}

/** Redis pub/sub alone, at the same rate and message size: the floor under any event's latency. */
async function redisBaseline(request: Extract<ChildRequest, { cmd: "redis-baseline" }>): Promise<ChildReply> {
  const publisher = createClient({ url: request.redisUrl });
  const subscriber = publisher.duplicate();
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const channel = `bench-baseline-${randomBytes(4).toString("hex")}`;
  const latencies: number[] = [];
  await subscriber.subscribe(channel, (message) => {
    latencies.push(wallMs() - (JSON.parse(message) as { sentAt: number }).sentAt);
  });
  const padding = "x".repeat(200);
  const interval = 1000 / request.rate;
  const end = wallMs() + request.seconds * 1000;
  let due = wallMs();
  let sent = 0;
  while (wallMs() < end) {
    while (due <= wallMs()) {
      void publisher.publish(channel, JSON.stringify({ sentAt: wallMs(), padding }));
      sent += 1;
      due += interval;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const drainUntil = wallMs() + 5_000;
  while (latencies.length < sent && wallMs() < drainUntil) await new Promise((r) => setTimeout(r, 20));
  await Promise.all([publisher.close(), subscriber.close()]);
  return { type: "baseline", sent, latency: percentiles(latencies) };
}

/** Waits until every socket has received a message since the request; reports when the last did. */
async function awaitBroadcast(request: Extract<ChildRequest, { cmd: "await-broadcast" }>): Promise<ChildReply> {
  receivedBy = new Map();
  let last = 0;
  onData = () => (last = wallMs());
  process.send?.({ type: "listening" } satisfies ChildReply);
  const until = wallMs() + request.timeoutMs;
  while (receivedBy.size < sockets.length && wallMs() < until) await new Promise((r) => setTimeout(r, 5));
  onData = () => undefined;
  return { type: "broadcast", received: receivedBy.size, of: sockets.length, lastAt: last };
}

process.on("message", (message: ChildRequest) => {
  const handle = async (): Promise<ChildReply> => {
    switch (message.cmd) {
      case "connect":
        return connect(message);
      case "submit":
        return submit(message);
      case "redis-baseline":
        return redisBaseline(message);
      case "await-broadcast":
        return awaitBroadcast(message);
      case "close":
        for (const socket of sockets) socket.terminate();
        return { type: "closed" };
    }
  };
  handle().then(
    (reply) => process.send?.(reply),
    (error: unknown) => process.send?.({ type: "error", message: String(error) } satisfies ChildReply),
  );
});
process.send?.({ type: "ready" } satisfies ChildReply);
