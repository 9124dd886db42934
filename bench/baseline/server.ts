import Fastify from "fastify";
import { openDatabase } from "../../src/db/client.js";
import { READ_QUERIES, type ReadName } from "./read.queries.js";

/**
 * The bare baseline: Fastify and the platform's database client (a pg Pool, or PGlite) answering
 * the five reads through the platform's own query functions, and nothing else: no GraphQL, no
 * validation beyond parameter presence, no loaders. Whatever the platform spends beyond this is
 * the price of its API layer. Run as its own process:
 *
 *   node --import tsx bench/baseline/server.ts <port> <postgres-url | pglite-dir>
 */
const [portText = "0", where = ""] = process.argv.slice(2);

// The platform's default pool size, so both sides get the same number of connections.
const database = await openDatabase(/^postgres(ql)?:/.test(where) ? { url: where, poolSize: 10 } : { dataDir: where });
const app = Fastify({ logger: false });
app.get("/healthz", async () => ({ status: "ok" }));
app.get<{ Params: { name: string }; Querystring: Record<string, string> }>("/read/:name", async (request, reply) => {
  const query = READ_QUERIES[request.params.name as ReadName] as (typeof READ_QUERIES)[ReadName] | undefined;
  if (!query) return reply.code(404).send({ error: `no read named ${request.params.name}` });
  const values = query.params.map((param) => request.query[param]);
  if (values.some((value) => value === undefined)) {
    return reply.code(400).send({ error: `expected parameters ${query.params.join(", ")}` });
  }
  return { rows: await query.run(database.db, values as string[]) };
});
await app.listen({ host: "127.0.0.1", port: Number(portText) });

const stop = () => {
  void app
    .close()
    .then(() => database.close())
    .then(() => process.exit(0));
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
