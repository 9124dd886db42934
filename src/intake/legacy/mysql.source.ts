import type { Connection as CoreConnection } from "mysql2";
import mysql from "mysql2/promise";

/** The original database could not be used: one line for the operator, no stack. */
export class LegacySourceError extends Error {
  override name = "LegacySourceError";
}

/** A table of the original database, read in primary-key order. */
export interface SourceTable {
  /** As named in messages and checkpoints: `test_report`, `metabase.metabase`. */
  name: string;
  /** The database holding it: the URL's, or the legacy Metabase cache's. */
  database: string;
  table: string;
  key: string;
  /** Whether the key is numeric (compared as a number, not as text). */
  numericKey: boolean;
  columns: readonly string[];
  /** A column holding the report's time, for `--since`. */
  timeColumn?: string;
}

export type SourceRow = Record<string, unknown>;

/**
 * The original's MySQL/MariaDB, read with keyset paging: `WHERE key > last ORDER BY key LIMIT n`
 * uses the primary key's index, so each page costs the same whatever the table's size and where
 * the import stands, memory stays that of one page (two with the read-ahead), and the last key of
 * a committed page is all a resumed import needs.
 */
export class MysqlSource {
  private constructor(
    private readonly connection: mysql.Connection,
    /** The database the URL names (the original's `cpanstats`). */
    readonly database: string,
    readonly where: string,
  ) {}

  static async open(url: string): Promise<MysqlSource> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new LegacySourceError(
        `--from must be a mysql:// URL (mysql://user:password@host:3306/cpanstats), got "${url}"`,
      );
    }
    if (parsed.protocol !== "mysql:" && parsed.protocol !== "mariadb:") {
      throw new LegacySourceError(`--from must be a mysql:// URL, got the scheme "${parsed.protocol.slice(0, -1)}"`);
    }
    const database = decodeURIComponent(parsed.pathname.slice(1));
    const shown = redact(parsed);
    if (database === "")
      throw new LegacySourceError(`--from must name the database (mysql://host/cpanstats), got ${shown}`);
    try {
      const connection = await mysql.createConnection({
        host: parsed.hostname,
        port: parsed.port ? Number(parsed.port) : 3306,
        user: decodeURIComponent(parsed.username) || "root",
        password: decodeURIComponent(parsed.password),
        database,
        charset: "utf8mb4",
        connectTimeout: 10_000,
        // Dates as the server's text (UTC is set below), big ids as strings: nothing is lost.
        dateStrings: true,
        supportBigNumbers: true,
        timezone: "Z",
      });
      // The original wrote its datetimes in UTC; the session reads them as such.
      await connection.query("SET time_zone = '+00:00'");
      connection.on("error", () => undefined);
      return new MysqlSource(connection, database, shown);
    } catch (error) {
      throw new LegacySourceError(`cannot read the original database at ${shown}: ${(error as Error).message}`);
    }
  }

  /** The tables of `wanted` that do not exist, by name. */
  async missing(wanted: readonly SourceTable[]): Promise<string[]> {
    const [rows] = await this.connection.query<mysql.RowDataPacket[]>(
      "SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema IN (?)",
      [[...new Set(wanted.map((table) => table.database))]],
    );
    const present = new Set(rows.map((row) => `${String(row.s)}.${String(row.t)}`));
    return wanted.filter((table) => !present.has(`${table.database}.${table.table}`)).map((table) => table.name);
  }

  /** The server's estimate of a table's rows (exact counting would scan 100 million). */
  async estimatedRows(table: SourceTable, since?: string): Promise<number> {
    if (since !== undefined || !table.numericKey) {
      // The report tables (GUID keys, 100 million rows) and filtered reads: the estimate.
      const [rows] = await this.connection.query<mysql.RowDataPacket[]>(
        "SELECT table_rows AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
        [table.database, table.table],
      );
      return Number(rows[0]?.n ?? 0);
    }
    const [rows] = await this.connection.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${qualified(table)}`);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Pages of rows after `after` in key order, the next page read while the caller works on the
   * current one.
   */
  async *pages(table: SourceTable, options: { after?: string; since?: string; pageSize: number }) {
    let after = options.after;
    let next = this.page(table, after, options);
    for (;;) {
      const rows = await next;
      if (rows.length === 0) return;
      after = String(rows[rows.length - 1]?.[table.key]);
      next = rows.length < options.pageSize ? Promise.resolve([]) : this.page(table, after, options);
      // A rejected read-ahead must not go unhandled while the caller still works on this page.
      next.catch(() => undefined);
      yield rows;
    }
  }

  private async page(
    table: SourceTable,
    after: string | undefined,
    options: { since?: string; pageSize: number },
  ): Promise<SourceRow[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (after !== undefined) {
      conditions.push(`${mysql.escapeId(table.key)} > ?`);
      params.push(table.numericKey ? Number(after) : after);
    }
    if (options.since !== undefined && table.timeColumn) {
      conditions.push(`${mysql.escapeId(table.timeColumn)} >= ?`);
      params.push(options.since);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
    const columns = table.columns.map((column) => mysql.escapeId(column)).join(", ");
    const [rows] = await this.connection.query<mysql.RowDataPacket[]>(
      `SELECT ${columns} FROM ${qualified(table)} ${where} ORDER BY ${mysql.escapeId(table.key)} LIMIT ${options.pageSize}`,
      params,
    );
    return rows;
  }

  /** Runs a read of the verification (the original's summaries). */
  async select(statement: string, params: unknown[] = []): Promise<SourceRow[]> {
    const [rows] = await this.connection.query<mysql.RowDataPacket[]>(statement, params);
    return rows;
  }

  /** Rows of a statement one by one as the server sends them, without holding the result. */
  async *stream(statement: string, params: unknown[] = []): AsyncGenerator<SourceRow> {
    // The promise wrapper has no streaming form; the driver's own connection underneath has.
    const core = (this.connection as unknown as { connection: CoreConnection }).connection;
    const stream = core.query(statement, params).stream({ highWaterMark: 1000 });
    for await (const row of stream) yield row as SourceRow;
  }

  async close(): Promise<void> {
    await this.connection.end().catch(() => undefined);
  }
}

export function qualified(table: SourceTable): string {
  return `${mysql.escapeId(table.database)}.${mysql.escapeId(table.table)}`;
}

function redact(url: URL): string {
  const copy = new URL(url.toString());
  if (copy.password) copy.password = "***";
  return copy.toString();
}
