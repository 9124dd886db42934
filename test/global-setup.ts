import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated Postgres database that each test file copies (CREATE DATABASE ... TEMPLATE). */
    postgresTemplate: string | null;
  }
}

/**
 * Migrates one template database per run when TEST_DATABASE_URL is set; every test file then gets
 * a fresh copy of it in milliseconds instead of migrating its own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    project.provide("postgresTemplate", null);
    return async () => undefined;
  }
  const template = `cpt_template_${process.pid}`;
  await adminQuery(url, `drop database if exists ${template}`);
  await adminQuery(url, `create database ${template}`);
  const database = await openDatabase({ url: withDatabase(url, template), poolSize: 1 });
  await migrate(database);
  await database.close();
  project.provide("postgresTemplate", template);
  return () => adminQuery(url, `drop database if exists ${template} with (force)`);
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
