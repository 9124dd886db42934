import type { Db } from "../db/client.js";
import { TokenScope, type TesterRow } from "../db/schema/index.js";
import { AppError, ErrorCode } from "../errors/index.js";
import { tokenHolder } from "./tester.auth.js";

/**
 * Who submits a v3 or GraphQL report: the holder of a token allowed to submit, or nobody when
 * anonymous reports are allowed and no token was sent. A token that is sent must be valid.
 */
export async function authorizeSubmitter(
  options: { db: Db; allowAnonymousReports: boolean },
  authorization: string | undefined,
): Promise<TesterRow | null> {
  if (!authorization) {
    if (options.allowAnonymousReports) return null;
    throw new AppError(ErrorCode.UNAUTHENTICATED, "an API token is required: send `Authorization: Bearer <token>`");
  }
  const holder = await tokenHolder(options.db, authorization);
  if (!holder) throw new AppError(ErrorCode.UNAUTHENTICATED, "unknown or revoked API token");
  if (!holder.scopes.includes(TokenScope.submitReports)) {
    throw new AppError(
      ErrorCode.FORBIDDEN,
      `this token may not submit reports: it has scopes ${holder.scopes.join(", ")}`,
    );
  }
  return holder.tester;
}
