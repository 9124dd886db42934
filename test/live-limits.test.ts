import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type ReportProcessedPayload, Topic } from "../src/events/index.js";
import { graphql } from "./generated/index.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";
import { type Closed, graphqlWsUrl, subscribe, waitForSubscribers } from "./helpers/subscriber.js";
import { waitFor } from "./helpers/wait.js";

const REPORT_IDS = graphql(`
  subscription LiveReportIds {
    reportProcessed {
      reportId
    }
  }
`);

/** A report event as the ETL would publish it; `dist` can be made large to fill sockets quickly. */
const reportEvent = (id: number, dist = "Slow-Dist"): ReportProcessedPayload => ({
  id,
  guid: randomUUID(),
  dist,
  version: "1.00",
  author: null,
  grade: "pass",
  osname: "linux",
  perl: "5.36.0",
  perlSeries: "5.36",
});

/** A graphql-ws client written by hand on a raw socket, so that the test controls its reading. */
async function rawSubscriber(httpUrl: string, query: string) {
  const socket = new WebSocket(graphqlWsUrl(httpUrl), "graphql-transport-ws");
  const closed = new Promise<Closed>((resolve) =>
    socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await once(socket, "open");
  socket.send(JSON.stringify({ type: "connection_init" }));
  const [ack] = (await once(socket, "message")) as [Buffer];
  expect(JSON.parse(ack.toString())).toEqual({ type: "connection_ack" });
  socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query } }));
  return { socket, closed };
}

describe.each(testBackends())("limits of live subscriptions on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    // Each subscription may hold far more events than the thousands published below: the bound
    // under test is the socket's, and a fast reader on a busy machine (CI, two cores shared with
    // other suites) could otherwise fall a thousand events behind in a burst and be closed too.
    platform = await startTestPlatform(backend, { subscriptions: { maxPerConnection: 2, bufferEvents: 100_000 } });
  });
  afterAll(() => platform.stop());

  const slowClosures = async () => {
    const metrics = await (await fetch(`${platform.url}/metrics`)).text();
    return Number(/^graphql_ws_slow_closures_total (\d+)$/m.exec(metrics)?.[1]);
  };

  it("closes a subscriber that stops reading with 4008 once its socket holds too much, and only that one", async () => {
    const slow = await rawSubscriber(platform.url, "subscription { reportProcessed { dist } }");
    const fast = subscribe(platform.url, REPORT_IDS);
    await waitForSubscribers(platform.events, Topic.reportProcessed, 2);
    // The slow client stops reading: the kernel's buffers fill, then the server's send buffer.
    slow.socket.pause();

    // 2 KB events, 200 at a time, until the server gives up on the slow client; the fast one
    // selects only the id and reads everything.
    const big = "Slow-" + "x".repeat(2_000);
    let published = 0;
    await waitFor(
      async () => {
        for (let i = 0; i < 200; i++) platform.events.emit(Topic.reportProcessed, reportEvent(published++, big));
        return (await slowClosures()) === 1 ? true : undefined;
      },
      "the slow subscriber to be closed",
      60_000,
    );
    // Once it reads again, it finds its events and then the close frame with the reason.
    slow.socket.resume();
    expect(await slow.closed).toEqual({ code: 4008, reason: "subscriber too slow" });

    platform.events.emit(Topic.reportProcessed, reportEvent(-1));
    // Ten thousand events or more by then: through Redis, on a machine busy with other suites,
    // their delivery has taken over 30 s (2,576 of 10,201 in CI once).
    const received = await fast.waitForCount(published + 1, 90_000);
    expect(received.map((result) => result.data?.reportProcessed.reportId)).toEqual([
      ...Array.from({ length: published }, (_, i) => i),
      -1,
    ]);
    expect(await slowClosures()).toBe(1);
    await fast.dispose();
  }, 180_000);

  it("refuses more operations on one connection than allowed", async () => {
    const first = subscribe(platform.url, REPORT_IDS);
    const errors = (query: string) =>
      new Promise((resolve) =>
        first.client.subscribe({ query }, { next: resolve, error: resolve, complete: () => resolve("complete") }),
      );
    const second = errors("subscription { uploadAdded { dist } }");
    expect(await errors('subscription { releaseUpdated(dist: "X") { dist } }')).toEqual([
      {
        message: "at most 2 operations may run on one connection; complete one first",
        extensions: { code: "RATE_LIMITED" },
      },
    ]);
    await first.dispose();
    await second;
  });
});

describe("a subscription's event queue", () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    // In-process events, so that a burst arrives in one go; Redis may split it into several reads.
    platform = await startTestPlatform({ name: "pglite" }, { subscriptions: { bufferEvents: 5 } });
  });
  afterAll(() => platform.stop());

  it("closes the connection with 4008 when a burst overflows it", async () => {
    const subscriber = subscribe(platform.url, REPORT_IDS);
    await waitForSubscribers(platform.events, Topic.reportProcessed, 1);
    // One event goes straight to the waiting subscription, five are queued, the seventh overflows.
    for (let id = 1; id <= 20; id++) platform.events.emit(Topic.reportProcessed, reportEvent(id));
    expect(await subscriber.closed).toEqual({ code: 4008, reason: "subscriber too slow" });
    expect(subscriber.received).toEqual([{ data: { reportProcessed: { reportId: 1 } } }]);
  });
});
