import { date, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Rollups the ETL maintains as it counts reports, so that statistics never scan the reports table.
 * Each is a plain counter keyed by its dimensions; the ETL adds to them with upserts.
 */
export const reportsDaily = pgTable(
  "stats_reports_daily",
  {
    day: date("day").notNull(),
    osname: text("osname").notNull(),
    /** "5.36" */
    perlSeries: text("perl_series").notNull(),
    grade: text("grade").notNull(),
    reports: integer("reports").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.osname, t.perlSeries, t.grade] })],
);

/** The same counts by month: a decade of monthly figures is a few thousand rows, not millions. */
export const reportsMonthly = pgTable(
  "stats_reports_monthly",
  {
    /** First day of the month. */
    month: date("month").notNull(),
    osname: text("osname").notNull(),
    perlSeries: text("perl_series").notNull(),
    grade: text("grade").notNull(),
    reports: integer("reports").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.osname, t.perlSeries, t.grade] })],
);

/**
 * Reports per month by grade over every OS and perl: what a chart of the whole network reads, a
 * dozen rows for a year instead of the thousands the monthly rollup holds for it.
 */
export const reportsMonthlyTotals = pgTable(
  "stats_reports_monthly_totals",
  {
    /** First day of the month. */
    month: date("month").notNull(),
    grade: text("grade").notNull(),
    reports: integer("reports").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.grade] })],
);

/** Reports per tester per month: the number of rows of a month is that month's active testers. */
export const testerMonths = pgTable(
  "stats_tester_months",
  {
    month: date("month").notNull(),
    tester: text("tester").notNull(),
    reports: integer("reports").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.tester] })],
);

/** Reports per hour by grade: the recent submission rate without touching the reports table. */
export const reportsHourly = pgTable(
  "stats_reports_hourly",
  {
    /** The start of the hour (UTC) in which the report was received. */
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    grade: text("grade").notNull(),
    reports: integer("reports").notNull(),
  },
  (t) => [primaryKey({ columns: [t.hour, t.grade] })],
);

/**
 * Reports per month by weekday and hour of day (UTC) of their arrival: when in the week reports
 * come in, 168 rows a month, so a year of the week's rhythm is read from two thousand rows.
 */
export const reportsWeekHours = pgTable(
  "stats_reports_week_hours",
  {
    /** First day of the month the report was received in. */
    month: date("month").notNull(),
    /** ISO weekday of its arrival: 1 Monday .. 7 Sunday. */
    weekday: smallint("weekday").notNull(),
    /** Hour of the day of its arrival, 0..23. */
    hour: smallint("hour").notNull(),
    reports: integer("reports").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.weekday, t.hour] })],
);

/**
 * Reports per registered tester by machine (OS, perl, archname) and grade: a tester's page without
 * reading their reports. Anonymous reports have no tester and are not counted here.
 */
export const testerMachines = pgTable(
  "stats_tester_machines",
  {
    testerId: uuid("tester_id").notNull(),
    osname: text("osname").notNull(),
    /** The perl version as reported, `5.36.1`. */
    perl: text("perl").notNull(),
    /** The archname, `x86_64-linux-thread-multi`. */
    platform: text("platform").notNull(),
    grade: text("grade").notNull(),
    reports: integer("reports").notNull(),
  },
  (t) => [primaryKey({ columns: [t.testerId, t.osname, t.perl, t.platform, t.grade] })],
);

/**
 * The matrix of one release: reports by perl series, OS and grade. A distribution's matrix
 * (version x perl series) sums these rows, so neither ever reads the reports table.
 */
export const releaseMatrixCells = pgTable(
  "release_matrix_cells",
  {
    dist: text("dist").notNull(),
    version: text("version").notNull(),
    perlSeries: text("perl_series").notNull(),
    osname: text("osname").notNull(),
    grade: text("grade").notNull(),
    reports: integer("reports").notNull(),
  },
  (t) => [primaryKey({ columns: [t.dist, t.version, t.perlSeries, t.osname, t.grade] })],
);
