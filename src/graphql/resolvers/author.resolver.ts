import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { authorExists, distributionsOfAuthor } from "../../db/queries/upload.queries.js";
import { ConnectionArgs, pageSize } from "../args/connection.args.js";
import { decodeCursor, encodeCursor, isOneString } from "../args/cursor.js";
import type { GraphQLContext } from "../context.js";
import { Author, toAuthor } from "../types/author.type.js";
import { type Connection, toConnection } from "../types/connection.type.js";
import { type Distribution, DistributionConnection, toDistribution } from "../types/distribution.type.js";
import { type Upload, UploadConnection } from "../types/upload.type.js";
import { uploadConnection } from "./upload-page.js";

@Resolver(() => Author)
export class AuthorResolver {
  @Query(() => Author, { nullable: true, description: "A CPAN author by PAUSE id; null if they uploaded nothing." })
  async author(
    @Arg("pauseId", () => String, { description: "PAUSE id, e.g. `GARU` (any case)." }) pauseId: string,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Author | null> {
    const id = pauseId.toUpperCase();
    return (await authorExists(db, id)) ? toAuthor(id) : null;
  }

  @FieldResolver(() => DistributionConnection, {
    description:
      "The distributions this author uploaded, by name: the author dashboard. Ask each for `latestRelease` " +
      "and its counts.",
  })
  async distributions(
    @Root() author: Author,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Connection<Distribution>> {
    const first = pageSize(args);
    const name = "author:distributions";
    const after = args.after ? decodeCursor(name, args.after, isOneString)[0] : undefined;
    const rows = await distributionsOfAuthor(db, author.pauseId, {
      limit: first,
      ...(after === undefined ? {} : { after }),
    });
    // The dashboard's statement read each distribution's latest release already: each distribution
    // carries it, so `latestRelease` and `author` answer without a loader or a statement.
    return toConnection(
      rows,
      first,
      Boolean(args.after),
      (row) => encodeCursor(name, [row.dist]),
      (row) => toDistribution(row.dist, { upload: row.latestUpload, release: row.latestRelease }),
    );
  }

  @FieldResolver(() => UploadConnection, { description: "This author's uploads, newest first." })
  async uploads(
    @Root() author: Author,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Connection<Upload>> {
    return uploadConnection(
      db,
      "author:uploads",
      { author: author.pauseId },
      { first: pageSize(args), after: args.after },
    );
  }
}
