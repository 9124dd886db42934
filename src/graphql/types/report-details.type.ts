import { Field, Float, Int, ObjectType } from "type-graphql";
import { inheritCache } from "../execution/cache-hints.js";
import { byName } from "./sorting.js";

@ObjectType({
  simpleResolvers: true,
  description: "The output a report captured, by phase; a phase the client did not split out is null.",
})
@inheritCache()
export class ReportOutput {
  @Field(() => String, { nullable: true, description: "Output not split by phase (all a Metabase report has)." })
  uncategorized!: string | null;

  @Field(() => String, { nullable: true, description: "Output of Makefile.PL or Build.PL." })
  configure!: string | null;

  @Field(() => String, { nullable: true, description: "Output of make or ./Build." })
  build!: string | null;

  @Field(() => String, { nullable: true, description: "Output of the test suite." })
  test!: string | null;

  @Field(() => String, { nullable: true, description: "Output of the install step." })
  install!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "A prerequisite of the tested distribution, as the tester's system had it.",
})
@inheritCache()
export class Prerequisite {
  @Field(() => String, { description: "The phase that needs it: `requires`, `build_requires`, `test_requires`, ..." })
  phase!: string;

  @Field(() => String, { description: "Module name." })
  name!: string;

  @Field(() => String, { description: "The version the distribution asks for (`0`: any)." })
  need!: string;

  @Field(() => String, { nullable: true, description: "The version installed; null if missing." })
  have!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "A module of the toolchain that ran the tests, with its version." })
@inheritCache()
export class ToolchainModule {
  @Field(() => String, { description: "Module name, e.g. `ExtUtils::MakeMaker`." })
  name!: string;

  @Field(() => String, { description: "Its version." })
  version!: string;
}

@ObjectType({ simpleResolvers: true, description: "What a report's stored document says beyond the counted fields." })
@inheritCache()
export class ReportDetails {
  // Query cost (execution/limits.ts): the text is most of a report's weight, up to megabytes.
  @Field(() => String, {
    description: "The whole report text: the uncategorized output, or every phase's output in order.",
    complexity: 3,
  })
  text!: string;

  @Field(() => ReportOutput, { description: "The output by phase.", complexity: 3 })
  output!: ReportOutput;

  @Field(() => [Prerequisite], { description: "Prerequisites with the versions needed and found." })
  prerequisites!: Prerequisite[];

  @Field(() => [ToolchainModule], { description: "The toolchain (CPAN client, installers) and versions." })
  toolchain!: ToolchainModule[];

  @Field(() => String, { nullable: true, description: "The client that sent the report." })
  userAgent!: string | null;

  @Field(() => String, { nullable: true, description: "The tester's comments." })
  comments!: string | null;

  @Field(() => String, { nullable: true, description: "perl -V: how the perl was built." })
  perlBuild!: string | null;

  @Field(() => Int, { nullable: true, description: "Tests run." })
  tests!: number | null;

  @Field(() => Int, { nullable: true, description: "Tests failed." })
  failures!: number | null;

  @Field(() => Int, { nullable: true, description: "Tests skipped." })
  skipped!: number | null;

  @Field(() => Int, { nullable: true, description: "Warnings the tests printed." })
  warnings!: number | null;

  @Field(() => Float, { nullable: true, description: "Seconds the tests took." })
  duration!: number | null;
}

const PHASES = ["uncategorized", "configure", "build", "test", "install"] as const;

type Json = Record<string, unknown>;
const object = (value: unknown): Json =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
const integer = (value: unknown): number | null =>
  typeof value === "number" && Number.isInteger(value) && Math.abs(value) <= 2 ** 31 - 1 ? value : null;
const number = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/**
 * The details of a stored v3 report document (PROTOCOLS.md section 2). Documents are validated at
 * intake, but old ones came from many clients: every field is read defensively and a missing or
 * mistyped one is null rather than an error.
 */
export function toReportDetails(document: unknown): ReportDetails {
  const doc = object(document);
  const result = object(doc.result);
  const environment = object(doc.environment);
  const language = object(environment.language);
  const outputs = object(result.output);
  const output = Object.assign(
    new ReportOutput(),
    Object.fromEntries(PHASES.map((phase) => [phase, text(outputs[phase])])),
  ) as ReportOutput;
  const prerequisites = Array.isArray(object(doc.distribution).prerequisites)
    ? (object(doc.distribution).prerequisites as unknown[])
    : [];
  // The schema puts the toolchain under environment; some clients put it under language.
  const toolchain = object(environment.toolchain ?? language.toolchain);
  return Object.assign(new ReportDetails(), {
    text:
      output.uncategorized ??
      PHASES.map((phase) => output[phase])
        .filter((part) => part !== null)
        .join("\n"),
    output,
    prerequisites: prerequisites.map(object).map((item) =>
      Object.assign(new Prerequisite(), {
        phase: text(item.phase) ?? "requires",
        name: text(item.name) ?? "",
        // Some clients send numbers for versions.
        need: text(item.need) ?? (typeof item.need === "number" ? String(item.need) : "0"),
        have: text(item.have) ?? (typeof item.have === "number" ? String(item.have) : null),
      }),
    ),
    // jsonb keeps object keys in its own order, so the list is sorted to be stable.
    toolchain: Object.entries(toolchain)
      .map(([name, version]) => Object.assign(new ToolchainModule(), { name, version: String(version) }))
      .sort((a, b) => byName(a.name, b.name)),
    userAgent: text(environment.user_agent) ?? text(doc.user_agent),
    comments: text(result.comments) ?? text(doc.comments),
    perlBuild: text(language.build),
    tests: integer(result.tests),
    failures: integer(result.failures),
    skipped: integer(result.skipped),
    warnings: integer(result.warnings),
    duration: number(result.duration),
  });
}
