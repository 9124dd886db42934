import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import tseslint from "typescript-eslint";

// The rooms of src/ and where each may import from: one direction, top to bottom
// (docs/ARCHITECTURE.md, "Import direction"). A room may always import itself.
const rooms = {
  entry: ["src/cli.ts", "src/commands"],
  server: ["src/server"],
  etl: ["src/etl"],
  graphql: ["src/graphql"],
  rest: ["src/rest"],
  intake: ["src/intake"],
  web: ["src/web"],
  notify: ["src/notify"],
  auth: ["src/auth"],
  monitor: ["src/monitor"],
  db: ["src/db"],
  events: ["src/events"],
  report: ["src/report"],
  analysis: ["src/analysis"],
  base: [
    "src/config.ts",
    "src/config",
    "src/cached-value.ts",
    "src/log.ts",
    "src/redis.ts",
    "src/version.ts",
    "src/tracing.ts",
    "src/errors",
  ],
  bench: ["bench"],
  // The web app's own code (React, in the browser and in the server-side render), outside src/.
  webapp: ["web/app", "web/components", "web/pages", "web/entry-client.tsx", "web/entry-server.tsx"],
};
const lower = ["notify", "auth", "db", "events", "analysis", "report", "base"];
const mayImport = {
  entry: Object.keys(rooms).filter((room) => room !== "bench" && room !== "webapp"),
  server: ["graphql", "rest", "intake", "web", "monitor", ...lower],
  etl: ["analysis", "monitor", "report", "db", "events", "base"],
  graphql: ["monitor", ...lower],
  rest: lower,
  intake: lower,
  web: lower,
  notify: ["auth", "db", "events", "report", "base"],
  auth: ["db", "events", "report", "base"],
  monitor: ["db", "report", "base"],
  db: ["report", "base"],
  events: ["report", "base"],
  report: ["base"],
  analysis: ["report", "base"],
  base: [],
  bench: Object.keys(rooms).filter((room) => room !== "webapp"),
  // Data only through GraphQL; from src/ only the render contract (type-only) in src/web.
  webapp: ["web"],
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "data/",
      "drizzle/",
      "bench-results/",
      "scratch/",
      "test/generated/",
      "web/generated/",
      ".drift/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // type-graphql resolvers are classes whose methods need not await.
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": ["error", { selector: "ExportDefaultDeclaration", message: "Use named exports." }],
    },
  },
  {
    // Config files are read by tools that require a default export.
    files: ["*.config.ts", "*.config.js", "codegen.ts", "test/global-setup.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  { files: ["**/*.js"], extends: [tseslint.configs.disableTypeChecked] },
  {
    files: ["src/**/*.ts", "bench/**/*.ts", "web/**/*.ts", "web/**/*.tsx"],
    // Tests may reach anything they need to set a scene up.
    ignores: ["**/*.test.ts"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { typescript: { project: "tsconfig.json" } },
      // Single files (config.ts, cli.ts) are rooms too; v7 classifies them only with the older
      // `mode: "file"` descriptor, which it still supports but warns about.
      "boundaries/legacy-warnings": false,
      "boundaries/elements": Object.entries(rooms).flatMap(([type, paths]) =>
        paths.map((pattern) => ({ type, pattern, mode: /\.tsx?$/.test(pattern) ? "file" : "folder" })),
      ),
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          policies: Object.entries(mayImport).map(([room, targets]) => ({
            from: { element: { type: room } },
            allow: { to: { element: { types: { anyOf: [room, ...targets] } } } },
          })),
        },
      ],
    },
  },
);
