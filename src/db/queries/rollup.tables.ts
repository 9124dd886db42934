import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  releaseMatrixCells,
  reportsDaily,
  reportsHourly,
  reportsMonthly,
  reportsMonthlyTotals,
  reportsWeekHours,
  testerMachines,
  testerMonths,
} from "../schema/index.js";
import type { Rollups } from "./rollup.queries.js";

/** The rollups that are plain counters: a row per key, with `reports`. */
type CounterField = Exclude<keyof Rollups, "releases" | "perlVersions" | "uploads">;
type KeyOf<F extends CounterField> = Rollups[F][number]["key"];

/** A counter table: the rollup it takes, its table and each key column with the value it gets. */
export interface CounterTable<F extends CounterField = CounterField> {
  field: F;
  table:
    | typeof releaseMatrixCells
    | typeof reportsDaily
    | typeof reportsMonthly
    | typeof reportsMonthlyTotals
    | typeof reportsHourly
    | typeof reportsWeekHours
    | typeof testerMachines
    | typeof testerMonths;
  keys: readonly (readonly [column: AnyPgColumn, value: (key: KeyOf<F>) => unknown])[];
}

const counterTable = <F extends CounterField>(spec: CounterTable<F>) => spec as unknown as CounterTable;

/** Every counter table and its key: the one list a new rollup is added to. */
export const COUNTER_TABLES: readonly CounterTable[] = [
  counterTable({
    field: "matrixCells",
    table: releaseMatrixCells,
    keys: [
      [releaseMatrixCells.dist, (k) => k.dist],
      [releaseMatrixCells.version, (k) => k.version],
      [releaseMatrixCells.perlSeries, (k) => k.perlSeries],
      [releaseMatrixCells.osname, (k) => k.osname],
      [releaseMatrixCells.grade, (k) => k.grade],
    ],
  }),
  counterTable({
    field: "daily",
    table: reportsDaily,
    keys: [
      [reportsDaily.day, (k) => k.day],
      [reportsDaily.osname, (k) => k.osname],
      [reportsDaily.perlSeries, (k) => k.perlSeries],
      [reportsDaily.grade, (k) => k.grade],
    ],
  }),
  counterTable({
    field: "monthly",
    table: reportsMonthly,
    keys: [
      [reportsMonthly.month, (k) => k.month],
      [reportsMonthly.osname, (k) => k.osname],
      [reportsMonthly.perlSeries, (k) => k.perlSeries],
      [reportsMonthly.grade, (k) => k.grade],
    ],
  }),
  counterTable({
    field: "monthlyTotals",
    table: reportsMonthlyTotals,
    keys: [
      [reportsMonthlyTotals.month, (k) => k.month],
      [reportsMonthlyTotals.grade, (k) => k.grade],
    ],
  }),
  counterTable({
    field: "hourly",
    table: reportsHourly,
    keys: [
      [reportsHourly.hour, (k) => k.hour.toISOString()],
      [reportsHourly.grade, (k) => k.grade],
    ],
  }),
  counterTable({
    field: "testerMonths",
    table: testerMonths,
    keys: [
      [testerMonths.month, (k) => k.month],
      [testerMonths.tester, (k) => k.tester],
    ],
  }),
  counterTable({
    field: "weekHours",
    table: reportsWeekHours,
    keys: [
      [reportsWeekHours.month, (k) => k.month],
      [reportsWeekHours.weekday, (k) => Number(k.weekday)],
      [reportsWeekHours.hour, (k) => Number(k.hour)],
    ],
  }),
  counterTable({
    field: "testerMachines",
    table: testerMachines,
    keys: [
      [testerMachines.testerId, (k) => k.testerId],
      [testerMachines.osname, (k) => k.osname],
      [testerMachines.perl, (k) => k.perl],
      [testerMachines.platform, (k) => k.platform],
      [testerMachines.grade, (k) => k.grade],
    ],
  }),
];
