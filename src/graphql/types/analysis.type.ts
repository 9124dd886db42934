import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import type { RegressionDetectedPayload } from "../../events/index.js";
import { inheritCache } from "../execution/cache-hints.js";
import { DateTimeScalar } from "../scalars.js";

@ObjectType({
  simpleResolvers: true,
  description:
    "A way reports fail, the same on every machine: paths, temporary directories, addresses and varying " +
    "numbers are normalised out of the failure's text before it is hashed.",
})
@inheritCache()
export class FailureSignature {
  @Field(() => ID, { description: "16 hex digits." })
  id!: string;

  @Field(() => String, {
    description:
      "test, missing-module, undefined-subroutine, compile-error, died, bail-out, timeout, build, configure, " +
      "prerequisite or unsupported.",
  })
  kind!: string;

  @Field(() => String, { description: "What a person reads, e.g. `Can't locate Foo/Bar.pm in @INC`." })
  title!: string;
}

@ObjectType({ simpleResolvers: true, description: "A failure signature with how far it reaches." })
@inheritCache()
export class FailureSignatureSummary {
  @Field(() => FailureSignature, { description: "The signature." })
  signature!: FailureSignature;

  @Field(() => Int, { description: "Reports failing this way." })
  reports!: number;

  @Field(() => Int, { description: "Distributions with such reports." })
  distributions!: number;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When a report first failed this way; null in a window's count.",
  })
  firstSeenAt!: Date | null;
}

@ObjectType({ simpleResolvers: true, description: "A release's reports that fail one way." })
@inheritCache()
export class ReleaseFailureGroup {
  @Field(() => FailureSignature, { description: "How these reports fail." })
  signature!: FailureSignature;

  @Field(() => Int, { description: "Reports of this release failing this way." })
  reports!: number;

  @Field(() => [String], { description: "The test files it fails in (none for a phase or a prerequisite)." })
  testFiles!: string[];

  @Field(() => [String], { description: "The perl versions it occurs on." })
  perls!: string[];

  @Field(() => [String], { description: "The OSes it occurs on." })
  osnames!: string[];

  /** Not a field: resolved by `examples`. */
  exampleIds!: number[];
}

@ObjectType({ simpleResolvers: true, description: "A report's failure, and how common it is." })
@inheritCache()
export class ReportFailure {
  @Field(() => FailureSignature, { description: "How it failed." })
  signature!: FailureSignature;

  @Field(() => String, { nullable: true, description: "The test file; null for a failed phase or prerequisite." })
  testFile!: string | null;

  @Field(() => Int, { description: "Other reports, of any release, that fail the same way." })
  otherReports!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "A split of a release's reports that separates its fails from its passes: `Moo >= 2.005005`, `OS = MSWin32`.",
})
@inheritCache()
export class ReleaseFactor {
  @Field(() => String, { description: "perl, os, osversion, feature, toolchain or prereq." })
  kind!: string;

  @Field(() => String, { description: "The module, feature or OS the factor is about." })
  name!: string;

  @Field(() => String, { description: "`>=` or `<` (versions), `=` or `!=` (values)." })
  operator!: string;

  @Field(() => String, { description: "The version or value of the split." })
  value!: string;

  @Field(() => String, { description: "The split as a person reads it: `Moo ≥ 2.005005`, `with threads`." })
  title!: string;

  @Field(() => Int, { description: "Fails on the side that fails more." })
  failsWith!: number;

  @Field(() => Int, { description: "Passes on the side that fails more." })
  passesWith!: number;

  @Field(() => Int, { description: "Fails on the other side." })
  failsWithout!: number;

  @Field(() => Int, { description: "Passes on the other side." })
  passesWithout!: number;

  @Field(() => Float, { description: "Fisher's exact test, two-sided." })
  pValue!: number;

  @Field(() => Float, { description: "Holm-adjusted over every split tried for this release." })
  adjustedPValue!: number;

  @Field(() => String, { nullable: true, description: "For a version threshold: the highest version seen below it." })
  below!: string | null;

  /** Not fields: resolved by failExamples and passExamples. */
  failIds!: number[];
  passIds!: number[];
}

@ObjectType({ simpleResolvers: true, description: "The factors of a release, and how they were tested." })
@inheritCache()
export class FactorAnalysis {
  @Field(() => Int, { description: "Pass and fail reports considered (na and unknown are not)." })
  reports!: number;

  @Field(() => Int, { description: "Splits tested: the size of the correction. 0 under the minimum of reports." })
  tested!: number;

