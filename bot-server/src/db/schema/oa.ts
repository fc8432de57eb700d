import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { learners } from "./learners";

/**
 * The OA's token pair. Zalo's refresh token is single-use: each refresh returns a new one and voids the
 * old, so the new pair is written here (a durable commit) before the access token is used, and only one
 * process refreshes at a time (the lease). One row: one OA per server.
 */
export const zaloOaTokens = sqliteTable("zalo_oa_tokens", {
  id: integer().primaryKey(),
  accessToken: text(),
  accessExpiresAt: integer({ mode: "timestamp_ms" }),
  refreshToken: text().notNull(),
  /** While in the future, some process is refreshing; others wait for it and read its result. */
  refreshLeaseUntil: integer({ mode: "timestamp_ms" }),
  /** Zalo refused the refresh token: a person must authorise the app again in Zalo's console. */
  needsReauthorization: integer({ mode: "boolean" }).notNull().default(false),
  updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
});

/**
 * Every message the OA is to send, written in the same transaction as whatever decided to send it (a
 * webhook event's processing, a reminder), then delivered by the sender. The unique key makes "send this"
 * idempotent; the state makes each one sent once, including after a crash mid-send (`uncertain` rows are
 * checked against the conversation before any resend).
 */
export const oaOutbox = sqliteTable(
  "oa_outbox",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    dedupeKey: text().notNull().unique(),
    /** The OA-scoped Zalo user id (pseudonymous), or `learner:<id>` for ZNS. */
    recipientId: text().notNull(),
    /** zns: a template message by phone (recipientId is then `learner:<id>`; the number is read when sending). */
    kind: text({ enum: ["reply", "reminder", "zns"] }).notNull(),
    /** The message as JSON; cleared once it is sent or given up, since it may carry a name. */
    message: text(),
    state: text({ enum: ["pending", "sending", "uncertain", "sent", "failed"] }).notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: integer({ mode: "timestamp_ms" }).notNull(),
    /** When the last attempt began: a message in the conversation after this is ours. */
    sendingSince: integer({ mode: "timestamp_ms" }),
    zaloMessageId: text(),
    /** Why it failed or is waiting (window_closed, rate_limited, …): counts and dashboards, never text. */
    outcome: text(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    sentAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [index("oa_outbox_due").on(t.state, t.nextAttemptAt), index("oa_outbox_recipient").on(t.recipientId, t.id)],
);

/**
 * Where each OA follower is in the conversation: the chat's memory between messages. Keyed by the OA user
 * id because a follower talks to us before (and sometimes without) becoming a learner.
 */
export const oaConversations = sqliteTable(
  "oa_conversations",
  {
    oaUserId: text().primaryKey(),
    learnerId: integer().references(() => learners.id, { onDelete: "set null" }),
    /** What the bot is waiting for: nothing, consent, a village, a reminder time, a quiz answer, the name for a certificate. */
    step: text({ enum: ["idle", "consent", "village", "remind_time", "quiz", "name"] })
      .notNull()
      .default("idle"),
    /** JSON for the step: the open lesson and part, the quiz attempt and question, choices so far. */
    stepData: text(),
    /** Minutes after midnight (Vietnam time) for the daily reminder; null when none was asked for. */
    remindAtMinute: integer(),
    remindersStopped: integer({ mode: "boolean" }).notNull().default(false),
    followed: integer({ mode: "boolean" }).notNull().default(true),
    /** The last time the person did something in the chat: Zalo lets the OA answer for 7 days after. */
    lastInteractionAt: integer({ mode: "timestamp_ms" }).notNull(),
    /** Vietnam date (YYYY-MM-DD) of the last reminder queued: at most one a day. */
    lastRemindedOn: text(),
    updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("oa_conversations_learner").on(t.learnerId), index("oa_conversations_remind").on(t.remindAtMinute)],
);
