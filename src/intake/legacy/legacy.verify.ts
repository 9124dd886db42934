import type { Db } from "../../db/client.js";
import {
  documentStates,
  findRejects,
  importedGradeCounts,
  reportsOfRelease,
} from "../../db/queries/legacy-import.queries.js";
import { findReleases } from "../../db/queries/release.queries.js";
import type { ReleaseRow } from "../../db/schema/index.js";
import { isUuid } from "../../report/index.js";
import { LegacySourceError, type MysqlSource } from "./mysql.source.js";

/** One count of the original that ours does not match, and what explains it. */
export interface Difference {
  subject: string;
  original: string;
  ours: string;
  reasons: string[];
}

const COUNTERS = ["pass", "fail", "na", "unknown"] as const;
type Counts = Record<(typeof COUNTERS)[number], number>;
/** Releases compared per lookup of ours. */
const RELEASES_PER_LOOKUP = 500;

/**
 * Compares the original's own summaries with ours: report counts by grade (`cpanstats`) and the
 * counts of every release over all perls and over stable perls (`release_summary`, `perlmat` 1).
 * Each release that differs is explained report by report: refused by our validation (and why),
 * never imported, not processed yet or failed in the ETL, not counted (not Perl 5), counted on a
 * perl whose maturity the original judged otherwise, or counted by us only.
 */
export async function verifyLegacy(db: Db, source: MysqlSource): Promise<Difference[]> {
  const missing = await source.missing(
    ["cpanstats", "release_summary", "uploads", "perl_version"].map((table) => ({
      name: table,
      database: source.database,
      table,
      key: "",
      numericKey: false,
      columns: [],
    })),
  );
  if (missing.length > 0) {
    throw new LegacySourceError(
      `the original database at ${source.where} has no table ${missing.map((name) => `\`${name}\``).join(", ")}`,
    );
  }
  const differences: Difference[] = [];
  const theirs = await source.select("SELECT state, COUNT(*) AS n FROM cpanstats GROUP BY state");
  const ours = await importedGradeCounts(db);
  for (const row of theirs) {
    const grade = String(row.state);
    const original = Number(row.n);
    const mine = ours.get(grade) ?? 0;
    if (original !== mine) {
      differences.push({
        subject: `cpanstats ${grade} reports`,
        original: String(original),
        ours: String(mine),
        reasons: ["see the releases below for the reports that differ"],
      });
    }
  }

  let batch: { dist: string; version: string; all: Counts; stable: Counts }[] = [];
  const flush = async () => {
    const found = await findReleases(db, batch);
    const byKey = new Map(found.map((row) => [`${row.dist}\u0000${row.version}`, row]));
    for (const release of batch) {
      const row = byKey.get(`${release.dist}\u0000${release.version}`);
      const mine = countsOf(row);
      if (same(release.all, mine.all) && same(release.stable, mine.stable)) continue;
      differences.push({
        subject: `release ${release.dist} ${release.version}`,
        original: `${show(release.all)}; stable perls ${show(release.stable)}`,
        ours: row ? `${show(mine.all)}; stable perls ${show(mine.stable)}` : "no release",
        reasons: await explain(db, source, release.dist, release.version),
      });
    }
    batch = [];
  };
  const sums = COUNTERS.map((c) => `SUM(${c}) AS ${c}, SUM(CASE WHEN perlmat = 1 THEN ${c} ELSE 0 END) AS stable_${c}`);
  for await (const row of source.stream(
    `SELECT dist, version, ${sums.join(", ")} FROM release_summary GROUP BY dist, version`,
  )) {
    const counts = (prefix: string) =>
      Object.fromEntries(COUNTERS.map((c) => [c, Number(row[`${prefix}${c}`] ?? 0)])) as Counts;
    batch.push({ dist: String(row.dist), version: String(row.version), all: counts(""), stable: counts("stable_") });
    if (batch.length >= RELEASES_PER_LOOKUP) await flush();
  }
  await flush();
  return differences;
}

/** Why a release's counts differ: the original's reports of it, each looked up on our side. */
async function explain(db: Db, source: MysqlSource, dist: string, version: string): Promise<string[]> {
  const counted = await source.select(
    `SELECT c.guid, c.state, c.perl, p.devel FROM cpanstats c
       JOIN uploads u ON u.uploadid = c.uploadid
       LEFT JOIN perl_version p ON p.version = c.perl
     WHERE u.dist = ? AND u.version = ?`,
    [dist, version],
  );
  const guids = counted.map((row) => String(row.guid).toLowerCase()).filter(isUuid);
  const states = await documentStates(db, guids);
  const rejects = new Map(
    [...(await findRejects(db, "test_report", guids)), ...(await findRejects(db, "metabase.metabase", guids))].map(
      (r) => [r.sourceKey, r.reason],
    ),
  );
  const ours = new Map((await reportsOfRelease(db, dist, version)).map((r) => [r.guid, r]));
  const reasons = new Map<string, string[]>();
  const note = (reason: string, guid: string) => reasons.set(reason, [...(reasons.get(reason) ?? []), guid]);
  for (const row of counted) {
    const guid = String(row.guid).toLowerCase();
    const state = states.get(guid);
    const rejected = rejects.get(guid);
    const mine = ours.get(guid);
    if (rejected) note(`counted by the original, refused by our validation: ${rejected}`, guid);
    else if (!state)
      note("counted by the original, not imported (not in test_report or the Metabase cache read)", guid);
    else if (state.error) note(`imported, failed in the ETL: ${state.error}`, guid);
    else if (!state.processed) note("imported, waiting for the ETL", guid);
    else if (!mine) note("imported, not counted (not a Perl 5 report)", guid);
    else {
      const originalDev = Number(row.devel) === 1;
      const ourDev = mine.perlMaturity === "dev";
      if (originalDev !== ourDev) {
        note(
          `perl ${String(row.perl)}: the original counts it as ${originalDev ? "dev" : "stable"}, we as ${mine.perlMaturity}`,
          guid,
        );
      }
    }
  }
  const theirs = new Set(guids);
  for (const guid of ours.keys()) if (!theirs.has(guid)) note("counted by us, not in the original's cpanstats", guid);
  if (reasons.size === 0)
    return ["the reports match one by one: the original's release_summary is out of step with its cpanstats"];
  return [...reasons].map(
    ([reason, list]) => `${list.length} × ${reason} (${list.slice(0, 5).join(", ")}${list.length > 5 ? ", ..." : ""})`,
  );
}

function countsOf(row: ReleaseRow | undefined): { all: Counts; stable: Counts } {
  return {
    all: { pass: row?.pass ?? 0, fail: row?.fail ?? 0, na: row?.na ?? 0, unknown: row?.unknown ?? 0 },
    stable: {
      pass: row?.stablePass ?? 0,
      fail: row?.stableFail ?? 0,
      na: row?.stableNa ?? 0,
      unknown: row?.stableUnknown ?? 0,
    },
  };
}

const same = (a: Counts, b: Counts) => COUNTERS.every((c) => a[c] === b[c]);
const show = (c: Counts) => COUNTERS.map((k) => `${k} ${c[k]}`).join(", ");

/** The differences as an operator reads them. */
export function formatDifferences(differences: readonly Difference[]): string {
  if (differences.length === 0) return "verified: every count of the original matches ours\n";
  return (
    differences
      .map((d) => `${d.subject}: original ${d.original}; ours ${d.ours}\n${d.reasons.map((r) => `  ${r}`).join("\n")}`)
      .join("\n") + `\n${differences.length} difference${differences.length === 1 ? "" : "s"}\n`
  );
}
