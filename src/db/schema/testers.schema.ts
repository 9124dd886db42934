import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Testers: Metabase user profiles, and the people behind v3 and GraphQL submissions. */
export const testers = pgTable("testers", {
  /** The Metabase profile GUID (`metabase:user:<uuid>`), or a fresh uuid for token-only testers. */
  id: uuid("id").primaryKey(),
  fullName: text("full_name").notNull(),
  email: text("email").notNull(),
  /** SHA-256 of the Metabase secret; the secret itself is never stored. */
  secretHash: text("secret_hash"),
  /**
   * Set for a profile brought from the original database, which holds no secret: the first
   * Metabase submission or registration of such a profile sets it, as registration does.
   */
  importedAt: timestamp("imported_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** Set by an operator: the tester's secret and tokens are refused until unblocked. */
  blockedAt: timestamp("blocked_at", { withTimezone: true }),
});

/** Bearer tokens for the v3 and GraphQL APIs; only their hashes are stored. */
export const TokenScope = { submitReports: "report:submit", writeUploads: "upload:write", admin: "admin" } as const;
export type TokenScope = (typeof TokenScope)[keyof typeof TokenScope];

export const apiTokens = pgTable(
  "api_tokens",
  {
    /** SHA-256 of the token. */
    tokenHash: text("token_hash").primaryKey(),
    testerId: uuid("tester_id")
      .notNull()
      .references(() => testers.id),
    /** What the token is for, as its owner named it ("smoker on box 3"). */
    label: text("label").notNull(),
    /** What the token may do: `report:submit`, `upload:write`, `admin` (the operations console). */
    scopes: text("scopes")
      .array()
      .notNull()
      .default(sql`'{report:submit}'`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_tester_idx").on(t.testerId)],
);

export type TesterRow = typeof testers.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
