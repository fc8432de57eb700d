import { CONSENT_VERSION } from "@hvs/shared/api";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { preparedOnce } from "../db/prepared";
import { learnerIdentities, learners, oaConversations } from "../db/schema";
import { placeLearner } from "../indicators/milestones";
import { linkIdentityIn } from "../learners/link";

export type Conversation = typeof oaConversations.$inferSelect;

/** What a step remembers between messages. */
export type StepData =
  /** Waiting for consent or a village, then doing what the person first asked for. */
  { then: Continuation } | { attemptId: string; quizId: string; index: number; picks: string[] };
export type Continuation = { do: "learn" } | { do: "read"; lessonId: string } | { do: "remind" } | { do: "menu" };

export function readStepData(conversation: Conversation): StepData | null {
  try {
    return conversation.stepData ? (JSON.parse(conversation.stepData) as StepData) : null;
  } catch {
    return null;
  }
}

// The chatbot's statements run for every event in the inbox, so each is built and prepared once
// (db/prepared.ts); drizzle building them per call cost more than SQLite running them.
const upsertConversation = preparedOnce((db) =>
  db
    .insert(oaConversations)
    .values({ oaUserId: sql.placeholder("oaUserId"), lastInteractionAt: sql.placeholder("now"), updatedAt: sql.placeholder("now") })
    .onConflictDoUpdate({
      target: oaConversations.oaUserId,
      set: { lastInteractionAt: sql`excluded.last_interaction_at`, updatedAt: sql`excluded.updated_at` },
    })
    .returning()
    .prepare(),
);

/** Every column but the key, so a column added to the table cannot be left out of saving (a type error). */
const savedColumns = {
  learnerId: sql.placeholder("learnerId"),
  step: sql.placeholder("step"),
  stepData: sql.placeholder("stepData"),
  remindAtMinute: sql.placeholder("remindAtMinute"),
  remindersStopped: sql.placeholder("remindersStopped"),
  followed: sql.placeholder("followed"),
  lastInteractionAt: sql.placeholder("lastInteractionAt"),
  lastRemindedOn: sql.placeholder("lastRemindedOn"),
  updatedAt: sql.placeholder("updatedAt"),
} satisfies Record<keyof Omit<Conversation, "oaUserId">, unknown>;

const updateConversation = preparedOnce((db) =>
  db
    .update(oaConversations)
    // drizzle's types leave placeholders out of `set`; it encodes them by column (a Date, a boolean) all the same.
    .set(savedColumns as unknown as Partial<Conversation>)
    .where(eq(oaConversations.oaUserId, sql.placeholder("oaUserId")))
    .prepare(),
);

const identityOwner = preparedOnce((db) =>
  db
    .select({ learnerId: learnerIdentities.learnerId })
    .from(learnerIdentities)
    .where(and(eq(learnerIdentities.provider, sql.placeholder("provider")), eq(learnerIdentities.subject, sql.placeholder("subject"))))
    .prepare(),
);

/** The person's conversation row, created on first contact; every event counts as an interaction. */
export function touchConversation(tx: DbOrTx, oaUserId: string, now: Date): Conversation {
  const row = upsertConversation(tx).get({ oaUserId, now });
  if (!row) throw new Error("conversation row vanished");
  return row;
}

export function saveConversation(tx: DbOrTx, conversation: Conversation, now: Date): void {
  updateConversation(tx).run({ ...conversation, updatedAt: now });
}

export function deleteConversation(tx: DbOrTx, oaUserId: string): void {
  tx.delete(oaConversations).where(eq(oaConversations.oaUserId, oaUserId)).run();
}

function owner(tx: DbOrTx, provider: "zalo_oa" | "zalo_app", subject: string): number | undefined {
  return identityOwner(tx).get({ provider, subject })?.learnerId;
}

/**
 * The learner this follower is, if any: by the OA follower id, else by the mini app's id that Zalo passes
 * along (`user_id_by_app`), in which case the follower id is linked so both ways in lead to one learner.
 */
export function findLearner(tx: DbOrTx, oaUserId: string, appUserId: string | undefined, now: Date): number | undefined {
  const byOa = owner(tx, "zalo_oa", oaUserId);
  if (byOa !== undefined) return byOa;
  const byApp = appUserId ? owner(tx, "zalo_app", appUserId) : undefined;
  if (byApp !== undefined) linkIdentityIn(tx, byApp, "zalo_oa", oaUserId, now);
  return byApp;
}

/**
 * A new learner who agreed in the chat. The mini app's id is linked too when Zalo gave it, so opening the
 * mini app later signs in to this same learner rather than a second one.
 */
export function createChatLearner(tx: DbOrTx, oaUserId: string, appUserId: string | undefined, now: Date): number {
  const learner = tx
    .insert(learners)
    .values({ createdAt: now, consentVersion: CONSENT_VERSION, consentedAt: now })
    .returning({ id: learners.id })
    .get();
  placeLearner(tx, learner.id);
  linkIdentityIn(tx, learner.id, "zalo_oa", oaUserId, now);
  if (appUserId) linkIdentityIn(tx, learner.id, "zalo_app", appUserId, now);
  return learner.id;
}
