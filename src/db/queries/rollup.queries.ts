import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Grade } from "../../report/grade.js";
import type { ReleaseCounters } from "../../report/release-counters.js";
import { type Db, queryRows } from "../client.js";
import { perlVersions, releases, uploads } from "../schema/index.js";
import { type ArrayColumn, unnestColumns, unnestRows } from "../unnest.js";
import { COUNTER_TABLES, type CounterTable } from "./rollup.tables.js";

/** What a batch of reports adds to one release. */
export interface ReleaseDelta extends ReleaseCounters {
  dist: string;
  version: string;
  latestReportId: number;
}

/** A counter row keyed by its dimensions, to be added to its table. */
export interface CounterDelta<Key> {
  key: Key;
  reports: number;
}

/** What a batch of reports adds to every derived table, each key once and in sorted order. */
export interface Rollups {
  releases: ReleaseDelta[];
  matrixCells: CounterDelta<{ dist: string; version: string; perlSeries: string; osname: string; grade: Grade }>[];
  daily: CounterDelta<{ day: string; osname: string; perlSeries: string; grade: Grade }>[];
  monthly: CounterDelta<{ month: string; osname: string; perlSeries: string; grade: Grade }>[];
  monthlyTotals: CounterDelta<{ month: string; grade: Grade }>[];
  hourly: CounterDelta<{ hour: Date; grade: Grade }>[];
  testerMonths: CounterDelta<{ month: string; tester: string }>[];
  /** Weekday (ISO, "1".."7") and hour ("0".."23") as strings: the counter's keys are strings. */
  weekHours: CounterDelta<{ month: string; weekday: string; hour: string }>[];
  testerMachines: CounterDelta<{ testerId: string; osname: string; perl: string; platform: string; grade: Grade }>[];
  perlVersions: { version: string; major: number; minor: number; patch: number; maturity: string; patched: boolean }[];
  /** Releases the batch saw, with the author its reports name (Metabase resources), if any. */
  uploads: { dist: string; version: string; author: string | null; maturity: string }[];
}

/** The counts of a release after this batch's reports were added, and when they changed. */
export type ReleaseCounts = ReleaseDelta & { updatedAt: Date };

/*
 * Every write here is one hand-written statement with the rows bound as column arrays
 * (src/db/unnest.ts): the query builder's multi-row VALUES binds each value as a parameter of its
 * own. Measured on insertReports, 500 rows on Postgres (median of 30, 2026-12-07): 53 ms, 5 ms of
 * it Node CPU, through column arrays; 187 ms, 33 ms of it Node CPU, through the builder.
 * Tables and columns still come from the schema.
 */

/** Adds a batch's rollups to every derived table; returns the releases' new counts. */
export async function applyRollups(tx: Db, rollups: Rollups): Promise<ReleaseCounts[]> {
  const updated = await upsertReleases(tx, rollups.releases);
  for (const counter of COUNTER_TABLES) await addCounts(tx, counter, rollups[counter.field]);
  if (rollups.perlVersions.length > 0) {
    const versions = rollups.perlVersions;
    const p = perlVersions;
    await tx.execute(
      sql`insert into ${p} ${unnestRows([
        [p.version, versions.map((v) => v.version)],
        [p.major, versions.map((v) => v.major)],
        [p.minor, versions.map((v) => v.minor)],
        [p.patch, versions.map((v) => v.patch)],
        [p.maturity, versions.map((v) => v.maturity)],
        [p.patched, versions.map((v) => v.patched)],
      ])} on conflict do nothing`,
    );
  }
  if (rollups.uploads.length > 0) {
    // A release known only from its reports gets a provisional upload, completed when the
    // upload itself arrives; a later report may still supply the author a v3 report could not.
    const seen = rollups.uploads;
    const u = uploads;
    await tx.execute(sql`insert into ${u} ${unnestRows([
      [u.dist, seen.map((s) => s.dist)],
      [u.version, seen.map((s) => s.version)],
      [u.author, seen.map((s) => s.author)],
      [u.maturity, seen.map((s) => s.maturity)],
      [u.provisional, seen.map(() => true)],
    ])}
    on conflict (${name(u.dist)}, ${name(u.version)}) do update set ${name(u.author)} = excluded.${name(u.author)}
    where ${u.author} is null and excluded.${name(u.author)} is not null`);
  }
  return updated;
}

/** A column's bare name, for the places SQL wants no table in front (targets, `excluded.`). */
const name = (column: AnyPgColumn) => sql.identifier(column.name);

