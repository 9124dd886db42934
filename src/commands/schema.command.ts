import { readFileSync, writeFileSync } from "node:fs";
import { Command } from "commander";
import { printApiSchema } from "../graphql/schema.js";

const schemaFile = new URL("../../schema.graphql", import.meta.url);

/** `schema:emit`: writes the schema the code defines to schema.graphql. */
export function emitSchemaCommand(): Command {
  return new Command("schema:emit").description("write schema.graphql from the code").action(async () => {
    writeFileSync(schemaFile, await printApiSchema());
    process.stdout.write("schema.graphql written\n");
  });
}

/** `schema:check`: fails when schema.graphql differs from the schema the code defines. */
export function checkSchemaCommand(): Command {
  return new Command("schema:check").description("fail if schema.graphql differs from the code").action(async () => {
    const committed = readFileSync(schemaFile, "utf8");
    if (committed !== (await printApiSchema())) {
      throw new Error("schema.graphql is out of date with the code: run `npm run schema:emit` and commit it");
    }
    process.stdout.write("schema.graphql matches the code\n");
  });
}
