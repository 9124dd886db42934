import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase, PGLITE_EXTENSIONS } from "../src/db/client.js";
import { migrate, migrationsFolder } from "../src/db/migrate.js";
import { chromiumPath, NO_CHROMIUM } from "./helpers/chromium.js";
import { ensureWebBuild } from "../scripts/web-build.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated Postgres database that each test database copies (CREATE DATABASE ... TEMPLATE). */
    postgresTemplate: string | null;
    /** A migrated PGlite data directory (a tarball) that each PGlite test database starts from. */
    pgliteTemplate: string;
  }
}

/**
 * Migrates the databases tests start from, once per run: starting from a migrated template takes
 * a fraction of the time that creating and migrating a database takes, for PGlite as for Postgres.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The server serves the web app's build; a fresh clone (CI runs npm ci, then npm test) has none.
  await ensureWebBuild();
  const pglite = await PGlite.create("memory://", { extensions: PGLITE_EXTENSIONS });
  await migratePglite(drizzle(pglite), { migrationsFolder });
  const pgliteTemplate = join(tmpdir(), `cpt-pglite-template-${process.pid}.tar`);
  await writeFile(pgliteTemplate, Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer()));
  await pglite.close();
  project.provide("pgliteTemplate", pgliteTemplate);

  if (!process.env.TEST_MYSQL_URL && project.name === "integration") {
    console.log(
      "legacy import tests not run: set TEST_MYSQL_URL=mysql://root@127.0.0.1:3306 (a MariaDB or MySQL server)",
    );
  }
  if (!chromiumPath() && !process.env.CI && project.name === "integration") console.log(NO_CHROMIUM);
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    project.provide("postgresTemplate", null);
    return () => rm(pgliteTemplate, { force: true });
  }
  const template = `cpt_template_${process.pid}`;
  await adminQuery(url, `drop database if exists ${template}`);
  await adminQuery(url, `create database ${template}`);
  const database = await openDatabase({ url: withDatabase(url, template), poolSize: 1 });
  await migrate(database);
  await database.close();
  project.provide("postgresTemplate", template);
  return async () => {
    await rm(pgliteTemplate, { force: true });
    await adminQuery(url, `drop database if exists ${template} with (force)`);
  };
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
