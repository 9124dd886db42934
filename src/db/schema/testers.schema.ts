import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Testers: Metabase user profiles, and the people behind v3 and GraphQL submissions. */
export const testers = pgTable("testers", {
  /** The Metabase profile GUID (`metabase:user:<uuid>`). */
  id: uuid("id").primaryKey(),
  fullName: text("full_name").notNull(),
  email: text("email").notNull(),
  /** scrypt hash of the Metabase secret; the secret itself is never stored. */
  secretHash: text("secret_hash"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type TesterRow = typeof testers.$inferSelect;