/** Each counter of ReleaseCounters and its column. */
const RELEASE_COUNTERS = Object.entries({
  pass: releases.pass,
  fail: releases.fail,
  na: releases.na,
  unknown: releases.unknown,
  stablePass: releases.stablePass,
  stableFail: releases.stableFail,
  stableNa: releases.stableNa,
  stableUnknown: releases.stableUnknown,
} satisfies Record<keyof ReleaseCounters, AnyPgColumn>) as [keyof ReleaseCounters, AnyPgColumn][];

/**
 * Adds to each release's counters. updated_at is clock_timestamp(), not now(): the time under the
 * commit-order lock, so it grows in commit order (now() is when the transaction began, which may
 * be before another batch's commit) and an updated-since poller never steps past a change.
 */
async function upsertReleases(tx: Db, deltas: ReleaseDelta[]): Promise<ReleaseCounts[]> {
  if (deltas.length === 0) return [];
  const r = releases;
  const added = sql.join(
    RELEASE_COUNTERS.map(([, column]) => sql`${name(column)} = ${column} + excluded.${name(column)}`),
    sql`, `,
  );
  const counters = sql.join(
    RELEASE_COUNTERS.map(([field, column]) => sql`${column} as ${sql.identifier(field)}`),
    sql`, `,
  );
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`insert into ${r} ${unnestRows(
      [
        [r.dist, deltas.map((d) => d.dist)],
        [r.version, deltas.map((d) => d.version)],
        ...RELEASE_COUNTERS.map(([field, column]): ArrayColumn => [column, deltas.map((d) => d[field])]),
        [r.latestReportId, deltas.map((d) => d.latestReportId)],
      ],
      [[r.updatedAt, sql`clock_timestamp()`]],
    )}
    on conflict (${name(r.dist)}, ${name(r.version)}) do update set ${added},
      ${name(r.latestReportId)} = greatest(${r.latestReportId}, excluded.${name(r.latestReportId)}),
      ${name(r.updatedAt)} = excluded.${name(r.updatedAt)}
    returning ${r.dist} as dist, ${r.version} as version, ${counters},
      ${r.latestReportId} as "latestReportId", ${r.updatedAt} as "updatedAt"`,
  );
  return rows.map((row) => ({
    dist: row.dist as string,
    version: row.version as string,
    ...(Object.fromEntries(
      RELEASE_COUNTERS.map(([field]) => [field, Number(row[field])]),
    ) as unknown as ReleaseCounters),
    latestReportId: Number(row.latestReportId),
    updatedAt: new Date(row.updatedAt as string | Date),
  }));
}

/** The key columns of a counter table bound as column arrays, one element per delta. */
const keyColumns = ({ keys }: CounterTable, deltas: readonly CounterDelta<unknown>[]): ArrayColumn[] =>
  keys.map(([column, value]): ArrayColumn => [column, deltas.map((delta) => value(delta.key as never))]);

/** `insert ... on conflict (keys) do update set reports = reports + excluded.reports` for a counter table. */
async function addCounts(tx: Db, counter: CounterTable, deltas: readonly CounterDelta<unknown>[]): Promise<void> {
  if (deltas.length === 0) return;
  const { table } = counter;
  const reports = table.reports;
  await tx.execute(sql`insert into ${table} ${unnestRows([
    ...keyColumns(counter, deltas),
    [reports, deltas.map((delta) => delta.reports)],
  ])}
  on conflict (${sql.join(
    counter.keys.map(([column]) => name(column)),
    sql`, `,
  )})
  do update set ${name(reports)} = ${reports} + excluded.${name(reports)}`);
}

/**
 * Deletes the counter rows of these rollups' keys that a subtraction left at zero, so that a
 * report taken out leaves the tables as if it had never been counted.
 */
export async function dropEmptyCounts(tx: Db, rollups: Rollups): Promise<void> {
  for (const counter of COUNTER_TABLES) {
    const deltas = rollups[counter.field];
    if (deltas.length === 0) continue;
    const { table } = counter;
    const columns = sql.join(
      counter.keys.map(([column]) => column),
      sql`, `,
    );
    await tx.execute(sql`delete from ${table}
      where ${table.reports} <= 0 and (${columns}) in (select * from ${unnestColumns(keyColumns(counter, deltas))})`);
  }
}

/** The same rollups with every count turned negative: what taking their reports out again subtracts. */
export function negated(rollups: Rollups): Rollups {
  const releases = rollups.releases.map((delta) => {
    const taken = { ...delta, latestReportId: 0 };
    for (const [field] of RELEASE_COUNTERS) taken[field] = -delta[field];
    return taken;
  });
  const taken: Rollups = { ...rollups, releases };
  for (const { field } of COUNTER_TABLES) {
    taken[field] = rollups[field].map((delta) => ({ ...delta, reports: -delta.reports })) as never;
  }
  return taken;
}
