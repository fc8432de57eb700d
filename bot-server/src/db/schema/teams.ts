import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { staff } from "./accounts";
import { learners } from "./learners";
import { communes, villages } from "./places";

/**
 * A village's Tổ công nghệ số cộng đồng member. A member signs in to the mini app with Zalo like anyone
 * else (so is also a learner); this row is what gives that learner a role, and only for one village.
 */
export const teamMembers = sqliteTable(
  "team_members",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    villageId: integer()
      .notNull()
      .references(() => villages.id),
    learnerId: integer().references(() => learners.id, { onDelete: "set null" }),
    /** The name the commune wrote on the invitation: shown to staff for commendation, not to residents. */
    displayName: text().notNull(),
    invitedBy: integer().references(() => staff.id),
    joinedAt: integer({ mode: "timestamp_ms" }).notNull(),
    /** Set when staff take the role away; the row stays so classes and help already given keep their author. */
    removedAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [index("team_members_learner").on(t.learnerId), index("team_members_village").on(t.villageId)],
);

/** One-time codes staff hand to a future team member. Only a hash is kept, as for sessions. */
export const teamInvites = sqliteTable("team_invites", {
  id: integer().primaryKey({ autoIncrement: true }),
  codeHash: text().notNull().unique(),
  villageId: integer()
    .notNull()
    .references(() => villages.id),
  displayName: text().notNull(),
  createdBy: integer()
    .notNull()
    .references(() => staff.id),
  createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
  usedAt: integer({ mode: "timestamp_ms" }),
  teamMemberId: integer().references(() => teamMembers.id),
});

/**
 * A code given to a resident a team member signed up, so that when the person later opens the mini app with
 * their own Zalo the two records become one learner (learners/link.ts) instead of two.
 */
export const claimCodes = sqliteTable("claim_codes", {
  codeHash: text().primaryKey(),
  learnerId: integer()
    .notNull()
    .references(() => learners.id, { onDelete: "cascade" }),
  createdBy: integer()
    .notNull()
    .references(() => teamMembers.id),
  createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
});

/** An in-person class a team held. Attending one counts as taking part. */
export const classes = sqliteTable(
  "classes",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Made on the team member's phone, so a resend of the same form records one class. */
    clientId: text().notNull(),
    villageId: integer()
      .notNull()
      .references(() => villages.id),
    teamMemberId: integer()
      .notNull()
      .references(() => teamMembers.id),
    /** The Vietnam date it was held (YYYY-MM-DD). */
    heldOn: text().notNull(),
    courseId: text().notNull(),
    lessonId: text(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("classes_member_client").on(t.teamMemberId, t.clientId), index("classes_village").on(t.villageId, t.heldOn)],
);

export const classAttendance = sqliteTable(
  "class_attendance",
  {
    classId: integer()
      .notNull()
      .references(() => classes.id, { onDelete: "cascade" }),
    learnerId: integer()
      .notNull()
      .references(() => learners.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.classId, t.learnerId] }), index("class_attendance_learner").on(t.learnerId)],
);

/**
 * A reminder campaign: who (a village and a status), what (a template with the person's name and next
 * lesson) and when. Its recipients are written once when it starts, then sent at a paced rate.
 */
export const campaigns = sqliteTable(
  "campaigns",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Made on the creator's phone (or page): the same form sent twice is one campaign. */
    clientId: text().notNull(),
    communeId: integer()
      .notNull()
      .references(() => communes.id),
    villageId: integer()
      .notNull()
      .references(() => villages.id),
    createdByMember: integer().references(() => teamMembers.id),
    createdByStaff: integer().references(() => staff.id),
    audience: text({ enum: ["stalled", "not_started", "not_certified", "everyone"] }).notNull(),
    /** For `stalled`: no activity for at least this many days. */
    stalledDays: integer(),
    template: text().notNull(),
    startAt: integer({ mode: "timestamp_ms" }).notNull(),
    state: text({ enum: ["scheduled", "sending", "done", "cancelled"] })
      .notNull()
      .default("scheduled"),
    recipientCount: integer(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    finishedAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [
    index("campaigns_state").on(t.state, t.startAt),
    index("campaigns_village").on(t.villageId),
    uniqueIndex("campaigns_village_client").on(t.villageId, t.clientId),
  ],
);

/**
 * One row per (campaign, person): the primary key is what makes each person reached at most once per
 * campaign. `queued` means the message is in the OA outbox (key `campaign:<id>:<learner>`), whose row says
 * whether Zalo took it.
 */
export const campaignRecipients = sqliteTable(
  "campaign_recipients",
  {
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    learnerId: integer()
      .notNull()
      .references(() => learners.id, { onDelete: "cascade" }),
    state: text({ enum: ["pending", "queued", "unreachable", "skipped"] })
      .notNull()
      .default("pending"),
    /** Why not sent: no_oa, window_closed, unfollowed, stopped, reminded_today, cancelled, left. Codes, never text. */
    reason: text(),
    decidedAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.learnerId] }), index("campaign_recipients_state").on(t.campaignId, t.state, t.learnerId)],
);
