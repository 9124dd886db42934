import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";

/**
 * Rebuilds every table the ETL keeps beside the report rows, from the report rows, in one pass
 * each. Part of the stand-in derived loader (derived.loader.ts): set-based SQL over the slim
 * `reports` table takes seconds for millions of rows, where the jsonb documents would take minutes.
 * Expects those tables empty, as they are in a freshly loaded benchmark database.
 */
export async function rebuildRollups(db: Db): Promise<void> {
  const series = sql.raw("perl_major || '.' || perl_minor");
  const month = sql.raw("date_trunc('month', submitted_at at time zone 'UTC')::date");
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into perl_versions (version, major, minor, patch, maturity, patched)
      select distinct on (perl) perl, perl_major, perl_minor, perl_patch, perl_maturity, perl_patched
      from reports order by perl`);
    await tx.execute(sql`
      insert into releases (dist, version, pass, fail, na, unknown,
                            stable_pass, stable_fail, stable_na, stable_unknown, latest_report_id, updated_at)
      select dist, version,
             count(*) filter (where grade = 'pass'), count(*) filter (where grade = 'fail'),
             count(*) filter (where grade = 'na'), count(*) filter (where grade = 'unknown'),
             count(*) filter (where grade = 'pass' and perl_maturity = 'stable'),
             count(*) filter (where grade = 'fail' and perl_maturity = 'stable'),
             count(*) filter (where grade = 'na' and perl_maturity = 'stable'),
             count(*) filter (where grade = 'unknown' and perl_maturity = 'stable'),
             max(id), max(received_at)
      from reports group by dist, version`);
    await tx.execute(sql`
      insert into release_matrix_cells (dist, version, perl_series, osname, grade, reports)
      select dist, version, ${series}, osname, grade, count(*) from reports group by 1, 2, 3, 4, 5`);
    await tx.execute(sql`
      insert into stats_reports_daily (day, osname, perl_series, grade, reports)
      select (submitted_at at time zone 'UTC')::date, osname, ${series}, grade, count(*)
      from reports group by 1, 2, 3, 4`);
    await tx.execute(sql`
      insert into stats_reports_monthly (month, osname, perl_series, grade, reports)
      select ${month}, osname, ${series}, grade, count(*) from reports group by 1, 2, 3, 4`);
    await tx.execute(sql`
      insert into stats_tester_months (month, tester, reports)
      select ${month}, tester, count(*) from reports group by 1, 2`);
    await tx.execute(sql`
      insert into stats_reports_hourly (hour, grade, reports)
      select date_trunc('hour', received_at), grade, count(*) from reports group by 1, 2`);
  });
}
