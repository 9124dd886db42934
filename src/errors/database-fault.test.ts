import { describe, expect, it } from "vitest";
import { retryAfterOf } from "./app-error.js";
import { classifyDatabaseError, databaseFault } from "./database-fault.js";
import { ErrorCode, errorMeanings } from "./error-code.js";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
// drizzle wraps driver errors: "Failed query: ..." with the driver's error as its cause.
const wrapped = (cause: Error) => new Error("Failed query: select 1\nparams: ", { cause });

describe("classifyDatabaseError", () => {
  it.each([
    ["a refused connection", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["a reset socket", withCode("read ECONNRESET", "ECONNRESET")],
    ["a fast shutdown", withCode("terminating connection due to administrator command", "57P01")],
    ["a server starting or stopping", withCode("the database system is shutting down", "57P03")],
    ["a connection exception", withCode("connection failure", "08006")],
    ["a connection lost between statements", new Error("Connection terminated unexpectedly")],
    ["a client that lost its connection", new Error("Client has encountered a connection error and is not queryable")],
    ["a pool that cannot connect in time", new Error("timeout exceeded when trying to connect")],
    [
      "every address refusing",
      new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], "connect failed"),
    ],
  ])("calls %s unreachable, wrapped or not", (_what, error) => {
    expect(classifyDatabaseError(error)).toBe("unreachable");
    expect(classifyDatabaseError(wrapped(error))).toBe("unreachable");
  });

  it("tells a statement timeout apart", () => {
    expect(classifyDatabaseError(wrapped(withCode("canceling statement due to statement timeout", "57014")))).toBe(
      "timeout",
    );
  });

  it("leaves the request's own faults alone", () => {
    expect(classifyDatabaseError(wrapped(withCode("duplicate key value", "23505")))).toBeUndefined();
    expect(classifyDatabaseError(new TypeError("x is undefined"))).toBeUndefined();
    expect(classifyDatabaseError("not an error")).toBeUndefined();
  });
});

describe("databaseFault", () => {
  it("answers UNAVAILABLE with a Retry-After when waiting helps", () => {
    const fault = databaseFault(wrapped(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")));
    expect(fault?.code).toBe(ErrorCode.UNAVAILABLE);
    expect(fault && errorMeanings[fault.code].status).toBe(503);
    expect(fault && retryAfterOf(fault)).toBe(2);
  });

  it("answers UNAVAILABLE without one for a statement timeout, where asking for less helps", () => {
    const fault = databaseFault(withCode("canceling statement due to statement timeout", "57014"));
    expect(fault?.code).toBe(ErrorCode.UNAVAILABLE);
    expect(fault && retryAfterOf(fault)).toBeUndefined();
    expect(fault?.message).toMatch(/ask for less/);
  });

  it("has no answer for anything else", () => {
    expect(databaseFault(new Error("boom"))).toBeUndefined();
  });
});
