import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { learners } from "./learners";
import { communes } from "./places";

/** Staff who read the dashboard. */
export const staff = sqliteTable("staff", {
  id: integer().primaryKey({ autoIncrement: true }),
  /** Where the account works. For province staff, their office's commune, which names the province. */
  communeId: integer()
    .notNull()
    .references(() => communes.id),
  /**
   * commune: the commune's pages, names and edits. province: only the roll-up of figures per commune
   * for the province of `communeId` — no names, no edits.
   */
  role: text({ enum: ["commune", "province"] })
    .notNull()
    .default("commune"),
  username: text().notNull().unique(),
  passwordHash: text().notNull(),
  createdAt: integer({ mode: "timestamp_ms" }).notNull(),
});

/**
 * Server-side sessions for residents (bearer token) and staff (cookie). Only a SHA-256 of the token is
 * stored, so a copy of the database does not let anyone sign in.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    tokenHash: text().notNull().unique(),
    learnerId: integer().references(() => learners.id, { onDelete: "cascade" }),
    staffId: integer().references(() => staff.id, { onDelete: "cascade" }),
    /** A team member (team_members.id) using their phone to help this learner: what they record is "assisted". */
    assistedBy: integer(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("sessions_learner").on(t.learnerId),
    check("sessions_one_subject", sql`(${t.learnerId} is null) <> (${t.staffId} is null)`),
  ],
);
