import { Field, ObjectType } from "type-graphql";
import type { TesterRow } from "../../db/schema/index.js";
import { cacheFor, inheritCache, MaxAge } from "../execution/cache-hints.js";
import { GradeCounts } from "./grade-counts.type.js";
import { globalId, Node, NodeKind } from "./node.type.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A tester: the Metabase profile (or token holder) who sent reports.",
})
@cacheFor(MaxAge.tester)
export class Tester implements Node {
  id!: string;

  @Field(() => String, { description: "The tester's name as registered." })
  fullName!: string;

  @Field(() => String, {
    description:
      "The profile's UUID (of `metabase:user:<uuid>`): `tester(id:)` takes it, and the tester's page is `/tester/{uuid}`.",
  })
  testerId!: string;
}

// The e-mail address stays out: it is the tester's login, and reports show what the tester chose.
export const toTester = (row: TesterRow): Tester =>
  Object.assign(new Tester(), { id: globalId(NodeKind.Tester, row.id), fullName: row.fullName, testerId: row.id });

@ObjectType({
  simpleResolvers: true,
  description: "One machine a tester reports from, as reports name it (OS, perl, archname), with its reports by grade.",
})
@inheritCache()
export class TesterMachine extends GradeCounts {
  @Field(() => String, { description: "The OS as perl names it (`$^O`): `linux`, `MSWin32`, ..." })
  osname!: string;

  @Field(() => String, { description: "The perl version as reported, `5.36.1`." })
  perl!: string;

  @Field(() => String, { description: "The perl's archname, e.g. `x86_64-linux-thread-multi`." })
  platform!: string;
}
