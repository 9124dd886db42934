import { describe, expect, it } from "vitest";
import { DEFAULT_REDIS_URL, DEFAULT_SERVER_URL, parseBenchOptions, parseCount } from "./options.js";

describe("parseBenchOptions", () => {
  it("defaults to a full run of every scenario over a million reports", () => {
    expect(parseBenchOptions([])).toEqual({
      size: 1_000_000,
      smoke: false,
      scenarios: [],
      database: undefined,
      serverUrl: DEFAULT_SERVER_URL,
      redisUrl: DEFAULT_REDIS_URL,
      out: "bench-results",
      seed: 1,
      warmupSeconds: 3,
      durationSeconds: 10,
      connections: 16,
      intakeConnections: 64,
      loadTool: undefined,
      list: false,
    });
  });

  it("makes --smoke small and short, and lets options override it", () => {
    const options = parseBenchOptions(["--smoke", "--scenario", "reads,memory", "--duration=2"]);
    expect(options).toMatchObject({ smoke: true, size: 2_000, scenarios: ["reads", "memory"], durationSeconds: 2 });
  });

  it("sets the intake's clients apart from the other scenarios' connections", () => {
    expect(parseBenchOptions(["--intake-connections", "128"])).toMatchObject({
      connections: 16,
      intakeConnections: 128,
    });
    expect(parseBenchOptions(["--smoke"]).intakeConnections).toBe(8);
  });

  it("takes Redis from --redis, then REDIS_URL", () => {
    expect(parseBenchOptions([], undefined, "redis://cache:6379").redisUrl).toBe("redis://cache:6379");
    expect(parseBenchOptions(["--redis", "redis://other:1"], undefined, "redis://cache:6379").redisUrl).toBe(
      "redis://other:1",
    );
  });

  it("refuses a load generator it does not know", () => {
    expect(() => parseBenchOptions(["--load", "ab"])).toThrow('--load must be wrk or autocannon, got "ab"');
  });

  it("takes the Postgres server from --url, then DATABASE_URL", () => {
    expect(parseBenchOptions([], "postgres://db/x").serverUrl).toBe("postgres://db/x");
    expect(parseBenchOptions(["--url", "postgres://other/y"], "postgres://db/x").serverUrl).toBe("postgres://other/y");
  });

  it("says what is wrong with a bad command line", () => {
    expect(() => parseBenchOptions(["--database", "mysql"])).toThrow(
      '--database must be postgres or pglite, got "mysql"',
    );
    expect(() => parseBenchOptions(["--sizes", "1"])).toThrow("unknown option --sizes");
    expect(() => parseBenchOptions(["--size"])).toThrow("--size needs a value");
    expect(() => parseBenchOptions(["--warmup", "-1"])).toThrow('--warmup must be seconds in (0, 3600], got "-1"');
  });
});

describe("parseCount", () => {
  it("reads separators and k/m suffixes", () => {
    expect(parseCount("size", "1_000_000")).toBe(1_000_000);
    expect(parseCount("size", "1,000")).toBe(1_000);
    expect(parseCount("size", "500k")).toBe(500_000);
    expect(parseCount("size", "10m")).toBe(10_000_000);
    expect(() => parseCount("size", "0")).toThrow(
      '--size must be a whole number >= 1 (k and m suffixes allowed), got "0"',
    );
  });
});
