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
});
