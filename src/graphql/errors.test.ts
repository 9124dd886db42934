import { GraphQLError } from "graphql";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "../errors/index.js";
import { formatGraphQLError } from "./errors.js";

describe("formatGraphQLError", () => {
  const logged: unknown[] = [];
  const log = pino({ level: "error" }, { write: (line: string) => logged.push(JSON.parse(line)) });
  const format = formatGraphQLError(log);
  const wrapped = (cause: unknown) => new GraphQLError("ignored", { path: ["release"], originalError: cause as Error });

  it("keeps an AppError's message and gives its stable code", () => {
    const error = new AppError(ErrorCode.BAD_USER_INPUT, "first must be 1..100, got 812", [], { argument: "first" });
    expect(format({ message: "ignored", path: ["release"] }, wrapped(error))).toEqual({
      message: "first must be 1..100, got 812",
      path: ["release"],
      extensions: { argument: "first", code: "BAD_USER_INPUT" },
    });
  });

  it("masks anything unexpected and logs it with its cause", () => {
    const formatted = format(
      { message: "connection to 10.0.0.5 refused", path: ["release"], extensions: { code: "INTERNAL_SERVER_ERROR" } },
      wrapped(new Error("connection to 10.0.0.5 refused")),
    );
    expect(formatted).toEqual({
      message: "Internal server error",
      path: ["release"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      msg: "unexpected error in a GraphQL operation",
      err: { message: "connection to 10.0.0.5 refused" },
    });
  });

  it("turns a statement timeout into UNAVAILABLE without logging it as a bug", () => {
    const before = logged.length;
    const timeout = Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" });
    expect(format({ message: timeout.message, path: ["reports"] }, wrapped(timeout))).toEqual({
      message: "the query took longer than the database allows (statement timeout); ask for less",
      path: ["reports"],
      extensions: { code: "UNAVAILABLE" },
    });
    expect(logged).toHaveLength(before);
  });

  it("passes errors GraphQL raised itself", () => {
    const validation = {
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    };
    expect(format(validation, new GraphQLError(validation.message))).toEqual(validation);
  });

  it("logs client mistakes at debug without a stack, and gives Apollo's codeless request errors a code", () => {
    const lines: Record<string, unknown>[] = [];
    const debug = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line) as never) });
    const formatDebug = formatGraphQLError(debug);
    const validation = { message: "bad", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
    expect(formatDebug(validation, new GraphQLError("bad"))).toEqual(validation);
    const mismatch = new GraphQLError("provided sha does not match query", { extensions: { http: { status: 400 } } });
    expect(formatDebug({ message: mismatch.message, extensions: { code: "INTERNAL_SERVER_ERROR" } }, mismatch)).toEqual(
      { message: mismatch.message, extensions: { code: "PERSISTED_QUERY_HASH_MISMATCH" } },
    );
    expect(lines.map(({ level, code }) => ({ level, code }))).toEqual([
      { level: 20, code: "GRAPHQL_VALIDATION_FAILED" },
      { level: 20, code: "PERSISTED_QUERY_HASH_MISMATCH" },
    ]);
    expect(lines.some((line) => "err" in line || "stack" in line)).toBe(false);
  });

  it("shows our own fault's message and stack only when asked to", () => {
    const exposing = formatGraphQLError(log, { exposeDetails: true });
    const formatted = {
      message: "boom",
      path: ["release"],
      extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["Error: boom"] },
    };
    expect(exposing(formatted, wrapped(new Error("boom")))).toEqual(formatted);
    expect(format(formatted, wrapped(new Error("boom")))).toEqual({
      message: "Internal server error",
      path: ["release"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
  });
});
