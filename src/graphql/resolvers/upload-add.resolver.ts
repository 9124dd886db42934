import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { requireScope } from "../../auth/scope.guard.js";
import { requireTokenHolder } from "../../auth/tester.auth.js";
import { TokenScope } from "../../db/schema/index.js";
import { badInput } from "../../errors/index.js";
import { newUpload } from "../../report/upload-list.js";
import { dateTimeArgument } from "../args/arguments.js";
import type { GraphQLContext } from "../context.js";
import { DateTimeScalar, type InvalidScalarValue } from "../scalars.js";
import { toUploadReceipt, UploadReceipt } from "../types/upload-receipt.type.js";

@Resolver()
export class UploadAddResolver {
  @Mutation(() => UploadReceipt, {
    description:
      "Records a release uploaded to CPAN and tells uploadAdded subscribers, or completes a release known so far only from its reports. Needs an API token with the upload:write scope. Sending a known upload again changes nothing; a different author or file for a known release is a CONFLICT.",
  })
  async addUpload(
    @Arg("distfile", () => String, {
      description: "The file as on CPAN, with its author directory: `AUTHOR/Dist-Name-1.23.tar.gz`.",
    })
    distfile: string,
    @Arg("releasedAt", () => DateTimeScalar, {
      nullable: true,
      description: "When the file reached CPAN; now when absent.",
    })
    releasedAt: Date | InvalidScalarValue | null | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<UploadReceipt> {
    // Any author's uploads: PAUSE, which holds the upload:write token, says who uploaded, not the token.
    requireScope(await requireTokenHolder(context.db, context.authorization), TokenScope.writeUploads);
    // The same rules as a line of an imported uploads list.
    const upload = newUpload(distfile, dateTimeArgument("releasedAt", releasedAt) ?? new Date());
    if ("error" in upload) throw badInput(upload.error);
    const { change, row } = await context.intake.addUpload(upload);
    return toUploadReceipt(change, row);
  }
}
