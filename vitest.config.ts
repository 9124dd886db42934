import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CJS and ESM builds; Node gives libraries (Apollo, type-graphql) the CJS one,
    // so tests must import the same file or `instanceof GraphQLError` and schemas break.
    alias: { graphql: require.resolve("graphql") },
  },
  test: {
    include: ["src/**/*.test.ts", "bench/**/*.test.ts", "test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Integration tests boot servers and databases; a generous timeout avoids flakes on a loaded CI box.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
