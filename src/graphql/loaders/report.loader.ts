import type { Db } from "../../db/client.js";
import { failuresOfReports } from "../../db/queries/failure-signature.queries.js";
import {
  findReportDocuments,
  findReportsByGuids,
  findReportsByIds,
  findReportTesterIds,
} from "../../db/queries/report.queries.js";
import { findTesters } from "../../db/queries/tester.queries.js";
import { keyedLoader } from "./keyed-loader.js";

/** Reports by sequential id; null for an unknown one. */
export const reportById = (db: Db) =>
  keyedLoader(
    (ids: readonly number[]) => findReportsByIds(db, ids),
    (id) => String(id),
    (row) => String(row.id),
  );

/** Reports by GUID; null for an unknown one. */
export const reportByGuid = (db: Db) =>
  keyedLoader(
    (guids: readonly string[]) => findReportsByGuids(db, guids),
    (guid) => guid,
    (row) => row.guid,
  );

/** Stored report documents by report GUID; null when the document is not (or no longer) stored. */
export const reportDocumentByGuid = (db: Db) =>
  keyedLoader(
    (guids: readonly string[]) => findReportDocuments(db, guids),
    (guid) => guid,
    (row) => row.guid,
  );

/** The registered tester's id by report GUID, without the document; null for an unknown report. */
export const testerIdByGuid = (db: Db) =>
  keyedLoader(
    (guids: readonly string[]) => findReportTesterIds(db, guids),
    (guid) => guid,
    (row) => row.guid,
  );

/** Testers by profile id; null for an unknown one. */
export const testerById = (db: Db) =>
  keyedLoader(
    (ids: readonly string[]) => findTesters(db, ids),
    (id) => id,
    (row) => row.id,
  );

/** The failures of reports by sequential id, each with how many other reports fail the same way. */
export const failuresByReportId = (db: Db) =>
  keyedLoader(
    (ids: readonly number[]) => failuresOfReports(db, ids),
    (id) => String(id),
    (row) => String(row.reportId),
    (rows) => rows ?? [],
  );
