import { LRUCache } from "lru-cache";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import {
  DEFAULT_RANKING,
  previousVersion,
  rankFactors,
  type RankedFactor,
  regressedCells,
} from "../../analysis/index.js";
import { flakyMachines, releaseFactorRows } from "../../db/queries/analysis.queries.js";
import { releaseFailureGroups } from "../../db/queries/failure-signature.queries.js";
import { reporterName } from "../../report/index.js";
import { releaseCells, versionsOf } from "../../db/queries/regression.queries.js";
import { intInRange } from "../args/arguments.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import type { GraphQLContext } from "../context.js";
import {
  FactorAnalysis,
  FlakyMachine,
  PrerequisiteBreak,
  ReleaseDiagnosis,
  ReleaseFactor,
  ReleaseFailureGroup,
  ReleaseRegression,
  ReportFailure,
} from "../types/analysis.type.js";
import { Release } from "../types/release.type.js";
import { Report, toReport } from "../types/report.type.js";
import { FailureSignatureResolver } from "./failure-signature.resolver.js";
import { AnalysisQueryResolver } from "./analysis-query.resolver.js";
import { ReportSearchResolver } from "./report-search.resolver.js";

const MAX_GROUPS = 50;

const METHOD =
  `Fisher's exact test (two-sided) on the 2×2 table of each split (pass/fail × with/without), ` +
  `Holm-corrected for the number of splits tried; a split is tried when each side has at least ` +
  `${DEFAULT_RANKING.minSide} reports and the release at least ${DEFAULT_RANKING.minReports} passes and fails.`;

/*
 * Factor rankings are computed from the release's factor rows when asked, and kept per process
 * under the release's newest report id: a release with no new report is ranked once. A ranking is
 * small (the significant factors and a few example ids).
 */
const rankings = new LRUCache<string, ReturnType<typeof rankFactors>>({ max: 2_000 });

async function rankingOf(diagnosis: ReleaseDiagnosis, context: GraphQLContext) {
  const release = await context.loaders.releaseByDistVersion.load(diagnosis);
  const key = `${diagnosis.dist}\u0000${diagnosis.version}\u0000${release?.latestReportId ?? 0}`;
  const cached = rankings.get(key);
  if (cached) return cached;
  const ranking = rankFactors(await releaseFactorRows(context.db, diagnosis.dist, diagnosis.version));
  rankings.set(key, ranking);
  return ranking;
}

async function reportsByIds(ids: readonly number[], { loaders }: GraphQLContext): Promise<Report[]> {
  const rows = await loaders.reportById.loadMany([...ids]);
  return rows.flatMap((row) => (row && !(row instanceof Error) ? [toReport(row)] : []));
}

const toFactor = (factor: RankedFactor): ReleaseFactor =>
  Object.assign(new ReleaseFactor(), {
    ...factor,
    adjustedPValue: factor.adjustedP,
    failIds: factor.failExamples,
    passIds: factor.passExamples,
  });

@Resolver(() => Release)
export class ReleaseAnalysisResolver {
  @FieldResolver(() => ReleaseDiagnosis, {
    description:
      "Why this release fails: failures by signature, the factors that separate fails from passes, flaky machines, regressions.",
  })
  whyItFails(@Root() release: Release): ReleaseDiagnosis {
    return Object.assign(new ReleaseDiagnosis(), { dist: release.dist, version: release.version });
  }
}

@Resolver(() => ReleaseDiagnosis)
export class ReleaseDiagnosisResolver {
  @FieldResolver(() => [ReleaseFailureGroup], {
    description: "The release's failures grouped by signature, the most frequent first.",
  })
  @cacheFor(MaxAge.counts)
  async signatures(
    @Root() diagnosis: ReleaseDiagnosis,
    @Arg("first", () => Int, { defaultValue: 20, description: `How many: 1..${MAX_GROUPS}.` }) first: number,
    @Ctx() { db }: GraphQLContext,
  ): Promise<ReleaseFailureGroup[]> {
    const rows = await releaseFailureGroups(
      db,
      diagnosis.dist,
      diagnosis.version,
      intInRange("first", first, 1, MAX_GROUPS),
    );
    return rows.map((row) =>
      Object.assign(new ReleaseFailureGroup(), {
        ...row,
        signature: { id: row.signature, kind: row.kind, title: row.title },
      }),
    );
  }

  @FieldResolver(() => FactorAnalysis, {
    description: "What separates this release's fails from its passes. " + METHOD,
  })
  @cacheFor(MaxAge.counts)
  async factors(@Root() diagnosis: ReleaseDiagnosis, @Ctx() context: GraphQLContext): Promise<FactorAnalysis> {
    const ranking = await rankingOf(diagnosis, context);
    return Object.assign(new FactorAnalysis(), { ...ranking, method: METHOD, factors: ranking.factors.map(toFactor) });
  }

