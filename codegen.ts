import type { CodegenConfig } from "@graphql-codegen/cli";

/** Settings both clients share: plain string scalars, type-only imports, enums as unions. */
const clientConfig = { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: "string", Date: "string" } };

/**
 * Typed documents from the committed schema: every `graphql(...)` operation written in the tests
 * (and the benchmarks), and in the web app beside the components that use them, gets its result
 * and variable types, so a schema change that breaks a client shows up in `npm run check`.
 */
const config: CodegenConfig = {
  schema: "schema.graphql",
  ignoreNoDocuments: true,
  // Relative imports with .js, as NodeNext resolution requires (Vite resolves them to .ts too).
  emitLegacyCommonJSImports: false,
  generates: {
    "test/generated/": {
      documents: ["test/**/*.ts", "bench/**/*.ts", "!test/generated/**"],
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: clientConfig,
    },
    "web/generated/": {
      documents: ["web/**/*.{ts,tsx}", "!web/generated/**"],
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: clientConfig,
    },
  },
};

export default config;
