import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import { requireScope } from "../../auth/scope.guard.js";
import { requireTokenHolder } from "../../auth/tester.auth.js";
import { resetDerivedTables, verifyDerivedCounts } from "../../db/queries/derived.queries.js";
import { etlStatus, retryFailedDocuments } from "../../db/queries/document-queue.queries.js";
import { announceDocuments } from "../../db/queries/document.queries.js";
import {
  createApiToken,
  findTester,
  listTesters,
  revokeApiTokenByHash,
  setTesterBlocked,
} from "../../db/queries/tester.queries.js";
import { TokenScope } from "../../db/schema/index.js";
import { badInput } from "../../errors/index.js";
import type { GraphQLContext } from "../context.js";
import { AdminTester, CountMismatch, EtlQueueStatus, IssuedToken } from "../types/admin.type.js";

/** The word rebuildDerivedTables must be given: a rebuild empties every derived table. */
const REBUILD_CONFIRMATION = "rebuild every derived table";
const SCOPES = Object.values(TokenScope) as string[];

/** Every operation here needs a token with the `admin` scope (`tester:token --scope admin`). */
async function requireAdmin(context: GraphQLContext): Promise<void> {
  requireScope(await requireTokenHolder(context.db, context.authorization), TokenScope.admin);
}

@Resolver()
export class AdminResolver {
  @Query(() => EtlQueueStatus, {
    description:
      "Operators (admin scope): the ETL queue: waiting and failed documents, and the latest failures with their errors.",
  })
  async etlStatus(
    @Arg("failuresShown", () => Int, { defaultValue: 20, description: "Failures listed, 0..500." })
    failuresShown: number,
    @Ctx() context: GraphQLContext,
  ): Promise<EtlQueueStatus> {
    await requireAdmin(context);
    if (failuresShown < 0 || failuresShown > 500) throw badInput(`failuresShown: ` + "expected 0..500");
    return Object.assign(new EtlQueueStatus(), await etlStatus(context.db, failuresShown));
  }

  @Query(() => [CountMismatch], {
    description:
      "Operators (admin scope): recounts every derived table from the report rows; empty when all agree. Slow on a large database.",
  })
  async verifyDerivedCounts(@Ctx() context: GraphQLContext): Promise<CountMismatch[]> {
    await requireAdmin(context);
    return (await verifyDerivedCounts(context.db)).map((m) => Object.assign(new CountMismatch(), m));
  }

  @Query(() => [AdminTester], { description: "Operators (admin scope): testers, newest first, with their tokens." })
  async testers(
    @Arg("first", () => Int, { defaultValue: 50, description: "1..500." }) first: number,
    @Arg("email", () => String, { nullable: true, description: "Only the testers with this address." })
    email: string | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<AdminTester[]> {
    await requireAdmin(context);
    if (first < 1 || first > 500) throw badInput(`first: ` + "expected 1..500");
    return (await listTesters(context.db, { first, email: email ?? undefined })).map(({ tester, tokens }) =>
      Object.assign(new AdminTester(), {
        id: tester.id,
        fullName: tester.fullName,
        email: tester.email,
        metabase: tester.secretHash !== null,
        createdAt: tester.createdAt,
        blockedAt: tester.blockedAt,
        tokens,
      }),
    );
  }

  @Mutation(() => Int, {
    description:
      "Operators (admin scope): puts every failed document back in the queue (after a fix); returns how many.",
  })
  async retryFailedDocuments(@Ctx() context: GraphQLContext): Promise<number> {
    await requireAdmin(context);
    return retryFailedDocuments(context.db);
  }

  @Mutation(() => Boolean, {
    description: `Operators (admin scope): empties every derived table and queues every document again; the workers rebuild them. Guarded: \`confirm\` must be "${REBUILD_CONFIRMATION}". Counts are incomplete until the workers finish.`,
  })
  async rebuildDerivedTables(
    @Arg("confirm", () => String, { description: `Must be "${REBUILD_CONFIRMATION}".` }) confirm: string,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    await requireAdmin(context);
    if (confirm !== REBUILD_CONFIRMATION) throw badInput(`confirm: ` + `expected "${REBUILD_CONFIRMATION}"`);
    await resetDerivedTables(context.db);
    await announceDocuments(context.db);
    context.log.warn({ requestId: context.requestId }, "derived tables emptied for a rebuild");
    return true;
  }

  @Mutation(() => IssuedToken, {
    description: "Operators (admin scope): issues a token to a tester; it is shown once.",
  })
  async issueToken(
    @Arg("testerId", () => String, { description: "The tester who receives it." }) testerId: string,
    @Arg("label", () => String, { description: 'What it is for, e.g. "smoker on box 3".' }) label: string,
    @Arg("scopes", () => [String], {
      defaultValue: [TokenScope.submitReports],
      description: `Any of ${SCOPES.join(", ")}.`,
    })
    scopes: string[],
    @Ctx() context: GraphQLContext,
  ): Promise<IssuedToken> {
    await requireAdmin(context);
    const unknown = scopes.filter((scope) => !SCOPES.includes(scope));
    if (unknown.length > 0 || scopes.length === 0) throw badInput(`scopes: ` + `expected some of ${SCOPES.join(", ")}`);
    if (!label.trim() || label.length > 200) throw badInput(`label: ` + "expected 1..200 characters");
    if (!/^[0-9a-f-]{36}$/i.test(testerId) || !(await findTester(context.db, testerId))) {
      throw badInput(`testerId: ` + `no tester ${testerId}`);
    }
    const token = await createApiToken(context.db, testerId, label.trim(), scopes as TokenScope[]);
    return Object.assign(new IssuedToken(), { token, scopes });
  }

  @Mutation(() => Boolean, {
    description: "Operators (admin scope): revokes a token by its hash; false when it was not live.",
  })
  async revokeToken(
    @Arg("tokenHash", () => String, { description: "SHA-256 of the token, as `testers` lists it." }) tokenHash: string,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    await requireAdmin(context);
    if (!/^[0-9a-f]{64}$/.test(tokenHash)) throw badInput(`tokenHash: ` + "expected 64 hexadecimal digits");
    return revokeApiTokenByHash(context.db, tokenHash);
  }

  @Mutation(() => AdminTester, {
    description:
      "Operators (admin scope): blocks (or, with blocked: false, unblocks) a tester: their Metabase secret and every token are refused.",
  })
  async blockTester(
    @Arg("testerId", () => String, { description: "The tester to block or unblock." }) testerId: string,
    @Arg("blocked", () => Boolean, { defaultValue: true, description: "false unblocks." }) blocked: boolean,
    @Ctx() context: GraphQLContext,
  ): Promise<AdminTester> {
    await requireAdmin(context);
    const row = /^[0-9a-f-]{36}$/i.test(testerId) ? await setTesterBlocked(context.db, testerId, blocked) : undefined;
    if (!row) throw badInput(`testerId: ` + `no tester ${testerId}`);
    return Object.assign(new AdminTester(), {
      id: row.id,
      fullName: row.fullName,
      email: row.email,
      metabase: row.secretHash !== null,
      createdAt: row.createdAt,
      blockedAt: row.blockedAt,
      tokens: [],
    });
  }
}
