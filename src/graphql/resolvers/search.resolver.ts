import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { searchAuthors, searchDistributions } from "../../db/queries/search.queries.js";
import { badArgument, intInRange } from "../args/arguments.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import type { GraphQLContext } from "../context.js";
import { Author, toAuthor } from "../types/author.type.js";
import { Distribution, toDistribution } from "../types/distribution.type.js";

const MAX_RESULTS = 50;

function prefixArgument(prefix: string): string {
  const trimmed = prefix.trim();
  if (trimmed.length < 1 || trimmed.length > 100) throw badArgument("prefix", "1..100 characters", prefix);
  return trimmed;
}

@Resolver()
export class SearchResolver {
  @Query(() => [Distribution], {
    description: "Distributions whose name starts with `prefix`, ignoring case, in name order: for search boxes.",
  })
  @cacheFor(MaxAge.search)
  async searchDistributions(
    @Arg("prefix", () => String, { description: "The start of a name, e.g. `data-pr`." }) prefix: string,
    @Arg("first", () => Int, { defaultValue: 10, description: `How many: 1..${MAX_RESULTS}.` }) first: number,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Distribution[]> {
    const limit = intInRange("first", first, 1, MAX_RESULTS);
    return (await searchDistributions(db, prefixArgument(prefix), limit)).map((name) => toDistribution(name));
  }

  @Query(() => [Author], {
    description: "Authors whose PAUSE id starts with `prefix`, ignoring case, in order: for search boxes.",
  })
  @cacheFor(MaxAge.search)
  async searchAuthors(
    @Arg("prefix", () => String, { description: "The start of a PAUSE id, e.g. `ga`." }) prefix: string,
    @Arg("first", () => Int, { defaultValue: 10, description: `How many: 1..${MAX_RESULTS}.` }) first: number,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Author[]> {
    const limit = intInRange("first", first, 1, MAX_RESULTS);
    return (await searchAuthors(db, prefixArgument(prefix), limit)).map(toAuthor);
  }
}
