import { Field, ObjectType } from "type-graphql";
import type { UploadAddedPayload } from "../../events/index.js";
import { DateTimeScalar } from "../scalars.js";
import { Maturity, toMaturity } from "./enums.type.js";

/** What an upload is, as the uploadAdded event and addUpload's receipt both tell it (not itself in the schema: no field returns it). */
@ObjectType({ simpleResolvers: true, description: "What an upload is." })
export class UploadFacts {
  @Field(() => String, { description: "Distribution name, e.g. `Data-Printer`." })
  dist!: string;

  @Field(() => String, { description: "Version, e.g. `0.39`." })
  version!: string;

  @Field(() => String, { description: "PAUSE id of the uploader, e.g. `GARU`." })
  author!: string;

  @Field(() => String, { description: "The file name without the author directory, e.g. `Data-Printer-0.39.tar.gz`." })
  filename!: string;

  @Field(() => DateTimeScalar, { description: "When the file reached CPAN." })
  releasedAt!: Date;

  @Field(() => Maturity, { description: "DEV for a trial release (`_` in the version, or -TRIAL)." })
  maturity!: Maturity;
}

@ObjectType({
  simpleResolvers: true,
  description: "A release that has just been uploaded to CPAN (or completed: first known from its reports).",
})
export class UploadAddedEvent extends UploadFacts {}

export function toUploadAddedEvent(payload: UploadAddedPayload): UploadAddedEvent {
  return Object.assign(new UploadAddedEvent(), {
    dist: payload.dist,
    version: payload.version,
    author: payload.author,
    filename: payload.filename,
    releasedAt: new Date(payload.releasedAt),
    maturity: toMaturity(payload.maturity),
  });
}
