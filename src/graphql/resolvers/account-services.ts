import { AppError, ErrorCode } from "../../errors/index.js";
import type { AccountServices } from "../../notify/accounts.js";
import type { GraphQLContext } from "../context.js";

/**
 * The account services of this server; NOT_FOUND where it runs without them: a retry would
 * never succeed, so this is not UNAVAILABLE's 503.
 */
export function accountsOf(context: GraphQLContext): AccountServices {
  if (!context.accounts) throw new AppError(ErrorCode.NOT_FOUND, "sign-in and notifications are not served here");
  return context.accounts;
}
