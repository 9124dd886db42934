import { ArgsType, Field, Int } from "type-graphql";
import { intInRange } from "./arguments.js";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return: 1..${MAX_PAGE_SIZE}. Each page of 100 costs 1 (see the cost limit).`,
  })
  first!: number;

  @Field(() => String, {
    nullable: true,
    description: "Return the items after this cursor (`pageInfo.endCursor` of the previous page).",
  })
  after?: string | null;
}

/** `first`, checked: 1..100. */
export const pageSize = (args: ConnectionArgs): number => intInRange("first", args.first, 1, MAX_PAGE_SIZE);
