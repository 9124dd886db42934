import Module, { createRequire } from "node:module";
import { dirname } from "node:path";

/**
 * Loaded (`--import`) into the PostGraphile process only. PostGraphile 4 needs graphql 15 while
 * the platform needs 16, so npm nests a graphql 15 under postgraphile and another under
 * graphile-build-pg; two copies in one process make PostGraphile reject its own schema ("Cannot
 * use GraphQLObjectType from another module or realm"). This sends every `graphql` import of the
 * process to the copy under postgraphile.
 */
const require = createRequire(import.meta.url);
const postgraphile = dirname(require.resolve("postgraphile/package.json"));

type Resolve = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request, parent, isMain, options) {
  if (request === "graphql" || request.startsWith("graphql/")) {
    return resolve.call(this, request, parent, isMain, { paths: [postgraphile] });
  }
  return resolve.call(this, request, parent, isMain, options);
};
