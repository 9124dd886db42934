import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "A CPAN distribution: every release under one name." })
export class Distribution {
  @Field(() => String, { description: "Distribution name, e.g. `Data-Printer`." })
  name!: string;
}
