import { readFileSync, writeFileSync } from "node:fs";
import { printApiSchema } from "../graphql/schema.js";

const schemaFile = new URL("../../schema.graphql", import.meta.url);

/** `schema:emit`: writes the schema the code defines to schema.graphql. */
export async function emitSchemaCommand(): Promise<void> {
  writeFileSync(schemaFile, await printApiSchema());
  process.stdout.write("schema.graphql written\n");
}

/** `schema:check`: fails when schema.graphql differs from the schema the code defines. */
export async function checkSchemaCommand(): Promise<void> {
  const committed = readFileSync(schemaFile, "utf8");
  if (committed !== (await printApiSchema())) {
    throw new Error("schema.graphql is out of date with the code: run `npm run schema:emit` and commit it");
  }
  process.stdout.write("schema.graphql matches the code\n");
}
