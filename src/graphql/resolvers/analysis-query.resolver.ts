import { Arg, Ctx, ID, Int, Query, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { compareVersions } from "../../analysis/index.js";
import { findSignatures, spreadingSignatures } from "../../db/queries/failure-signature.queries.js";
import { seriesBreaks, versionsOf } from "../../db/queries/regression.queries.js";
import { type RegressionDetectedPayload, regressionFilter, Topic } from "../../events/index.js";
import { badArgument, dateTimeArgument, intInRange, perlSeriesArgument } from "../args/arguments.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import type { GraphQLContext } from "../context.js";
import { DateTimeScalar, type InvalidScalarValue } from "../scalars.js";
import {
  BleadBreak,
  FailureSignatureSummary,
  RegressionDetected,
  toRegressionDetected,
} from "../types/analysis.type.js";

/*
 * The analysis' root fields: signatures spreading across distributions, one signature, "Blead
 * Breaks CPAN", and the regressionDetected subscription. A release's own diagnosis is in
 * analysis.resolver.ts.
 */

/** The most spreading signatures one request may ask for. */
const MAX_SPREADING = 50;

@Resolver()
export class AnalysisQueryResolver {
  @Query(() => [FailureSignatureSummary], {
    description:
      "Failure signatures spreading now: those failing the most distributions among reports submitted since `since`.",
  })
  @cacheFor(MaxAge.statistics)
  async spreadingFailures(
    @Arg("since", () => DateTimeScalar, { nullable: true, description: "Default: seven days ago." })
    since: Date | InvalidScalarValue | null | undefined,
    @Arg("minDistributions", () => Int, { defaultValue: 3, description: "At least this many distributions: 2..1000." })
    minDistributions: number,
    @Arg("first", () => Int, { defaultValue: 20, description: `How many: 1..${MAX_SPREADING}.` }) first: number,
    @Ctx() { db }: GraphQLContext,
  ): Promise<FailureSignatureSummary[]> {
    const from = dateTimeArgument("since", since) ?? new Date(Date.now() - 7 * 86_400_000);
    const rows = await spreadingSignatures(
      db,
      from,
      intInRange("minDistributions", minDistributions, 2, 1000),
      intInRange("first", first, 1, MAX_SPREADING),
    );
    return rows.map((row) => ({
      signature: { id: row.signature, kind: row.kind, title: row.title },
      reports: row.reports,
      distributions: row.distributions,
      firstSeenAt: null,
    }));
  }

  @Query(() => FailureSignatureSummary, {
    nullable: true,
    description: "One failure signature by id; null if unknown.",
  })
  @cacheFor(MaxAge.counts)
  async failureSignature(
    @Arg("id", () => ID, { description: "The signature's 16 hex digits." }) id: string,
    @Ctx() { db }: GraphQLContext,
  ): Promise<FailureSignatureSummary | null> {
    if (!/^[0-9a-f]{16}$/.test(id)) throw badArgument("id", "16 lowercase hex digits", id);
    const [row] = await findSignatures(db, [id]);
    return row
      ? {
          signature: { id: row.signature, kind: row.kind, title: row.title },
          reports: row.reports,
          distributions: row.distributions,
          firstSeenAt: row.firstSeenAt,
        }
      : null;
  }

  @Query(() => [BleadBreak], {
    description:
      '"Blead Breaks CPAN": the latest release of each distribution whose reports all pass on the stable perl ' +
      "series and all fail on the development one (per series × OS cell counts).",
  })
  @cacheFor(MaxAge.statistics)
  async bleadBreaksCpan(
    @Arg("perl", () => String, {
      description: "The development perl: a series (`5.41`) or a version (`5.41.7`, its series is used).",
    })
    perl: string,
    @Arg("stable", () => String, { description: "The stable series to compare with, e.g. `5.40`." }) stable: string,
    @Ctx() { db }: GraphQLContext,
  ): Promise<BleadBreak[]> {
    const dev = perlSeriesArgument("perl", perl.split(".").slice(0, 2).join("."));
    const base = perlSeriesArgument("stable", stable);
    const rows = await seriesBreaks(db, `${base.major}.${base.minor}`, `${dev.major}.${dev.minor}`);
    const versions = new Map<string, string[]>();
    for (const { dist, version } of await versionsOf(db, [...new Set(rows.map((r) => r.dist))])) {
      versions.set(dist, [...(versions.get(dist) ?? []), version]);
    }
    const latest = (dist: string) => [...(versions.get(dist) ?? [])].sort(compareVersions).at(-1);
    return rows
      .filter((row) => latest(row.dist) === row.version)
      .map(({ dist, version, stablePass, devFail }) =>
        Object.assign(new BleadBreak(), { dist, version, stablePasses: stablePass, devFails: devFail }),
      );
  }

  @Subscription(() => RegressionDetected, {
    description:
      "Releases that start failing where their previous release passed (cells of perl series × OS), as reports are processed.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, RegressionArgs, GraphQLContext>) =>
      context.events.on(Topic.regressionDetected, { filter: regressionFilter(args) }),
  })
  regressionDetected(
    @Root() payload: RegressionDetectedPayload,
    @Arg("author", () => String, { nullable: true, description: "Only releases by this PAUSE id (any case)." })
    _author?: string | null,
    @Arg("dist", () => String, { nullable: true, description: "Only releases of this distribution." })
    _dist?: string | null,
  ): RegressionDetected {
    return toRegressionDetected(payload);
  }
}

type RegressionArgs = { author?: string | null; dist?: string | null };
