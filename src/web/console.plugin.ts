import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { FastifyInstance } from "fastify";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Browser builds the console loads, each from the npm package that ships it. */
const assetPaths: Record<string, string> = {
  "graphiql.min.css": join(packageDir("graphiql"), "graphiql.min.css"),
  "graphiql.min.js": join(packageDir("graphiql"), "graphiql.min.js"),
  "react.production.min.js": join(packageDir("react"), "umd/react.production.min.js"),
  "react-dom.production.min.js": join(packageDir("react-dom"), "umd/react-dom.production.min.js"),
  "graphql-ws.min.js": join(packageDir("graphql-ws"), "umd/graphql-ws.min.js"),
  // The Explorer's UMD build reuses GraphiQL's own React components and graphql (GraphiQL.React,
  // GraphiQL.GraphQL), so it must load after graphiql.min.js and match its @graphiql/react (0.28).
  "plugin-explorer.css": join(packageDir("@graphiql/plugin-explorer"), "dist/style.css"),
  "plugin-explorer.umd.js": join(packageDir("@graphiql/plugin-explorer"), "dist/index.umd.js"),
};

/**
 * /console: GraphiQL for operators and developers, driven by introspection of the live schema,
 * with the Explorer plugin to build an operation by ticking fields. Served from our own packages,
 * never from a CDN.
 */
export function registerConsole(app: FastifyInstance): void {
  const page = readFileSync(new URL("./console.html", import.meta.url), "utf8");
  // About 2 MB in all, read once: they change only with a package upgrade, which restarts us.
  const assets = new Map(Object.entries(assetPaths).map(([name, path]) => [name, readFileSync(path)]));
  app.get("/console", async (_request, reply) => reply.type("text/html; charset=utf-8").send(page));
  app.get<{ Params: { file: string } }>("/console/assets/:file", async (request, reply) => {
    const { file } = request.params;
    const body = assets.get(file);
    if (!body) return reply.code(404).send({ errors: [{ message: `no console asset named ${file}` }] });
    const type = file.endsWith(".css") ? "text/css" : "application/javascript";
    return reply.type(`${type}; charset=utf-8`).header("cache-control", "public, max-age=86400").send(body);
  });
}
