import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed documents from the committed schema: every `graphql(...)` operation written in the tests
 * (and the benchmarks) gets its result and variable types, so a schema change that breaks a
 * client shows up in `npm run check`.
 */
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["test/**/*.ts", "bench/**/*.ts", "!test/generated/**"],
  ignoreNoDocuments: true,
  // Relative imports with .js, as NodeNext resolution requires.
  emitLegacyCommonJSImports: false,
  generates: {
    "test/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: "string", Date: "string" } },
    },
  },
};

export default config;
