import { Field, Float, Int, ObjectType } from "type-graphql";
import { inheritCache } from "../execution/cache-hints.js";
import { connectionType } from "./connection.type.js";
import { Report } from "./report.type.js";

/* What searchReports answers: reports whose output holds the text, with excerpts to highlight. */

@ObjectType({ simpleResolvers: true, description: "A match of a search, with the text around it." })
@inheritCache()
export class TextRange {
  @Field(() => Int, { description: "UTF-16 offset in the excerpt." })
  start!: number;

  @Field(() => Int, { description: "UTF-16 code units." })
  length!: number;
}

@ObjectType({ simpleResolvers: true, description: "Part of a report's output around a match." })
@inheritCache()
export class TextExcerpt {
  @Field(() => String, { description: "The excerpt." })
  text!: string;

  @Field(() => [TextRange], { description: "Where the searched text is in `text`: what to highlight." })
  matches!: TextRange[];
}

@ObjectType({ simpleResolvers: true, description: "A report whose output contains the searched text." })
@inheritCache()
export class ReportSearchHit {
  @Field(() => Report, { description: "The report." })
  report!: Report;

  @Field(() => Float, {
    description:
      "How well the output around the first match answers the search (higher first): occurrences of the text, plus a hundredth for each of one of its words.",
  })
  rank!: number;

  @Field(() => [TextExcerpt], { description: "Up to three excerpts around the first matches." })
  excerpts!: TextExcerpt[];
}

export const ReportSearchHitConnection = connectionType(ReportSearchHit, "ReportSearchHit", "search hit");
