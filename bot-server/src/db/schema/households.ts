import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { learners } from "./learners";
import { villages } from "./places";
import { teamMembers } from "./teams";

/**
 * A household (hộ gia đình) of a village, as its team knows it. The 70%-of-households indicator counts
 * those with a smartphone; `label` is what the team calls it ("Hộ ông Pành, đội 3"), never an ID number.
 */
export const households = sqliteTable(
  "households",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    villageId: integer()
      .notNull()
      .references(() => villages.id),
    label: text().notNull(),
    hasSmartphone: integer({ mode: "boolean" }).notNull(),
    /** Made on the team member's phone, so a resent form creates one household. Null for staff imports. */
    clientId: text(),
    createdByMember: integer().references(() => teamMembers.id),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    /** The household left the list (moved away, merged): it stops counting from that day, history stays. */
    removedAt: integer({ mode: "timestamp_ms" }),
    // The Vietnam days the indicator compares, kept beside the instants so a dashboard reading thousands
    // of households converts none of them (households/readiness.ts keeps the last two up to date).
    createdOn: text(),
    removedOn: text(),
    /** The first day one current member (joined by then) had every required task, at least ticked / confirmed. */
    selfReadyOn: text(),
    confirmedReadyOn: text(),
  },
  (t) => [
    index("households_village").on(t.villageId),
    uniqueIndex("households_village_client").on(t.villageId, t.clientId),
    // Everything the dashboard's aggregates read, so they never touch the rows themselves.
    index("households_days").on(t.villageId, t.hasSmartphone, t.createdOn, t.removedOn, t.selfReadyOn, t.confirmedReadyOn),
  ],
);

/** A learner belongs to at most one household. */
export const householdMembers = sqliteTable(
  "household_members",
  {
    learnerId: integer()
      .primaryKey()
      .references(() => learners.id, { onDelete: "cascade" }),
    householdId: integer()
      .notNull()
      .references(() => households.id),
    joinedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("household_members_household").on(t.householdId)],
);

/**
 * The code a team member shows so the family can join from their own phones. Unlike a claim code it
 * can be used by every member until it expires. Only a hash is kept.
 */
export const householdCodes = sqliteTable("household_codes", {
  codeHash: text().primaryKey(),
  householdId: integer()
    .notNull()
    .references(() => households.id),
  createdBy: integer()
    .notNull()
    .references(() => teamMembers.id),
  createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
});

/**
 * A real task (content/tasks) as evidence: the resident's own tick and a team member's confirmation are
 * kept apart, because the commune reports them apart. Nothing about the documents or codes is stored.
 */
export const taskRecords = sqliteTable(
  "task_records",
  {
    learnerId: integer()
      .notNull()
      .references(() => learners.id, { onDelete: "cascade" }),
    taskId: text().notNull(),
    selfReportedAt: integer({ mode: "timestamp_ms" }),
    confirmedBy: integer().references(() => teamMembers.id),
    confirmedAt: integer({ mode: "timestamp_ms" }),
    /** The learner's village, copied (as learner_milestones does) so per-village task counts read one index. */
    villageId: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.learnerId, t.taskId] }),
    index("task_records_task").on(t.taskId),
    index("task_records_village").on(t.villageId, t.taskId, t.confirmedAt, t.selfReportedAt),
  ],
);

/** The household rule the stored ready days were computed with; another rule at start recomputes them. */
export const householdState = sqliteTable("household_state", {
  id: integer().primaryKey(),
  rule: text().notNull(),
  builtAt: integer({ mode: "timestamp_ms" }).notNull(),
});
