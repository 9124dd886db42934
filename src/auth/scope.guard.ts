import { type TesterRow, TokenScope } from "../db/schema/index.js";
import { AppError, ErrorCode } from "../errors/index.js";

/** A tester whose credential (an API token, a Metabase secret) was verified, and what it allows. */
export interface CredentialHolder {
  tester: TesterRow;
  scopes: readonly TokenScope[];
}

/** What a holder without each scope is told, given the scopes it has. */
const refusals: Record<TokenScope, (has: string) => string> = {
  [TokenScope.submitReports]: (has) => `this token may not submit reports: it has scopes ${has}`,
  [TokenScope.writeUploads]: (has) => `this token may not add uploads: it has scopes ${has}; upload:write is needed`,
  [TokenScope.admin]: (has) =>
    `this operation is for operators: it needs a token with scope admin, this one has ${has}`,
};

/**
 * The one check every write makes (Metabase and v3 submissions, GraphQL mutations, uploads): the
 * tester behind a verified credential when it allows `scope`, FORBIDDEN otherwise.
 */
export function requireScope(holder: CredentialHolder, scope: TokenScope): TesterRow {
  if (!holder.scopes.includes(scope))
    throw new AppError(ErrorCode.FORBIDDEN, refusals[scope](holder.scopes.join(", ")));
  return holder.tester;
}
