import { Field, GraphQLISODateTime, ObjectType, registerEnumType } from "type-graphql";
import type { UploadRow } from "../../db/schema/index.js";
import type { UploadOutcome as IntakeOutcome } from "../../intake/upload.intake.js";
import { Maturity, toMaturity } from "./enums.type.js";

export enum UploadOutcome {
  ADDED = "added",
  COMPLETED = "completed",
  UNCHANGED = "unchanged",
}
registerEnumType(UploadOutcome, {
  name: "UploadOutcome",
  description: "What addUpload did.",
  valuesConfig: {
    ADDED: { description: "The release was not known: it is now, and uploadAdded subscribers were told." },
    COMPLETED: {
      description:
        "The release was known only from its reports: its author, file and date are now filled in, and uploadAdded subscribers were told.",
    },
    UNCHANGED: { description: "This upload was already known: nothing changed, nothing was published." },
  },
});

@ObjectType({
  simpleResolvers: true,
  description: "The answer to addUpload: the upload as stored, and what the call changed.",
})
export class UploadReceipt {
  @Field(() => UploadOutcome, { description: "Whether the upload was added, completed or already known." })
  outcome!: UploadOutcome;

  @Field(() => String, { description: "Distribution name, e.g. `Data-Printer`." })
  dist!: string;

  @Field(() => String, { description: "Version, e.g. `0.39`." })
  version!: string;

  @Field(() => String, { description: "PAUSE id of the uploader, e.g. `GARU`." })
  author!: string;

  @Field(() => String, { description: "The file name without the author directory, e.g. `Data-Printer-0.39.tar.gz`." })
  filename!: string;

  @Field(() => GraphQLISODateTime, { description: "When the file reached CPAN." })
  releasedAt!: Date;

  @Field(() => Maturity, { description: "DEV for a trial release (`_` in the version, or -TRIAL)." })
  maturity!: Maturity;
}

export function toUploadReceipt(outcome: IntakeOutcome, row: UploadRow): UploadReceipt {
  return Object.assign(new UploadReceipt(), {
    outcome: outcome as UploadOutcome,
    dist: row.dist,
    version: row.version,
    author: row.author,
    filename: row.filename,
    releasedAt: row.releasedAt,
    maturity: toMaturity(row.maturity),
  });
}
