import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";
import { chromiumPath } from "./test/helpers/chromium.js";

const require = createRequire(import.meta.url);
const cores = availableParallelism();
/** Tests against the original's MySQL schema: they run where TEST_MYSQL_URL names a server. */
const MYSQL_TESTS = ["test/legacy-import.test.ts"];
/** Tests in a real Chromium: they run where one is found, and always in CI (where they fail without). */
const BROWSER_TESTS = ["test/*-browser.test.ts"];
const withoutBrowser = !chromiumPath() && !process.env.CI;

export default defineConfig({
  resolve: {
    // graphql ships CJS and ESM builds; Node gives libraries (Apollo, type-graphql) the CJS one,
    // so tests must import the same file or `instanceof GraphQLError` and schemas break.
    alias: { graphql: require.resolve("graphql") },
  },
  test: {
    setupFiles: ["test/setup.ts"],
    pool: "forks",
    // A worker keeps the modules it loaded from one file to the next: loading the server's module
    // graph again for every file cost about a second of CPU each. Tests close what they open.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // Pure code beside its module: no database, no server, no global setup.
          include: ["src/**/*.test.ts", "bench/**/*.test.ts"],
          // CPU-bound: one file per core, first, so that their time limits hold on a small machine.
          sequence: { groupOrder: 0 },
          maxWorkers: cores,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          // The fault suite is a project (and a CI step) of its own: minutes of kills and restarts.
          // The importer's tests need a MariaDB (TEST_MYSQL_URL); without one, global setup says so.
          exclude: [
            "test/faults/**",
            ...(process.env.TEST_MYSQL_URL ? [] : MYSQL_TESTS),
            ...(withoutBrowser ? BROWSER_TESTS : []),
          ],
          globalSetup: ["test/global-setup.ts"],
          // Vitest's default (cores - 1) runs these one by one on two cores, yet they spend much of
          // their time waiting on sockets, child processes and timers: two files per core keep
          // the CPU busy.
          sequence: { groupOrder: 1 },
          maxWorkers: cores * 2,
          // Integration tests boot servers, databases and processes, two files to a core: a
          // generous limit (twice that of one file at a time) avoids flakes on a loaded CI box.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "faults",
          // A Postgres of its own restarted under load, ETL workers SIGKILLed, fuzzed input.
          include: ["test/faults/**/*.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          sequence: { groupOrder: 2 },
          maxWorkers: cores,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
