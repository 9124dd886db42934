import type { Db } from "../db/client.js";
import { TokenScope } from "../db/schema/index.js";
import { AppError, ErrorCode } from "../errors/index.js";
import { tokenHolder } from "../auth/tester.auth.js";

/**
 * Checks that the caller may add uploads: a token with the upload:write scope, which is what the
 * feed from PAUSE holds. Any author's uploads, since PAUSE, not the token, says who uploaded.
 */
export async function authorizeUploader(db: Db, authorization: string | undefined): Promise<void> {
  if (!authorization) {
    throw new AppError(ErrorCode.UNAUTHENTICATED, "an API token is required: send `Authorization: Bearer <token>`");
  }
  const holder = await tokenHolder(db, authorization);
  if (!holder) throw new AppError(ErrorCode.UNAUTHENTICATED, "unknown or revoked API token");
  if (!holder.scopes.includes(TokenScope.writeUploads)) {
    throw new AppError(
      ErrorCode.FORBIDDEN,
      `this token may not add uploads: it has scopes ${holder.scopes.join(", ")}; upload:write is needed`,
    );
  }
}
