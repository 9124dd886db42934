import type { Db } from "../db/client.js";
import { TokenScope } from "../db/schema/index.js";
import { requireScope } from "./scope.guard.js";
import { requireTokenHolder } from "./tester.auth.js";

/**
 * The one check of every operators' query (outbox, sign-ins, deliveries): an API token with the
 * `admin` scope. UNAUTHENTICATED without a token, FORBIDDEN for a token without the scope.
 */
export async function requireAdmin(db: Db, authorization: string | undefined): Promise<void> {
  requireScope(await requireTokenHolder(db, authorization), TokenScope.admin);
}
