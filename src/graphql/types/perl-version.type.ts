import { Field, Int, ObjectType } from "type-graphql";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import { Maturity } from "./enums.type.js";
import { globalId, Node, NodeKind } from "./node.type.js";

@ObjectType({ simpleResolvers: true, implements: Node, description: "A perl version that reports have named, parsed." })
@cacheFor(MaxAge.immutable)
export class PerlVersion implements Node {
  id!: string;

  @Field(() => String, { description: "As reported, without a leading v: `5.36.1`, `5.41.3 RC1`." })
  version!: string;

  @Field(() => Int, { description: "5 for perl 5." })
  major!: number;

  @Field(() => Int, { description: "36 for 5.36.1." })
  minor!: number;

  @Field(() => Int, { description: "1 for 5.36.1." })
  patch!: number;

  @Field(() => String, { description: "The series, `5.36`: what matrices and statistics group by." })
  series!: string;

  @Field(() => Maturity, { description: "DEV for an odd minor version from 5.7 on, or a release candidate." })
  maturity!: Maturity;

  @Field(() => Boolean, { description: "Whether the perl was patched (`patch` or `RC` in its version)." })
  patched!: boolean;
}

export interface PerlVersionParts {
  version: string;
  major: number;
  minor: number;
  patch: number;
  maturity: string;
  patched: boolean;
}

export function toPerlVersion(parts: PerlVersionParts): PerlVersion {
  return Object.assign(new PerlVersion(), {
    id: globalId(NodeKind.PerlVersion, parts.version),
    version: parts.version,
    major: parts.major,
    minor: parts.minor,
    patch: parts.patch,
    series: `${parts.major}.${parts.minor}`,
    maturity: parts.maturity === "dev" ? Maturity.DEV : Maturity.STABLE,
    patched: parts.patched,
  });
}
