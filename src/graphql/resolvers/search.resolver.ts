import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import { searchAuthors, searchDistributions } from "../../db/queries/search.queries.js";
import { badArgument, intInRange } from "../args/arguments.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import type { GraphQLContext } from "../context.js";
import { Author, toAuthor } from "../types/author.type.js";
import { Distribution, toDistribution } from "../types/distribution.type.js";

const MAX_RESULTS = 50;

export enum SuggestionKind {
  DISTRIBUTION = "distribution",
  AUTHOR = "author",
}
registerEnumType(SuggestionKind, {
  name: "SuggestionKind",
  description: "What a suggestion names.",
  valuesConfig: {
    DISTRIBUTION: { description: "A distribution: its page is `/dist/{name}`." },
    AUTHOR: { description: "An author by PAUSE id: their page is `/author/{name}`." },
  },
});

@ObjectType({
  simpleResolvers: true,
  description: "A distribution or an author whose name starts with what was typed.",
})
@cacheFor(MaxAge.search)
export class Suggestion {
  @Field(() => SuggestionKind, { description: "A distribution or an author." })
  kind!: SuggestionKind;

  @Field(() => String, { description: "The distribution name, or the PAUSE id." })
  name!: string;
}

/** Case-insensitive name order, an exact match (ignoring case) first, authors before dists on a tie. */
function bySuggestionOrder(typed: string) {
  const exact = typed.toLowerCase();
  const rank = (s: Suggestion) => (s.name.toLowerCase() === exact ? 0 : 1);
  return (a: Suggestion, b: Suggestion) => {
    const [x, y] = [a.name.toLowerCase(), b.name.toLowerCase()];
    return (
      rank(a) - rank(b) ||
      (x < y ? -1 : x > y ? 1 : 0) ||
      (a.kind === b.kind ? 0 : a.kind === SuggestionKind.AUTHOR ? -1 : 1)
    );
  };
}

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

  @Query(() => [Suggestion], {
    description:
      "Search as you type: distributions and authors whose name starts with `prefix`, ignoring case, an exact " +
      "match first, then in name order. Each kind is an index range read, so every keystroke is cheap.",
  })
  @cacheFor(MaxAge.search)
  async suggest(
    @Arg("prefix", () => String, { description: "What was typed so far, e.g. `data-` or `gar`." }) prefix: string,
    @Arg("first", () => Int, { defaultValue: 10, description: `How many: 1..${MAX_RESULTS}.` }) first: number,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Suggestion[]> {
    const limit = intInRange("first", first, 1, MAX_RESULTS);
    const typed = prefixArgument(prefix);
    const [dists, authors] = await Promise.all([
      searchDistributions(db, typed, limit),
      // PAUSE ids are letters, digits and dashes: a prefix with anything else names no author.
      /^[A-Za-z0-9-]+$/.test(typed) ? searchAuthors(db, typed, limit) : Promise.resolve([]),
    ]);
    const suggestion = (kind: SuggestionKind) => (name: string) => Object.assign(new Suggestion(), { kind, name });
    return [...dists.map(suggestion(SuggestionKind.DISTRIBUTION)), ...authors.map(suggestion(SuggestionKind.AUTHOR))]
      .sort(bySuggestionOrder(typed))
      .slice(0, limit);
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
