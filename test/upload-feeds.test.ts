import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type EventBus, Topic } from "../src/events/index.js";
import type { NewUpload } from "../src/report/upload-list.js";
import { addUploads } from "../src/intake/upload.intake.js";
import { testBackends } from "./helpers/database.js";
import { createTestEventBus, startTestPlatform, type TestPlatform } from "./helpers/server.js";
import { graphqlWsUrl, waitForSubscribers } from "./helpers/subscriber.js";

/** A feed socket that keeps every message it gets. */
async function openFeed(url: string): Promise<{ socket: WebSocket; messages: string[] }> {
  const socket = new WebSocket(url);
  const messages: string[] = [];
  socket.on("message", (data: Buffer) => messages.push(data.toString("utf8")));
  await new Promise<void>((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  return { socket, messages };
}

const upload = (dist: string, version: string, author: string, releasedAt: string): NewUpload => ({
  dist,
  version,
  author,
  filename: `${dist}-${version}.tar.gz`,
  releasedAt: new Date(releasedAt),
  maturity: "stable",
});

/** Events held per subscriber here: small, so that a burst overflows it. */
const BUFFER_EVENTS = 10;

describe.each(testBackends())("upload WebSocket feeds on $name", (backend) => {
  let platform: TestPlatform;
  let ws: string;
  /** With Redis, a bus of another process: the uploads are added there, not where the sockets are. */
  let publisher: EventBus;

  beforeAll(async () => {
    platform = await startTestPlatform(backend, { etl: false, subscriptions: { bufferEvents: BUFFER_EVENTS } });
    ws = platform.url.replace(/^http/, "ws");
    publisher = backend.redisUrl ? await createTestEventBus(backend, platform.channelPrefix) : platform.events;
  });
  afterAll(async () => {
    if (publisher !== platform.events) await publisher.close();
    await platform.stop();
  });

  it("sends each new upload as the original's Upload object, filtered by dist or author, at /v1 and /v3", async () => {
    const paths = [
      "/v1/upload",
      "/v3/upload",
      "/v1/upload/dist/Data-Printer",
      "/v3/upload/dist/Data-Printer",
      "/v1/upload/author/ALICE",
      "/v3/upload/author/alice",
    ];
    const feeds = await Promise.all(paths.map((path) => openFeed(`${ws}${path}`)));
    await waitForSubscribers(platform.events, Topic.uploadAdded, paths.length);

    await addUploads({ db: platform.database.db, events: publisher }, [
      upload("Data-Printer", "1.002", "GARU", "2026-03-01T10:00:00.250Z"),
      upload("Foo-Bar", "2.0", "ALICE", "2026-03-02T11:30:00Z"),
    ]);
    const printer =
      '{"author":"GARU","dist":"Data-Printer","filename":"Data-Printer-1.002.tar.gz","released":"2026-03-01T10:00:00Z","version":"1.002"}';
    const fooBar =
      '{"author":"ALICE","dist":"Foo-Bar","filename":"Foo-Bar-2.0.tar.gz","released":"2026-03-02T11:30:00Z","version":"2.0"}';
    const expected = [[printer, fooBar], [printer, fooBar], [printer], [printer], [fooBar], [fooBar]];
    await expect.poll(() => feeds.map((feed) => feed.messages), { timeout: 5_000 }).toEqual(expected);

    // An upload already known announces nothing: the next message is the next new upload.
    await addUploads({ db: platform.database.db, events: publisher }, [
      upload("Foo-Bar", "2.0", "ALICE", "2026-03-02T11:30:00Z"),
    ]);
    await addUploads({ db: platform.database.db, events: publisher }, [
      upload("Foo-Bar", "2.1", "ALICE", "2026-03-03T00:00:00Z"),
    ]);
    const fooBar21 =
      '{"author":"ALICE","dist":"Foo-Bar","filename":"Foo-Bar-2.1.tar.gz","released":"2026-03-03T00:00:00Z","version":"2.1"}';
    await expect.poll(() => feeds[1]!.messages, { timeout: 5_000 }).toEqual([printer, fooBar, fooBar21]);
    for (const { socket } of feeds) socket.close();
    await waitForSubscribers(platform.events, Topic.uploadAdded, 0);
  });

  it("leaves the HTTP routes at the same addresses and the GraphQL socket as they were", async () => {
    await addUploads({ db: platform.database.db }, [upload("Only-Http", "0.1", "HTTPER", "2026-01-01T00:00:00Z")]);
    const list = await fetch(`${platform.url}/v3/upload/author/HTTPER`);
    expect({ status: list.status, body: await list.json() }).toEqual({
      status: 200,
      body: [
        {
          dist: "Only-Http",
          version: "0.1",
          author: "HTTPER",
          filename: "Only-Http-0.1.tar.gz",
          released: "2026-01-01T00:00:00Z",
        },
      ],
    });
    const byDist = await fetch(`${platform.url}/v3/upload/dist/Only-Http`);
    expect({ status: byDist.status, type: byDist.headers.get("content-type") }).toEqual({
      status: 200,
      type: "application/json; charset=utf-8",
    });

    const graphql = new WebSocket(graphqlWsUrl(platform.url), "graphql-transport-ws");
    const acknowledged = new Promise<unknown>((resolve, reject) => {
      graphql.once("message", (data: Buffer) => resolve(JSON.parse(data.toString("utf8"))));
      graphql.once("error", reject);
    });
    graphql.once("open", () => graphql.send(JSON.stringify({ type: "connection_init" })));
    expect(await acknowledged).toEqual({ type: "connection_ack" });
    graphql.close();
  });

  it("closes a feed whose events pile up faster than it takes them with 4008", async () => {
    const feed = await openFeed(`${ws}/v3/upload`);
    await waitForSubscribers(platform.events, Topic.uploadAdded, 1);
    const closed = new Promise<number>((resolve) => feed.socket.once("close", (code) => resolve(code)));
    // Far more than the subscriber's event buffer at once: events arrive in one burst (in
    // process, or in a few reads from Redis) before the feed can send any of them.
    for (let n = 0; n < 20 * BUFFER_EVENTS; n++) {
      publisher.emit(Topic.uploadAdded, {
        dist: `Flood-${n}`,
        version: "1.0",
        author: "FLOOD",
        filename: `Flood-${n}-1.0.tar.gz`,
        releasedAt: "2026-04-01T00:00:00.000Z",
        maturity: "stable",
      });
    }
    expect(await closed).toBe(4008);
    await waitForSubscribers(platform.events, Topic.uploadAdded, 0);
  });
});
