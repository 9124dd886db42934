import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "The answer to a report submission." })
export class ReportSubmission {
  @Field(() => ID, { description: "The report's GUID: the one it was sent with, or a new one." })
  id!: string;

  @Field(() => Boolean, {
    description: "True when the report was stored now; false when this exact report was already stored.",
  })
  created!: boolean;
}
