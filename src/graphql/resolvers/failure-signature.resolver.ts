import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { signatureReportPage } from "../../db/queries/failure-signature.queries.js";
import { ConnectionArgs, pageSize } from "../args/connection.args.js";
import { type CursorKey, decodeCursor, encodeCursor } from "../args/cursor.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import type { GraphQLContext } from "../context.js";
import { FailureSignature } from "../types/analysis.type.js";
import { type Connection, toConnection } from "../types/connection.type.js";
import { type Report, ReportConnection, toReport } from "../types/report.type.js";

const CURSOR = "signature:reports";
const isOneNumber = (key: CursorKey): key is [number] => key.length === 1 && Number.isSafeInteger(key[0]);

@Resolver(() => FailureSignature)
export class FailureSignatureResolver {
  @FieldResolver(() => ReportConnection, {
    description: "The reports that fail this way, of any release, newest first.",
  })
  @cacheFor(MaxAge.counts)
  async reports(
    @Root() signature: FailureSignature,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Connection<Report>> {
    const first = pageSize(args);
    const beforeId = args.after ? decodeCursor(CURSOR, args.after, isOneNumber)[0] : undefined;
    const rows = await signatureReportPage(db, signature.id, {
      limit: first,
      ...(beforeId === undefined ? {} : { beforeId }),
    });
    return toConnection(rows, first, Boolean(args.after), (row) => encodeCursor(CURSOR, [row.id]), toReport);
  }
}
