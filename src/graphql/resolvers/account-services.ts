import { AppError, ErrorCode } from "../../errors/index.js";
import type { AccountServices } from "../../notify/accounts.js";
import type { GraphQLContext } from "../context.js";

/** The account services of this server; UNAVAILABLE where it runs without them. */
export function accountsOf(context: GraphQLContext): AccountServices {
  if (!context.accounts) throw new AppError(ErrorCode.UNAVAILABLE, "sign-in and notifications are not served here");
  return context.accounts;
}
