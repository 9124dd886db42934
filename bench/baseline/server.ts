import { PGlite } from "@electric-sql/pglite";
import Fastify from "fastify";
import pg from "pg";
import { READ_QUERIES, type ReadName } from "./read.queries.js";

/**
 * The bare baseline: Fastify and a pg Pool (or PGlite) answering the five reads with the same SQL,
 * and nothing else: no GraphQL, no validation beyond parameter presence, no loaders. Whatever the
 * platform spends beyond this is the price of its API layer. Run as its own process:
 *
 *   node --import tsx bench/baseline/server.ts <port> <postgres-url | pglite-dir>
 */
const [portText = "0", where = ""] = process.argv.slice(2);
type Runner = (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>;

async function openRunner(): Promise<{ run: Runner; close: () => Promise<void> }> {
  if (/^postgres(ql)?:/.test(where)) {
    // The platform's default pool size, so both sides get the same number of connections.
    const pool = new pg.Pool({ connectionString: where, max: 10 });
    return { run: (text, values) => pool.query(text, values), close: () => pool.end() };
  }
  const db = await PGlite.create(where);
  return { run: (text, values) => db.query(text, values), close: () => db.close() };
}

const runner = await openRunner();
const app = Fastify({ logger: false });
app.get("/healthz", async () => ({ status: "ok" }));
app.get<{ Params: { name: string }; Querystring: Record<string, string> }>("/read/:name", async (request, reply) => {
  const query = READ_QUERIES[request.params.name as ReadName] as (typeof READ_QUERIES)[ReadName] | undefined;
  if (!query) return reply.code(404).send({ error: `no read named ${request.params.name}` });
  const values = query.params.map((param) => request.query[param]);
  if (values.some((value) => value === undefined)) {
    return reply.code(400).send({ error: `expected parameters ${query.params.join(", ")}` });
  }
  const { rows } = await runner.run(query.text, values);
  return { rows };
});
await app.listen({ host: "127.0.0.1", port: Number(portText) });

const stop = () => {
  void app
    .close()
    .then(() => runner.close())
    .then(() => process.exit(0));
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
