import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { releasesOfDist } from "../../db/queries/release.queries.js";
import type { GraphQLContext } from "../context.js";
import { Distribution } from "../types/distribution.type.js";
import { Release, toRelease } from "../types/release.type.js";

@Resolver(() => Release)
export class ReleaseResolver {
  @Query(() => Release, {
    nullable: true,
    description: "One release by distribution name and version; null if unknown.",
  })
  async release(
    @Arg("dist", () => String, { description: "Distribution name, e.g. `Data-Printer`." }) dist: string,
    @Arg("version", () => String, { description: "Version, e.g. `0.39`." }) version: string,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Release | null> {
    const row = await loaders.releaseByDistVersion.load({ dist, version });
    return row && toRelease(row);
  }
}

@Resolver(() => Distribution)
export class DistributionResolver {
  @Query(() => Distribution, {
    nullable: true,
    description: "A distribution by name; null if no release of it is known.",
  })
  async distribution(
    @Arg("name", () => String, { description: "Distribution name, e.g. `Data-Printer`." }) name: string,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Distribution | null> {
    const rows = await releasesOfDist(db, name);
    return rows.length > 0 ? Object.assign(new Distribution(), { name }) : null;
  }

  @FieldResolver(() => [Release], { description: "Every release of the distribution, most recently updated first." })
  async releases(@Root() distribution: Distribution, @Ctx() { db }: GraphQLContext): Promise<Release[]> {
    return (await releasesOfDist(db, distribution.name)).map(toRelease);
  }
}
