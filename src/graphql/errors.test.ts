import { GraphQLError } from "graphql";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "../errors/index.js";
import { formatGraphQLError, graphqlErrorHandling, logGraphQLError } from "./errors.js";

/** A debug-level logger and the lines it wrote, parsed. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line) as never) });
  return { log, lines };
}

const wrapped = (cause: unknown) => new GraphQLError("ignored", { path: ["release"], originalError: cause as Error });

describe("formatGraphQLError", () => {
  const format = formatGraphQLError();

  it("keeps an AppError's message and gives its stable code", () => {
    const error = new AppError(ErrorCode.BAD_USER_INPUT, "first must be 1..100, got 812", [], { argument: "first" });
    expect(format({ message: "ignored", path: ["release"] }, wrapped(error))).toEqual({
      message: "first must be 1..100, got 812",
      path: ["release"],
      extensions: { argument: "first", code: "BAD_USER_INPUT" },
    });
  });

  it("masks anything unexpected", () => {
    const formatted = format(
      { message: "connection to 10.0.0.5 refused", path: ["release"], extensions: { code: "INTERNAL_SERVER_ERROR" } },
      wrapped(new Error("connection to 10.0.0.5 refused")),
    );
    expect(formatted).toEqual({
      message: "Internal server error",
      path: ["release"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
  });

  it("turns a statement timeout into UNAVAILABLE", () => {
    const timeout = Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" });
    expect(format({ message: timeout.message, path: ["reports"] }, wrapped(timeout))).toEqual({
      message: "the query took longer than the database allows (statement timeout); ask for less",
      path: ["reports"],
      extensions: { code: "UNAVAILABLE" },
    });
  });

  it("passes errors GraphQL raised itself, and gives Apollo's codeless request errors a code", () => {
    const validation = {
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    };
    expect(format(validation, new GraphQLError(validation.message))).toEqual(validation);
    const mismatch = new GraphQLError("provided sha does not match query", { extensions: { http: { status: 400 } } });
    expect(format({ message: mismatch.message, extensions: { code: "INTERNAL_SERVER_ERROR" } }, mismatch)).toEqual({
      message: mismatch.message,
      extensions: { code: "PERSISTED_QUERY_HASH_MISMATCH" },
    });
  });

  it("shows our own fault's message and stack only when asked to", () => {
    const exposing = formatGraphQLError({ exposeDetails: true });
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

describe("logGraphQLError", () => {
  it("logs our faults at error with their cause, faults of the moment at warn, client mistakes at debug", () => {
    const { log, lines } = capture();
    logGraphQLError(log, wrapped(new Error("connection to 10.0.0.5 refused")));
    const timeout = Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" });
    logGraphQLError(log, wrapped(timeout));
    logGraphQLError(log, wrapped(new AppError(ErrorCode.BAD_USER_INPUT, "first must be 1..100, got 812")));
    logGraphQLError(log, new GraphQLError("bad", { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }));
    logGraphQLError(
      log,
      new GraphQLError("provided sha does not match query", { extensions: { http: { status: 400 } } }),
    );
    expect(lines.map(({ level, code, msg }) => ({ level, code, msg }))).toEqual([
      { level: 50, code: undefined, msg: "unexpected error in a GraphQL operation" },
      {
        level: 40,
        code: "UNAVAILABLE",
        msg: "the query took longer than the database allows (statement timeout); ask for less",
      },
      { level: 20, code: "BAD_USER_INPUT", msg: "GraphQL client error" },
      { level: 20, code: "GRAPHQL_VALIDATION_FAILED", msg: "GraphQL client error" },
      { level: 20, code: "PERSISTED_QUERY_HASH_MISMATCH", msg: "GraphQL request refused" },
    ]);
    expect(lines[0]).toMatchObject({ err: { message: "connection to 10.0.0.5 refused" }, path: ["release"] });
    // Client mistakes are not faults of ours: no stack.
    expect(lines.slice(2).some((line) => "err" in line || "stack" in line)).toBe(false);
  });
});

describe("graphqlErrorHandling", () => {
  it("logs an error once: on the request's logger when the plugin saw it, else on the process's", async () => {
    const process = capture();
    const request = capture();
    const handling = graphqlErrorHandling<{ log: typeof request.log }>(process.log);
    const during = wrapped(new Error("boom"));
    const hooks = await handling.plugin.requestDidStart?.({ contextValue: { log: request.log } } as never);
    await hooks?.didEncounterErrors?.({ contextValue: { log: request.log }, errors: [during] } as never);
    handling.formatError({ message: "boom", path: ["release"] }, during);
    // Raised before any request context (a body that is not GraphQL): only the formatter sees it.
    handling.formatError({ message: "early" }, new Error("early"));
    expect(request.lines.map((line) => line.msg)).toEqual(["unexpected error in a GraphQL operation"]);
    expect(process.lines.map((line) => (line.err as { message: string }).message)).toEqual(["early"]);
  });
});
