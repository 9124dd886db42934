import Fastify from "fastify";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "./index.js";
import { httpErrorHandler } from "./http-error.mapper.js";

interface LogLine {
  level: number;
  msg: string;
  err?: { message: string };
}

describe("httpErrorHandler", () => {
  const logged: LogLine[] = [];
  const log = pino({ level: "warn" }, { write: (line: string) => logged.push(JSON.parse(line) as LogLine) });
  const app = Fastify({ loggerInstance: log, bodyLimit: 64 });
  const thrown = new Map<string, unknown>([
    ["conflict", new AppError(ErrorCode.CONFLICT, "profile p is already registered with another secret")],
    [
      "details",
      new AppError(ErrorCode.BAD_USER_INPUT, "invalid report", [
        { message: "is required", path: "/reporter/email" },
        { message: "must be a string", path: "/result/grade" },
      ]),
    ],
    ["timeout", Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" })],
    ["bug", new Error("connection to 10.0.0.5 refused")],
    ["method", Object.assign(new Error("the method is not allowed here"), { statusCode: 405 })],
  ]);

  beforeAll(async () => {
    await app.register(async (scope) => {
      scope.setErrorHandler(httpErrorHandler());
      scope.get("/throw/:what", async (request) => {
        throw thrown.get((request.params as { what: string }).what);
      });
      scope.post("/echo", async (request) => request.body);
      scope.get(
        "/typed",
        { schema: { querystring: { type: "object", properties: { limit: { type: "integer", minimum: 1 } } } } },
        async () => "ok",
      );
    });
    await app.register(async (scope) => {
      scope.setErrorHandler(
        httpErrorHandler({
          masked: "the report was not stored, please retry",
          send: (reply, error) => reply.code(error.status).send({ error: error.message, code: error.code }),
        }),
      );
      scope.get("/other/:what", async (request) => {
        throw thrown.get((request.params as { what: string }).what);
      });
    });
  });
  afterAll(() => app.close());

  const answer = async (method: "GET" | "POST", url: string, body?: string, type = "application/json") => {
    const response = await app.inject({
      method,
      url,
      ...(body === undefined ? {} : { body, headers: { "content-type": type } }),
    });
    return { status: response.statusCode, body: response.json<unknown>() };
  };

  it("gives an AppError the status of its code and its details as the v3 errors", async () => {
    expect(await answer("GET", "/throw/conflict")).toEqual({
      status: 409,
      body: { errors: [{ message: "profile p is already registered with another secret" }] },
    });
    expect(await answer("GET", "/throw/details")).toEqual({
      status: 400,
      body: {
        errors: [
          { message: "is required", path: "/reporter/email" },
          { message: "must be a string", path: "/result/grade" },
        ],
      },
    });
  });

  it("names the parameter a request failed validation on", async () => {
    expect(await answer("GET", "/typed?limit=0")).toEqual({
      status: 400,
      body: { errors: [{ message: "limit must be >= 1", path: "/limit" }] },
    });
  });

  it("says what was wrong with a body Fastify refused", async () => {
    expect(await answer("POST", "/echo", "{ nope")).toMatchObject({
      status: 400,
      body: { errors: [{ message: expect.stringMatching(/^expected a JSON body, got malformed JSON \(/) as string }] },
    });
    expect(await answer("POST", "/echo", JSON.stringify({ text: "x".repeat(100) }))).toEqual({
      status: 413,
      body: { errors: [{ message: "request body is larger than the limit of 64 bytes" }] },
    });
    expect(await answer("POST", "/echo", "<report/>", "application/xml")).toEqual({
      status: 415,
      body: { errors: [{ message: "expected Content-Type application/json, got application/xml" }] },
    });
    expect(await answer("GET", "/throw/method")).toEqual({
      status: 405,
      body: { errors: [{ message: "the method is not allowed here" }] },
    });
  });

  it("answers a statement timeout with 503 and a warning, not an error", async () => {
    const before = logged.length;
    expect(await answer("GET", "/throw/timeout")).toEqual({
      status: 503,
      body: {
        errors: [{ message: "the query took longer than the database allows (statement timeout); ask for less" }],
      },
    });
    expect(logged.slice(before).map((line) => line.level)).toEqual([40]);
  });

  it("masks anything unexpected and logs it with its cause", async () => {
    const before = logged.length;
    expect(await answer("GET", "/throw/bug")).toEqual({
      status: 500,
      body: { errors: [{ message: "Internal server error" }] },
    });
    expect(logged.slice(before)).toEqual([
      expect.objectContaining({
        level: 50,
        msg: "unexpected error in an HTTP request",
        err: expect.objectContaining({ message: "connection to 10.0.0.5 refused" }) as unknown,
      }),
    ]);
  });

  it("lets a protocol render the same mapping in its own shape", async () => {
    expect(await answer("GET", "/other/conflict")).toEqual({
      status: 409,
      body: { error: "profile p is already registered with another secret", code: "CONFLICT" },
    });
    expect(await answer("GET", "/other/bug")).toEqual({
      status: 500,
      body: { error: "the report was not stored, please retry", code: "INTERNAL_SERVER_ERROR" },
    });
  });
});