  @FieldResolver(() => PrerequisiteBreak, {
    nullable: true,
    description:
      'The prerequisite from whose version on this release fails ("CPAN breaks CPAN"), when a factor shows one.',
  })
  @cacheFor(MaxAge.counts)
  async prerequisiteBreak(
    @Root() diagnosis: ReleaseDiagnosis,
    @Ctx() context: GraphQLContext,
  ): Promise<PrerequisiteBreak | null> {
    const { factors } = await rankingOf(diagnosis, context);
    const factor = factors.find((f) => f.kind === "prereq" && f.operator === ">=");
    if (!factor) return null;
    return Object.assign(new PrerequisiteBreak(), {
      module: factor.name,
      lastPassing: factor.below,
      firstFailing: factor.value,
      factor: toFactor(factor),
    });
  }

  @FieldResolver(() => [FlakyMachine], {
    description: "Machines that both passed and failed this release, most fails first.",
  })
  @cacheFor(MaxAge.counts)
  async flakyMachines(@Root() diagnosis: ReleaseDiagnosis, @Ctx() { db }: GraphQLContext): Promise<FlakyMachine[]> {
    const rows = await flakyMachines(db, diagnosis.dist, diagnosis.version);
    return rows.map((row) =>
      Object.assign(new FlakyMachine(), { ...row, tester: reporterName(row.tester), archname: row.platform }),
    );
  }

  @FieldResolver(() => ReleaseRegression, {
    description: "Cells (perl series × OS) that fail now and passed in the previous release.",
  })
  @cacheFor(MaxAge.counts)
  async regression(@Root() diagnosis: ReleaseDiagnosis, @Ctx() { db }: GraphQLContext): Promise<ReleaseRegression> {
    const versions = (await versionsOf(db, [diagnosis.dist])).map((r) => r.version);
    const previous = previousVersion(versions, diagnosis.version);
    if (!previous) return { previousVersion: null, cells: [] };
    const cells = await releaseCells(db, [diagnosis, { dist: diagnosis.dist, version: previous }]);
    const of = (version: string) => cells.filter((c) => c.version === version);
    return { previousVersion: previous, cells: regressedCells(of(diagnosis.version), of(previous)) };
  }
}

@Resolver(() => ReleaseFailureGroup)
export class ReleaseFailureGroupResolver {
  @FieldResolver(() => [Report], {
    description: "Up to three reports failing this way.",
  })
  examples(@Root() group: ReleaseFailureGroup, @Ctx() context: GraphQLContext): Promise<Report[]> {
    return reportsByIds(group.exampleIds, context);
  }
}

@Resolver(() => ReleaseFactor)
export class ReleaseFactorResolver {
  @FieldResolver(() => [Report], { description: "Up to three fails on the failing side." })
  failExamples(@Root() factor: ReleaseFactor, @Ctx() context: GraphQLContext): Promise<Report[]> {
    return reportsByIds(factor.failIds, context);
  }

  @FieldResolver(() => [Report], { description: "Up to three passes on the other side." })
  passExamples(@Root() factor: ReleaseFactor, @Ctx() context: GraphQLContext): Promise<Report[]> {
    return reportsByIds(factor.passIds, context);
  }
}

@Resolver(() => FlakyMachine)
export class FlakyMachineResolver {
  @FieldResolver(() => [Report], { description: "Up to three of its passes." })
  passExamples(@Root() machine: FlakyMachine, @Ctx() context: GraphQLContext): Promise<Report[]> {
    return reportsByIds(machine.passIds, context);
  }

  @FieldResolver(() => [Report], { description: "Up to three of its fails." })
  failExamples(@Root() machine: FlakyMachine, @Ctx() context: GraphQLContext): Promise<Report[]> {
    return reportsByIds(machine.failIds, context);
  }
}

@Resolver(() => Report)
export class ReportFailuresResolver {
  @FieldResolver(() => [ReportFailure], {
    description:
      "How this report failed, each failure with how many other reports fail the same way; empty for a pass.",
  })
  @cacheFor(MaxAge.counts)
  async failures(@Root() report: Report, @Ctx() { loaders }: GraphQLContext): Promise<ReportFailure[]> {
    const rows = await loaders.failuresByReportId.load(report.reportId);
    return rows.map((row) =>
      Object.assign(new ReportFailure(), {
        signature: { id: row.signature, kind: row.kind, title: row.title },
        testFile: row.testFile === "" ? null : row.testFile,
        otherReports: row.others,
      }),
    );
  }
}

/** Every resolver of the analysis, for the schema. */
export const analysisResolvers = [
  ReleaseAnalysisResolver,
  ReleaseDiagnosisResolver,
  ReleaseFailureGroupResolver,
  ReleaseFactorResolver,
  FlakyMachineResolver,
  ReportFailuresResolver,
  FailureSignatureResolver,
  AnalysisQueryResolver,
  ReportSearchResolver,
] as const;