  @Field(() => Float, { description: "The family-wise error rate a factor is shown under." })
  level!: number;

  @Field(() => String, { description: "The test, as a sentence." })
  method!: string;

  @Field(() => [ReleaseFactor], { description: "Significant factors, strongest first; empty when none is." })
  factors!: ReleaseFactor[];
}

@ObjectType({
  simpleResolvers: true,
  description: "A machine (tester, archname, perl, OS and version) that both passed and failed the same release.",
})
@inheritCache()
export class FlakyMachine {
  @Field(() => String, {
    nullable: true,
    description: "The tester's name, never an e-mail address; null for a tester known only by address.",
  })
  tester!: string | null;

  @Field(() => String, { description: "The archname of its perl." })
  archname!: string;

  @Field(() => String, { description: "The perl version." })
  perl!: string;

  @Field(() => String, { description: "The OS (`$^O`)." })
  osname!: string;

  @Field(() => String, { description: "The OS version." })
  osversion!: string;

  @Field(() => Int, { description: "Its passes of this release." })
  passes!: number;

  @Field(() => Int, { description: "Its fails of this release." })
  fails!: number;

  /** Not fields: resolved by passExamples and failExamples. */
  passIds!: number[];
  failIds!: number[];
}

@ObjectType({
  simpleResolvers: true,
  description: "A perl series × OS cell that only fails now and only passed before.",
})
@inheritCache()
export class RegressionCell {
  @Field(() => String, { description: "The perl series, e.g. `5.40`." })
  perlSeries!: string;

  @Field(() => String, { description: "The OS (`$^O`)." })
  osname!: string;

  @Field(() => Int, { description: "Reports of the previous release here, all passes." })
  passedBefore!: number;

  @Field(() => Int, { description: "Reports of this release here, all fails." })
  failsNow!: number;
}

@ObjectType({ simpleResolvers: true, description: "Where a release fails and its previous release passed." })
@inheritCache()
export class ReleaseRegression {
  @Field(() => String, { nullable: true, description: "The previous version with reports; null for a first release." })
  previousVersion!: string | null;

  @Field(() => [RegressionCell], { description: "The regressed cells, newest perl series first." })
  cells!: RegressionCell[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'A release that fails from a prerequisite\'s version on ("CPAN breaks CPAN"), with the evidence.',
})
@inheritCache()
export class PrerequisiteBreak {
  @Field(() => String, { description: "The prerequisite, e.g. `Moo`." })
  module!: string;

  @Field(() => String, { nullable: true, description: "The highest version seen that passes." })
  lastPassing!: string | null;

  @Field(() => String, { description: "The version from which reports fail." })
  firstFailing!: string;

  @Field(() => ReleaseFactor, { description: "The factor that shows it, with its counts and p-values." })
  factor!: ReleaseFactor;
}

/** `Release.whyItFails`: each part is computed only when asked. */
@ObjectType({ description: "Why a release fails: its failures by signature, factors, flaky machines, regressions." })
export class ReleaseDiagnosis {
  dist!: string;
  version!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: "A release that passes on the stable perl and fails on the development one.",
})
export class BleadBreak {
  @Field(() => String, { description: "Distribution name." })
  dist!: string;

  @Field(() => String, { description: "Its latest version with reports." })
  version!: string;

  @Field(() => Int, { description: "Passes on the stable series (and no fail)." })
  stablePasses!: number;

  @Field(() => Int, { description: "Fails on the development series (and no pass)." })
  devFails!: number;
}

@ObjectType({ simpleResolvers: true, description: "A release newly failing where its previous release passed." })
export class RegressionDetected {
  @Field(() => String, { description: "Distribution name." })
  dist!: string;

  @Field(() => String, { description: "The release that regressed." })
  version!: string;

  @Field(() => String, { description: "The previous version, which passed there." })
  previousVersion!: string;

  @Field(() => String, { nullable: true, description: "PAUSE id; null while the upload is unknown." })
  author!: string | null;

  @Field(() => [RegressionCell], { description: "The cells that fail now and passed before." })
  cells!: RegressionCell[];

  @Field(() => DateTimeScalar, { description: "When the batch that showed it ran." })
  detectedAt!: Date;
}

export function toRegressionDetected(payload: RegressionDetectedPayload): RegressionDetected {
  return Object.assign(new RegressionDetected(), { ...payload, detectedAt: new Date(payload.detectedAt) });
}
