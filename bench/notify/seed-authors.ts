import type { Db } from "../../src/db/client.js";
import { saveSettings } from "../../src/db/queries/notification.queries.js";
import { uploads } from "../../src/db/schema/index.js";
import { DEFAULT_PREFERENCE, type Frequency } from "../../src/notify/preferences.js";
import { rowValues } from "../../src/notify/settings.rows.js";
import type { GeneratedReport } from "../generate/report.generate.js";

const BATCH = 500;

/**
 * Gives every release of `reports` an author (AUTHOR0 .. AUTHOR<authors-1>, in turn) and every
 * author settings that want each of their reports (all grades, versions and perls), mailed at the
 * frequency `frequencyOf` picks. Answers how many of `reports` their authors want mailed one by one.
 */
export async function seedAuthors(
  db: Db,
  reports: readonly GeneratedReport[],
  authors: number,
  frequencyOf: (author: number) => Frequency,
  now: Date,
): Promise<number> {
  const releaseOf = (r: GeneratedReport) => `${r.document.distribution.name}\0${r.document.distribution.version}`;
  // Each release once, with its author number in turn: the uploads below and the count returned read it.
  const authorOf = new Map<string, number>();
  const releases: GeneratedReport[] = [];
  for (const report of reports) {
    const release = releaseOf(report);
    if (authorOf.has(release)) continue;
    authorOf.set(release, authorOf.size % authors);
    releases.push(report);
  }
  for (let i = 0; i < releases.length; i += BATCH) {
    await db
      .insert(uploads)
      .values(
        releases.slice(i, i + BATCH).map((r) => ({
          dist: r.document.distribution.name,
          version: r.document.distribution.version,
          author: `AUTHOR${authorOf.get(releaseOf(r))}`,
        })),
      )
      .onConflictDoNothing();
  }
  for (let a = 0; a < authors; a++) {
    const pref = {
      ...DEFAULT_PREFERENCE,
      frequency: frequencyOf(a),
      grades: ["pass", "fail", "na", "unknown"] as ("pass" | "fail" | "na" | "unknown")[],
      firstOnly: false,
      versions: "all" as const,
      includePatched: true,
      includeDevPerls: true,
    };
    await saveSettings(db, `AUTHOR${a}`, "", rowValues(pref, { ignoredDists: [], timeZone: "UTC" }), now);
  }
  return reports.filter((r) => frequencyOf(authorOf.get(releaseOf(r)) ?? 0) === "report").length;
}
