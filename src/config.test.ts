import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("defaults to the embedded database and in-process events", () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: undefined,
      dataDir: "./data",
      redisUrl: undefined,
      redisPrefix: "cpantesters:",
      port: 4000,
      host: "127.0.0.1",
      logLevel: "info",
      logFormat: process.stdout.isTTY ? "pretty" : "json",
      databasePoolSize: 10,
      bodyLimit: 33_554_432,
      allowAnonymousReports: false,
      etl: { inProcess: true, batchSize: 500, pollIntervalMs: 5_000, port: 4001 },
      databaseStatementTimeoutMs: 5_000,
      queryCostLimit: 1_000,
      queryDepthLimit: 12,
      graphqlLimits: {
        bodyBytes: 262_144,
        fields: 1_000,
        aliases: 100,
        rootFields: 20,
        responseBytes: 16_777_216,
        timeoutMs: 5_000,
      },
      exposeErrorDetails: false,
      responseCache: true,
      subscriptions: { bufferEvents: 1_000, maxBufferedBytes: 1_048_576, maxPerConnection: 100 },
    });
  });

  it("reads every variable", () => {
    expect(
      loadConfig({
        DATABASE_URL: "postgres://u:p@db:5432/cpantesters",
        REDIS_URL: "redis://cache:6379",
        PORT: "8080",
        HOST: "0.0.0.0",
        LOG_LEVEL: "warn",
        LOG_FORMAT: "json",
        DATABASE_POOL_SIZE: "20",
        DATA_DIR: "/var/lib/cpt",
        BODY_LIMIT: "1048576",
        ALLOW_ANONYMOUS_REPORTS: "true",
        ETL_IN_PROCESS: "0",
        ETL_BATCH_SIZE: "100",
        ETL_POLL_INTERVAL_MS: "1000",
        ETL_PORT: "9101",
        DATABASE_STATEMENT_TIMEOUT_MS: "0",
        QUERY_COST_LIMIT: "5000",
        QUERY_DEPTH_LIMIT: "20",
        RESPONSE_CACHE: "false",
        EXPOSE_ERROR_DETAILS: "true",
        GRAPHQL_BODY_LIMIT: "65536",
        QUERY_FIELD_LIMIT: "500",
        QUERY_ALIAS_LIMIT: "10",
        QUERY_ROOT_FIELD_LIMIT: "5",
        GRAPHQL_RESPONSE_LIMIT: "1048576",
        GRAPHQL_TIMEOUT_MS: "2000",
        REDIS_PREFIX: "staging:",
        SUBSCRIBER_BUFFER_EVENTS: "50",
        WS_MAX_BUFFERED_BYTES: "65536",
        WS_MAX_SUBSCRIPTIONS: "5",
      }),
    ).toEqual({
      databaseUrl: "postgres://u:p@db:5432/cpantesters",
      dataDir: "/var/lib/cpt",
      redisUrl: "redis://cache:6379",
      redisPrefix: "staging:",
      port: 8080,
      host: "0.0.0.0",
      logLevel: "warn",
      logFormat: "json",
      databasePoolSize: 20,
      bodyLimit: 1_048_576,
      allowAnonymousReports: true,
      etl: { inProcess: false, batchSize: 100, pollIntervalMs: 1_000, port: 9101 },
      databaseStatementTimeoutMs: 0,
      queryCostLimit: 5_000,
      queryDepthLimit: 20,
      graphqlLimits: {
        bodyBytes: 65_536,
        fields: 500,
        aliases: 10,
        rootFields: 5,
        responseBytes: 1_048_576,
        timeoutMs: 2_000,
      },
      exposeErrorDetails: true,
      responseCache: false,
      subscriptions: { bufferEvents: 50, maxBufferedBytes: 65_536, maxPerConnection: 5 },
    });
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" })).toMatchObject({ databaseUrl: undefined, port: 4000 });
  });

  it.each([
    [{ DATABASE_URL: "mysql://db/x" }, 'DATABASE_URL="mysql://db/x" is invalid: expected a postgres:// URL'],
    [{ REDIS_URL: "http://cache" }, 'REDIS_URL="http://cache" is invalid: expected a redis:// or rediss:// URL'],
    [{ PORT: "http" }, 'PORT="http" is invalid: expected a port number 0..65535'],
    [{ PORT: "70000" }, 'PORT="70000" is invalid: expected a port number 0..65535'],
    [{ DATABASE_POOL_SIZE: "0" }, 'DATABASE_POOL_SIZE="0" is invalid: expected a whole number 1..500'],
    [{ ETL_IN_PROCESS: "yes" }, 'ETL_IN_PROCESS="yes" is invalid: expected true or false'],
    [{ QUERY_COST_LIMIT: "0" }, 'QUERY_COST_LIMIT="0" is invalid: expected a whole number 1..1000000'],
    [{ RESPONSE_CACHE: "yes" }, 'RESPONSE_CACHE="yes" is invalid: expected true or false'],
    [
      { WS_MAX_BUFFERED_BYTES: "100" },
      'WS_MAX_BUFFERED_BYTES="100" is invalid: expected a whole number 1024..1073741824',
    ],
    [
      { LOG_LEVEL: "loud" },
      'LOG_LEVEL="loud" is invalid: Invalid option: expected one of "fatal"|"error"|"warn"|"info"|"debug"|"trace"|"silent"',
    ],
  ])("rejects %o with one line naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});
