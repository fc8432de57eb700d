import { CONSENT_VERSION } from "@hvs/shared/api";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
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

/** The person's conversation row, created on first contact; every event counts as an interaction. */
export function touchConversation(tx: DbOrTx, oaUserId: string, now: Date): Conversation {
  tx.insert(oaConversations)
    .values({ oaUserId, lastInteractionAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: oaConversations.oaUserId, set: { lastInteractionAt: now, updatedAt: now } })
    .run();
  const row = tx.select().from(oaConversations).where(eq(oaConversations.oaUserId, oaUserId)).get();
  if (!row) throw new Error("conversation row vanished");
  return row;
}

export function saveConversation(tx: DbOrTx, conversation: Conversation, now: Date): void {
  const { oaUserId, ...fields } = conversation;
  tx.update(oaConversations)
    .set({ ...fields, updatedAt: now })
    .where(eq(oaConversations.oaUserId, oaUserId))
    .run();
}

export function deleteConversation(tx: DbOrTx, oaUserId: string): void {
  tx.delete(oaConversations).where(eq(oaConversations.oaUserId, oaUserId)).run();
}

function owner(tx: DbOrTx, provider: "zalo_oa" | "zalo_app", subject: string): number | undefined {
  return tx
    .select({ learnerId: learnerIdentities.learnerId })
    .from(learnerIdentities)
    .where(and(eq(learnerIdentities.provider, provider), eq(learnerIdentities.subject, subject)))
    .get()?.learnerId;
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
