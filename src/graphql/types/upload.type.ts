import { Field, ObjectType } from "type-graphql";
import type { UploadRow } from "../../db/schema/index.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import { DateTimeScalar } from "../scalars.js";
import { connectionType } from "./connection.type.js";
import { Location, Maturity, toLocation, toMaturity } from "./enums.type.js";
import { globalId, Node, NodeKind } from "./node.type.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    "A release's file on CPAN. Provisional while only reports have told of the release: then its author, file " +
    "and release time are unknown until the upload itself arrives.",
})
@cacheFor(MaxAge.catalogue)
export class Upload implements Node {
  id!: string;

  @Field(() => String, { description: "Distribution name, e.g. `Data-Printer`." })
  dist!: string;

  @Field(() => String, { description: "Version, e.g. `0.39`." })
  version!: string;

  /** Not a field as such: resolved into an Author by `author`. */
  authorId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The file name without the author directory, e.g. `Data-Printer-0.39.tar.gz`.",
  })
  filename!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the file reached CPAN; null while provisional." })
  releasedAt!: Date | null;

  @Field(() => Location, { description: "On CPAN, or only on BackPAN." })
  location!: Location;

  @Field(() => Maturity, { description: "DEV for a trial release (`_` in the version, or -TRIAL)." })
  maturity!: Maturity;

  @Field(() => Boolean, { description: "True while only reports, not the upload itself, have told of this release." })
  provisional!: boolean;
}

export function toUpload(row: UploadRow): Upload {
  return Object.assign(new Upload(), {
    id: globalId(NodeKind.Upload, `${row.dist}/${row.version}`),
    dist: row.dist,
    version: row.version,
    authorId: row.author,
    filename: row.filename,
    releasedAt: row.releasedAt,
    location: toLocation(row.location),
    maturity: toMaturity(row.maturity),
    provisional: row.provisional,
  });
}

export const UploadConnection = connectionType(Upload, "Upload", "upload");
