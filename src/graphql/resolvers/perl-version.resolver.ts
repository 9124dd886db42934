import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { listPerlVersions } from "../../db/queries/perl-version.queries.js";
import type { GraphQLContext } from "../context.js";
import { Maturity } from "../types/enums.type.js";
import { PerlVersion, toPerlVersion } from "../types/perl-version.type.js";

@Resolver(() => PerlVersion)
export class PerlVersionResolver {
  @Query(() => [PerlVersion], { description: "Every perl version reports have named, oldest first." })
  async perlVersions(
    @Arg("maturity", () => Maturity, { nullable: true, description: "Only stable, or only development, perls." })
    maturity: Maturity | null | undefined,
    @Ctx() { db }: GraphQLContext,
  ): Promise<PerlVersion[]> {
    return (await listPerlVersions(db, maturity ?? undefined)).map(toPerlVersion);
  }
}
