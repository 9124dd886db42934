import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { dateTimeArgument } from "../args/arguments.js";
import { ConnectionArgs, pageSize } from "../args/connection.args.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import type { GraphQLContext } from "../context.js";
import { DateTimeScalar, type InvalidScalarValue } from "../scalars.js";
import { Author, toAuthor } from "../types/author.type.js";
import type { Connection } from "../types/connection.type.js";
import { Release, toRelease } from "../types/release.type.js";
import { toUpload, Upload, UploadConnection } from "../types/upload.type.js";
import { uploadConnection } from "./upload-page.js";

@ArgsType()
class UploadListArgs extends ConnectionArgs {
  @Field(() => DateTimeScalar, { nullable: true, description: "Only uploads released at or after this time." })
  releasedSince?: Date | InvalidScalarValue | null;
}

@Resolver(() => Upload)
export class UploadResolver {
  @Query(() => Upload, { nullable: true, description: "One upload by distribution and version; null if unknown." })
  async upload(
    @Arg("dist", () => String, { description: "Distribution name." }) dist: string,
    @Arg("version", () => String, { description: "Version." }) version: string,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Upload | null> {
    const row = await loaders.uploadByDistVersion.load({ dist, version });
    return row && toUpload(row);
  }

  @Query(() => UploadConnection, { description: "Uploads to CPAN, newest first (provisional ones excluded)." })
  @cacheFor(MaxAge.catalogue)
  async uploads(
    @Args(() => UploadListArgs) args: UploadListArgs,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Connection<Upload>> {
    const since = dateTimeArgument("releasedSince", args.releasedSince);
    return uploadConnection(db, "uploads", since ? { since } : {}, { first: pageSize(args), after: args.after });
  }

  @FieldResolver(() => Author, { nullable: true, description: "The uploader; null while provisional and unknown." })
  author(@Root() upload: Upload): Author | null {
    return upload.authorId ? toAuthor(upload.authorId) : null;
  }

  @FieldResolver(() => Release, { description: "The release, with its report counts (zero before any report)." })
  async release(@Root() upload: Upload, @Ctx() { loaders }: GraphQLContext): Promise<Release> {
    return toRelease(upload, await loaders.releaseByDistVersion.load(upload));
  }
}
