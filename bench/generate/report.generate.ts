import type { Grade, ReportDocument } from "../../src/report/report.types.js";
import {
  type Catalog,
  type Dist,
  type Release,
  type Tester,
  allReleases,
  buildCatalog,
  WINDOW_END,
} from "./catalog.js";
import { type Machine, pickOsname, pickPerl } from "./environment.js";
import { declaredPrerequisites, installedPrerequisites } from "./prerequisites.js";
import { createRandom, deriveSeed, indexedUuid, type Random, weightedPicker } from "./prng.js";
import { MAX_TEXT_SIZE, MIN_TEXT_SIZE, type ReportingClient, textReport } from "./text-report.js";

export const GRADE_WEIGHTS: Readonly<Record<Grade, number>> = { pass: 85, fail: 8, na: 4, unknown: 3 };
const pickGrade = weightedPicker(GRADE_WEIGHTS);
/** Share of reports that arrived over the Metabase protocol (the rest as v3 JSON). */
export const METABASE_SHARE = 0.9;

const REPORT_STREAM = 10;
const DAY = 86_400_000;

/** One generated report: the stored document and the facts the loader and scenarios need. */
export interface GeneratedReport {
  document: ReportDocument;
  release: Release;
  tester: Tester;
  /** When the platform received it: a few seconds after it was created. */
  receivedAt: Date;
}

export interface ReportGenerator {
  readonly seed: number;
  readonly size: number;
  readonly catalog: Catalog;
  /** Report number `index` (0-based); the same every time for the same seed and size. */
  reportAt(index: number): GeneratedReport;
  /** The upload of every release in the catalogue. */
  uploads(): Release[];
}

/** Deterministic reports for `seed`: the catalogue depends on `size`, each report on its index. */
export function createReportGenerator(seed: number, size: number): ReportGenerator {
  const catalog = buildCatalog(seed, size);
  const testFiles = new Map<string, string[]>();
  const prerequisites = new Map<string, ReturnType<typeof declaredPrerequisites>>();
  const filesOf = (dist: Dist) => {
    let files = testFiles.get(dist.name);
    if (!files) testFiles.set(dist.name, (files = makeTestFiles(createRandom(dist.prereqSeed ^ 0x5a5a5a5a))));
    return files;
  };
  const prerequisitesOf = (dist: Dist) => {
    let declared = prerequisites.get(dist.name);
    if (!declared) prerequisites.set(dist.name, (declared = declaredPrerequisites(dist.prereqSeed)));
    return declared;
  };

  return {
    seed,
    size,
    catalog,
    uploads: () => allReleases(catalog),
    reportAt(index) {
      const random = createRandom(deriveSeed(seed, REPORT_STREAM, index));
      const dist = catalog.dists[catalog.distSampler.draw(random)] as Dist;
      const release = dist.releases[dist.versionSampler.draw(random)] as Release;
      const machine = pickMachine(catalog, random);
      const tester = catalog.testers[machine.tester] as Tester;
      const grade = pickGrade(random);
      const perl = pickPerl(random);
      // Most reports come in the weeks after a release; some years later, from new perls.
      const delay = -Math.log(1 - random.next()) * 45 * DAY + random.int(60, 86_400) * 1000;
      const createdAt = new Date(Math.floor(Math.min(WINDOW_END, release.released.getTime() + delay) / 1000) * 1000);
      const id = indexedUuid(seed, index);
      const client: ReportingClient = machine.tester % 4 === 0 ? "cpanplus" : "cpan-reporter";
      const installed = installedPrerequisites(prerequisitesOf(dist), random);
      const text = textReport(
        {
          dist: dist.name,
          version: release.version,
          authorName: catalog.authors.get(dist.author) ?? dist.author,
          grade,
          perl,
          machine,
          client,
          prerequisites: installed,
          testFiles: filesOf(dist),
          // Aim inside the range: the test output lands within a block of its target.
          targetSize: random.int(MIN_TEXT_SIZE + 1024, MAX_TEXT_SIZE - 2048),
        },
        random,
      );
      const reporter = { name: tester.name, email: tester.email };
      // As the Metabase intake stores it (ISO with milliseconds); facts carry it without them.
      const created = createdAt.toISOString();
      const result = { grade, output: { uncategorized: text } };
      // A Metabase report carries only what the LegacyReport fact has (PROTOCOLS section 2); a v3
      // client also sends its toolchain and the prerequisites it found.
      const document: ReportDocument = random.chance(METABASE_SHARE)
        ? {
            id,
            created,
            reporter,
            environment: {
              language: { name: "Perl 5", version: perl, archname: machine.archname },
              system: { osname: machine.osname, osversion: machine.osversion },
            },
            distribution: { name: dist.name, version: release.version },
            result,
            metabase: {
              resource: `cpan:///distfile/${release.author}/${release.filename}`,
              creator: `metabase:user:${tester.profile}`,
            },
          }
        : {
            id,
            created,
            reporter,
            environment: {
              user_agent: client === "cpanplus" ? "CPANPLUS 0.9914" : "CPAN-Reporter/1.2019",
              toolchain: { CPAN: "2.36", "ExtUtils::MakeMaker": "7.70", "Test::Harness": "3.48" },
              language: { name: "Perl 5", version: perl, archname: machine.archname },
              system: { osname: machine.osname, osversion: machine.osversion, hostname: machine.hostname },
            },
            distribution: { name: dist.name, version: release.version, prerequisites: installed },
            result,
          };
      return { document, release, tester, receivedAt: new Date(createdAt.getTime() + random.int(1, 30) * 1000) };
    },
  };
}

function pickMachine(catalog: Catalog, random: Random): Machine {
  const pool = catalog.machinesByOs.get(pickOsname(random));
  if (!pool) throw new Error("the catalogue has no machines for an OS of the mix");
  return pool.machines[pool.sampler.draw(random)] as Machine;
}

// prettier-ignore
const TEST_NAMES = ["load", "basic", "api", "errors", "edge-cases", "unicode", "regression", "config", "pod", "synopsis", "compat", "methods", "export", "parse", "roundtrip", "leaks"];

function makeTestFiles(random: Random): string[] {
  const count = random.int(3, 14);
  return Array.from(
    { length: count },
    (_, index) => `t/${String(index).padStart(2, "0")}-${random.pick(TEST_NAMES)}.t`,
  );
}
