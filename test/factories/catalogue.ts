import type { Db } from "../../src/db/client.js";
import { type SeededReport, seedReadModel, type UploadSpec, type ReportSpec } from "./read-model.factory.js";

export const TESTER_ID = "3a9bd6b2-2aae-11df-837a-5e0a49663a4f";

export const catalogueUploads: UploadSpec[] = [
  { dist: "Data-Printer", version: "0.38", author: "GARU", releasedAt: "2025-06-01T10:00:00Z", location: "backpan" },
  { dist: "Data-Printer", version: "0.39", author: "GARU", releasedAt: "2026-01-01T10:00:00Z" },
  { dist: "Data-Printer", version: "0.40_01", author: "GARU", releasedAt: "2026-02-01T10:00:00Z" },
  { dist: "Data-Dumper-Tiny", version: "2.0", author: "ALICE", releasedAt: "2025-03-01T10:00:00Z" },
  { dist: "Foo-Bar", version: "1.0", author: "ALICE", releasedAt: "2025-01-01T10:00:00Z" },
  { dist: "Test-Thing", version: "0.01", author: "BOB", releasedAt: "2026-01-15T10:00:00Z" },
];

/** Eleven reports, ids 1..11 in this order (on a fresh database). */
export const catalogueReports: ReportSpec[] = [
  { dist: "Data-Printer", version: "0.38", grade: "pass", perl: "5.36.1", submittedAt: "2025-12-01T08:00:00Z" },
  { dist: "Data-Printer", version: "0.39", grade: "pass", perl: "5.36.1", submittedAt: "2026-01-02T08:00:00Z" },
  {
    dist: "Data-Printer",
    version: "0.39",
    grade: "fail",
    perl: "5.38.0",
    osname: "darwin",
    submittedAt: "2026-01-03T08:00:00Z",
    testerId: TESTER_ID,
    reporter: "Grace Tester <grace@example.org>",
    document: {
      reporter: { name: "Grace Tester", email: "grace@example.org" },
      environment: {
        user_agent: "cpanm-reporter 1.2",
        language: {
          name: "Perl 5",
          version: "5.38.0",
          archname: "darwin-2level",
          build: "Summary of my perl5",
          toolchain: { "ExtUtils::MakeMaker": "7.70", CPAN: "2.36" },
        },
        system: { osname: "darwin", osversion: "23.1.0" },
      },
      distribution: {
        name: "Data-Printer",
        version: "0.39",
        prerequisites: [
          { phase: "requires", name: "Term::ANSIColor", need: "3.0", have: "4.06" },
          { phase: "test_requires", name: "Test::More", need: "0.88", have: "1.302195" },
        ],
      },
      result: {
        grade: "fail",
        tests: 453,
        failures: 2,
        skipped: 1,
        warnings: 0,
        duration: 8.5,
        comments: "two failures in t/10-dump.t",
        output: { configure: "Checking if your kit is complete...", test: "t/10-dump.t .. Failed 2/40" },
      },
      created: "2026-01-03T08:00:00Z",
    },
  },
  { dist: "Data-Printer", version: "0.39", grade: "pass", perl: "5.41.3", submittedAt: "2026-01-04T08:00:00Z" },
  {
    dist: "Data-Printer",
    version: "0.39",
    grade: "na",
    perl: "5.38.0",
    osname: "MSWin32",
    submittedAt: "2026-01-05T08:00:00Z",
  },
  { dist: "Data-Printer", version: "0.39", grade: "pass", perl: "5.38.0", submittedAt: "2026-02-01T08:00:00Z" },
  { dist: "Foo-Bar", version: "1.0", grade: "fail", perl: "5.36.1", submittedAt: "2026-01-10T08:00:00Z" },
  { dist: "Foo-Bar", version: "1.0", grade: "fail", perl: "5.38.0", submittedAt: "2026-01-11T08:00:00Z" },
  { dist: "Foo-Bar", version: "1.0", grade: "fail", perl: "5.38.0", submittedAt: "2026-01-12T08:00:00Z" },
  { dist: "Orphan-Dist", version: "0.1", grade: "unknown", perl: "5.36.1", submittedAt: "2026-02-02T08:00:00Z" },
  { dist: "Test-Thing", version: "0.01", grade: "fail", perl: "5.36.1", submittedAt: "2026-02-03T08:00:00Z" },
];

/** The catalogue above, written as the ETL would have. */
export function seedCatalogue(db: Db): Promise<SeededReport[]> {
  return seedReadModel(db, {
    testers: [{ id: TESTER_ID, fullName: "Grace Tester", email: "grace@example.org" }],
    uploads: catalogueUploads,
    reports: catalogueReports,
  });
}
