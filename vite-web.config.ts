import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webDir = fileURLToPath(new URL("web/", import.meta.url));

/** Where the build goes, beside the compiled server (dist/), which serves it. */
export const webOutDir = fileURLToPath(new URL("dist/web-app/", import.meta.url));

/**
 * The web app (web/): the browser bundle (client/, with a manifest the server reads to link each page's chunks) and
 * the server-side renderer (ssr/entry-server.js, which the server imports). `vite build` builds
 * the first, `vite build --mode ssr` the second; scripts/web-build.ts runs both.
 */
export default defineConfig(({ mode }) => ({
  root: webDir,
  base: "/",
  plugins: [react()],
  publicDir: false,
  logLevel: "warn",
  // The renderer carries its own production React (and urql, which must share that React): React's
  // development build, which Node picks when NODE_ENV is unset (npm start), renders several times
  // slower. graphql stays outside, so that the schema and its executor are one module.
  ...(mode === "ssr"
    ? {
        ssr: { noExternal: true, external: ["graphql"] },
        define: { "process.env.NODE_ENV": JSON.stringify("production") },
      }
    : {}),
  build:
    mode === "ssr"
      ? {
          ssr: "entry-server.tsx",
          outDir: `${webOutDir}ssr`,
          emptyOutDir: true,
          target: "node20",
          rollupOptions: { output: { entryFileNames: "entry-server.js" } },
        }
      : {
          outDir: `${webOutDir}client`,
          emptyOutDir: true,
          manifest: true,
          target: "es2022",
          rollupOptions: { input: `${webDir}entry-client.tsx` },
        },
}));
