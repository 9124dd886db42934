import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import { requireViewerWrite } from "../../auth/viewer.js";
import { listMessages } from "../../db/queries/outbox.queries.js";
import { ViewerKind } from "../../db/schema/index.js";
import { AppError, ErrorCode } from "../../errors/index.js";
import type { GraphQLContext } from "../context.js";
import { SignInRequest, Viewer } from "../types/account.type.js";
import { MailMessage, toMailMessage } from "../types/mail.type.js";
import { accountsOf } from "./account-services.js";

/** What every sign-in request is told, whether the address exists or not. */
export const CHECK_YOUR_MAIL =
  "If we know this PAUSE id or address, a sign-in link is on its way to it. The link works once, for a short while.";

@Resolver()
export class AccountResolver {
  @Query(() => Viewer, { nullable: true, description: "The person signed in by session cookie; null when nobody is." })
  viewer(@Ctx() context: GraphQLContext): Viewer | null {
    const viewer = context.viewer.viewer;
    if (!viewer) return null;
    return Object.assign(new Viewer(), {
      kind: viewer.kind,
      pauseId: viewer.kind === ViewerKind.author ? viewer.pauseId : null,
      name: viewer.kind === ViewerKind.tester ? viewer.name : null,
      csrfToken: viewer.csrfToken,
    });
  }

  @Mutation(() => SignInRequest, {
    description:
      "Mails a one-time sign-in link: an author gives a PAUSE id (the link goes to PAUSEID@cpan.org), a tester the address of their profile or token. The answer never says whether the id or address is known. Rate-limited per IP address and per address.",
  })
  async requestSignIn(
    @Arg("pauseId", () => String, { nullable: true, description: "An author's PAUSE id." }) pauseId: string | null,
    @Arg("email", () => String, { nullable: true, description: "A tester's address (of their profile or token)." })
    email: string | null,
    @Arg("returnTo", () => String, { nullable: true, description: "A path on this site to go to after signing in." })
    returnTo: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<SignInRequest> {
    await accountsOf(context).signIn.request({ pauseId, email, returnTo }, context.ip);
    return Object.assign(new SignInRequest(), { message: CHECK_YOUR_MAIL });
  }

  @Mutation(() => Int, {
    description:
      "Signs out every session of the signed-in person, on every browser (POST /sign-out ends only this one). Returns how many sessions ended.",
  })
  async signOutEverywhere(@Ctx() context: GraphQLContext): Promise<number> {
    const viewer = requireViewerWrite(context.viewer);
    return accountsOf(context).signIn.signOutEverywhere(viewer);
  }

  @Query(() => [MailMessage], {
    description:
      "The development mailbox: every message, newest first, when no SMTP server is configured (SMTP_URL); with one, a FORBIDDEN error.",
  })
  async devMailbox(
    @Arg("first", () => Int, { defaultValue: 20, description: "1..100" }) first: number,
    @Arg("recipient", () => String, { nullable: true, description: "Only messages to this address." })
    recipient: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<MailMessage[]> {
    const accounts = accountsOf(context);
    if (accounts.outbox.via !== "mailbox") {
      throw new AppError(ErrorCode.FORBIDDEN, "the development mailbox exists only without SMTP_URL");
    }
    if (first < 1 || first > 100) throw new AppError(ErrorCode.BAD_USER_INPUT, `first: expected 1..100, got ${first}`);
    const rows = await listMessages(context.db, { recipient: recipient ?? undefined, limit: first });
    return rows.map((row) => toMailMessage(row, true));
  }
}
