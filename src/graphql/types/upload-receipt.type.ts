import { Field, ObjectType, registerEnumType } from "type-graphql";
import type { UploadRow } from "../../db/schema/index.js";
import { toMaturity } from "./enums.type.js";
import { UploadFacts } from "./upload-added.type.js";

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
export class UploadReceipt extends UploadFacts {
  @Field(() => UploadOutcome, { description: "Whether the upload was added, completed or already known." })
  outcome!: UploadOutcome;
}

/** `outcome` by value, as the upload intake names it: an outcome the enum lacks does not compile. */
export function toUploadReceipt(outcome: `${UploadOutcome}`, row: UploadRow): UploadReceipt {
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
