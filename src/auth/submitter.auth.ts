import type { Db } from "../db/client.js";
import { type TesterRow, TokenScope } from "../db/schema/index.js";
import { requireScope } from "./scope.guard.js";
import { requireTokenHolder } from "./tester.auth.js";

/**
 * Who submits a v3 or GraphQL report: the holder of a token allowed to submit, or nobody when
 * anonymous reports are allowed and no token was sent. A token that is sent must be valid.
 */
export async function authorizeSubmitter(
  options: { db: Db; allowAnonymousReports: boolean },
  authorization: string | undefined,
): Promise<TesterRow | null> {
  if (!authorization && options.allowAnonymousReports) return null;
  return requireScope(await requireTokenHolder(options.db, authorization), TokenScope.submitReports);
}
