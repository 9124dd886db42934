import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { feedTag, jsonArray, sendFeed } from "./feed.reply.js";

async function* pages(...items: (string[] | Error)[]): AsyncIterable<string[]> {
  for (const page of items) {
    // A page is read from the database: the reads are asynchronous.
    await new Promise((resolve) => setImmediate(resolve));
    if (page instanceof Error) throw page;
    yield page;
  }
}

function app(body: () => AsyncIterable<string>) {
  const server = Fastify();
  server.get("/feed", (request, reply) =>
    sendFeed(request, reply, { tag: feedTag(["state", 1]), contentType: "application/json; charset=utf-8", body }),
  );
  return server;
}

describe("sendFeed", () => {
  it("streams a JSON array a page at a time, empty pages and all", async () => {
    const response = await app(() => jsonArray(pages(["1", "2"], [], ["3"]))).inject("/feed");
    expect({ status: response.statusCode, body: response.body }).toEqual({ status: 200, body: "[1,2,3]" });
    const empty = await app(() => jsonArray(pages([], []))).inject("/feed");
    expect(empty.body).toBe("[]");
  });

  it("answers 304 for a current tag and reads nothing", async () => {
    let read = false;
    const response = await app(() => {
      read = true;
      return jsonArray(pages(["1"]));
    }).inject({ url: "/feed", headers: { "if-none-match": `"x", ${feedTag(["state", 1])}` } });
    expect({ status: response.statusCode, body: response.body, read }).toEqual({ status: 304, body: "", read: false });
  });

  it("answers 500 when the first page cannot be read, instead of a 200 cut short", async () => {
    const response = await app(() => jsonArray(pages(new Error("database went away")))).inject("/feed");
    expect(response.statusCode).toBe(500);
  });
});
