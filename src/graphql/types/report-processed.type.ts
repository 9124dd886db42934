import { Field, InputType, Int, ObjectType } from "type-graphql";
import type { ReportProcessedPayload } from "../../events/index.js";
import { Grade, toGrade } from "./enums.type.js";

@ObjectType({
  simpleResolvers: true,
  description: "A test report that has just been counted: the fields subscribers filter and show.",
})
export class ReportProcessedEvent {
  @Field(() => Int, { description: "The report's sequential id: consumers page by it." })
  reportId!: number;

  @Field(() => String, { description: "The report's GUID, as in `/v3/report/{guid}`." })
  guid!: string;

  @Field(() => String, { description: "Distribution name tested, e.g. `Data-Printer`." })
  dist!: string;

  @Field(() => String, { description: "Version tested, e.g. `0.39`." })
  version!: string;

  @Field(() => String, {
    nullable: true,
    description: "PAUSE id of the release's author; null while the upload of the release is unknown.",
  })
  author!: string | null;

  @Field(() => Grade, { description: "The outcome." })
  grade!: Grade;

  @Field(() => String, { description: "The OS as perl names it (`$^O`): `linux`, `MSWin32`, `darwin`, ..." })
  osname!: string;

  @Field(() => String, { description: "The perl version as reported, without a leading v (`5.36.1`)." })
  perl!: string;

  @Field(() => String, { description: "The perl series, `5.36`." })
  perlSeries!: string;
}

export function toReportProcessedEvent(payload: ReportProcessedPayload): ReportProcessedEvent {
  return Object.assign(new ReportProcessedEvent(), {
    reportId: payload.id,
    guid: payload.guid,
    dist: payload.dist,
    version: payload.version,
    author: payload.author,
    grade: toGrade(payload.grade),
    osname: payload.osname,
    perl: payload.perl,
    perlSeries: payload.perlSeries,
  });
}

@InputType({
  description:
    "Which reports a reportProcessed subscription receives: every criterion given must match; none given, every report.",
})
export class ReportProcessedFilter {
  @Field(() => String, { nullable: true, description: "Distribution name, exactly, e.g. `Data-Printer`." })
  dist?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "PAUSE id of the release's author, in any case; reports of releases whose upload is unknown never match.",
  })
  author?: string | null;

  @Field(() => Grade, { nullable: true, description: "Only reports of this grade." })
  grade?: Grade | null;

  @Field(() => String, { nullable: true, description: "The OS as perl names it (`MSWin32`), in any case." })
  osname?: string | null;

  @Field(() => String, { nullable: true, description: 'Perl series, major.minor: `"5.36"`.' })
  perlSeries?: string | null;
}
