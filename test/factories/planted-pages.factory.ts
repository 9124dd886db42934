import { plantedReport, plantedReports } from "../../bench/generate/planted-causes.js";
import { processAll } from "../../src/etl/process-batch.js";
import { testLog, type TestPlatform } from "../helpers/server.js";
import { queueReports } from "./report.factory.js";

/** A failing report whose output holds markup next to the recurring text: it must reach the page as text. */
const HOSTILE = plantedReport(
  "Planted-Hostile",
  "0.01",
  {
    tester: "Hal Hostile <hal@example.org>",
    perl: "5.40.0",
    osname: "linux",
    osversion: "6.1.0",
    archname: "x86_64-linux",
    moo: "2.005004",
    listUtil: "1.63",
  },
  "fail",
  `t/load.t .. <img src=x onerror="alert(1)"> Can't locate Net/Ghost.pm in @INC <b>bold</b>\nFAILED`,
);

/** Seeds the planted causes of failure (bench/generate/planted-causes.ts) through intake and the ETL. */
export async function seedPlantedFailures(platform: TestPlatform): Promise<void> {
  await queueReports(platform.database.db, [...plantedReports(2), HOSTILE]);
  await processAll({ db: platform.database.db, events: platform.events, log: testLog }, 100);
}
