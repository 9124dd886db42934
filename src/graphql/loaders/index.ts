import type { Db } from "../../db/client.js";
import {
  latestUploadByDist,
  releaseByDistVersion,
  releaseMatrixByDistVersion,
  uploadByDistVersion,
} from "./release.loader.js";
import {
  failuresByReportId,
  reportByGuid,
  reportById,
  reportDocumentByGuid,
  testerById,
  testerIdByGuid,
} from "./report.loader.js";

/** Every DataLoader, created afresh for each request so that no cache outlives it. */
export function createLoaders(db: Db) {
  return {
    releaseByDistVersion: releaseByDistVersion(db),
    uploadByDistVersion: uploadByDistVersion(db),
    latestUploadByDist: latestUploadByDist(db),
    releaseMatrixByDistVersion: releaseMatrixByDistVersion(db),
    reportById: reportById(db),
    reportByGuid: reportByGuid(db),
    reportDocumentByGuid: reportDocumentByGuid(db),
    testerById: testerById(db),
    testerIdByGuid: testerIdByGuid(db),
    failuresByReportId: failuresByReportId(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
