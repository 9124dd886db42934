import type { Db } from "../../src/db/client.js";
import { type ReportSpec, seedReadModel, type UploadSpec } from "./read-model.factory.js";

/** A registered tester; its e-mail must never reach an answer. */
export const ZOE = { id: "7d0c3c2e-5a6b-11ee-8c99-0242ac120002", fullName: "Zoe Smoker", email: "zoe@smoke.example" };

export const webUploads: UploadSpec[] = [
  { dist: "Zed-Alpha", version: "0.9", author: "ZED", releasedAt: "2025-06-01T10:00:00Z" },
  { dist: "Zed-Alpha", version: "1.0", author: "ZED", releasedAt: "2026-01-01T10:00:00Z" },
  { dist: "Zed-Beta", version: "2.0", author: "ZED", releasedAt: "2026-01-05T10:00:00Z" },
  { dist: "Zed-Gamma", version: "0.1", author: "ZED", releasedAt: "2026-02-01T10:00:00Z" },
  { dist: "Other-Thing", version: "1.0", author: "ZEDD", releasedAt: "2026-01-01T10:00:00Z" },
  { dist: "Zeta-Func", version: "1.0", author: "ALICE", releasedAt: "2026-01-01T10:00:00Z" },
];

/** Seven reports, ids 1..7 (on a fresh database); each is received one second after it was submitted. */
export const webReports: ReportSpec[] = [
  { dist: "Zed-Alpha", version: "1.0", grade: "pass", submittedAt: "2026-01-02T08:00:00Z", testerId: ZOE.id },
  { dist: "Zed-Alpha", version: "1.0", grade: "pass", submittedAt: "2026-01-02T09:00:00Z", testerId: ZOE.id },
  {
    dist: "Zed-Alpha",
    version: "1.0",
    grade: "fail",
    perl: "5.38.0",
    submittedAt: "2026-01-03T08:00:00Z",
    testerId: ZOE.id,
  },
  {
    dist: "Zed-Alpha",
    version: "1.0",
    grade: "fail",
    perl: "5.38.0",
    osname: "darwin",
    submittedAt: "2026-01-04T22:30:00Z",
  },
  {
    dist: "Zed-Beta",
    version: "2.0",
    grade: "pass",
    perl: "5.40.0",
    osname: "MSWin32",
    submittedAt: "2026-01-20T08:00:00Z",
    testerId: ZOE.id,
  },
  { dist: "Zed-Beta", version: "2.0", grade: "na", perl: "5.40.0", submittedAt: "2026-01-21T08:00:00Z" },
  // A report of an older release: it counts for 0.9, not for the dashboard's latest release.
  { dist: "Zed-Alpha", version: "0.9", grade: "fail", submittedAt: "2026-02-03T12:00:00Z" },
];

export function seedWebData(db: Db) {
  return seedReadModel(db, { testers: [ZOE], uploads: webUploads, reports: webReports });
}
