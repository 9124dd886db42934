import { Field, Int, ObjectType } from "type-graphql";
import type { ReportRow } from "../../db/schema/index.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import { DateTimeScalar } from "../scalars.js";
import { connectionType } from "./connection.type.js";
import { Grade, Maturity, toGrade, toMaturity } from "./enums.type.js";
import { globalId, Node, NodeKind } from "./node.type.js";
import { PerlVersion, toPerlVersion } from "./perl-version.type.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "One test report as counted: the fields derived from its document (see `details` for the rest).",
})
@cacheFor(MaxAge.immutable)
export class Report implements Node {
  /*
   * Built from its row in one go (a page holds up to 100); the global id and the parsed perl are
   * computed only when a query asks for them, which most lists do not.
   */
  constructor(private readonly row: ReportRow) {
    this.reportId = row.id;
    this.guid = row.guid;
    this.grade = toGrade(row.grade);
    this.dist = row.dist;
    this.version = row.version;
    this.reporter = row.tester;
    this.perl = row.perl;
    this.perlSeries = `${row.perlMajor}.${row.perlMinor}`;
    this.perlMaturity = toMaturity(row.perlMaturity);
    this.platform = row.platform;
    this.osname = row.osname;
    this.osversion = row.osversion;
    this.submittedAt = row.submittedAt;
    this.receivedAt = row.receivedAt;
  }

  get id(): string {
    return globalId(NodeKind.Report, String(this.reportId));
  }

  @Field(() => Int, { description: "The sequential id: consumers page by it (`reports(sinceId:)`)." })
  reportId: number;

  @Field(() => String, { description: "The report's GUID, as in `/v3/report/{guid}`." })
  guid: string;

  @Field(() => Grade, { description: "The outcome." })
  grade: Grade;

  @Field(() => String, { description: "Distribution name tested." })
  dist: string;

  @Field(() => String, { description: "Version tested." })
  version: string;

  @Field(() => String, {
    description:
      'The tester who submitted the report, as authenticated and registered: "Full Name <email>" or the ' +
      "e-mail alone (the document's own claim, for anonymous reports). What the document says is `reportedBy`.",
  })
  reporter: string;

  @Field(() => String, { description: "The perl version as reported, without a leading v (`5.36.1`)." })
  perl: string;

  @Field(() => PerlVersion, { description: "The perl version, parsed." })
  get perlVersion(): PerlVersion {
    const { row } = this;
    return toPerlVersion({
      version: row.perl,
      major: row.perlMajor,
      minor: row.perlMinor,
      patch: row.perlPatch,
      maturity: row.perlMaturity,
      patched: row.perlPatched,
    });
  }

  @Field(() => String, { description: "The perl series, `5.36`." })
  perlSeries: string;

  @Field(() => Maturity, { description: "Whether the perl was a stable or a development one." })
  perlMaturity: Maturity;

  @Field(() => String, { description: "The perl's archname, e.g. `x86_64-linux-thread-multi`." })
  platform: string;

  @Field(() => String, { description: "The OS as perl names it (`$^O`): `linux`, `MSWin32`, `darwin`, ..." })
  osname: string;

  @Field(() => String, { description: "The OS version, e.g. `6.1.0-18-amd64`." })
  osversion: string;

  @Field(() => DateTimeScalar, { description: "When the tester created the report." })
  submittedAt: Date;

  @Field(() => DateTimeScalar, { description: "When the platform received it." })
  receivedAt: Date;
}

export function toReport(row: ReportRow): Report {
  return new Report(row);
}

export const ReportConnection = connectionType(Report, "Report", "report");
