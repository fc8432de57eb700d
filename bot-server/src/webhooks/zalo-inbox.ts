import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "../db/client";
import { learnerIdentities, zaloWebhookEvents } from "../db/schema";
import { forgetLearner } from "../learners/forget";
import { linkIdentityIn } from "../learners/link";

// After this many failures an event is left for a person to look at, rather than retried for ever.
const MAX_ATTEMPTS = 5;

const Who = z.object({
  sender: z.object({ id: z.string() }).optional(),
  follower: z.object({ id: z.string() }).optional(),
  user_id_by_app: z.string().optional(),
});
type Who = z.infer<typeof Who>;

/** The learner a webhook event is about: by the OA follower id, or the mini app's id when Zalo gives it. */
function learnerOf(tx: DbOrTx, who: Who): number | undefined {
  const followerId = who.sender?.id ?? who.follower?.id;
  const candidates: ["zalo_oa" | "zalo_app", string | undefined][] = [
    ["zalo_oa", followerId],
    ["zalo_app", who.user_id_by_app],
  ];
  for (const [provider, subject] of candidates) {
    if (!subject) continue;
    const row = tx
      .select({ learnerId: learnerIdentities.learnerId })
      .from(learnerIdentities)
      .where(and(eq(learnerIdentities.provider, provider), eq(learnerIdentities.subject, subject)))
      .get();
    if (row) return row.learnerId;
  }
  return undefined;
}

export type InboxOutcome = "done" | "ignored";

/**
 * What each event does to our data. Conversation events (`user_send_*`) are answered by the chatbot, which
 * comes next; until then they are marked done without a reply.
 */
function handle(tx: DbOrTx, eventName: string, body: unknown, now: Date): InboxOutcome {
  const who = Who.parse(body);
  switch (eventName) {
    case "user_withdraw": {
      // Zalo's data-subject deletion request: the same as "delete my data" in the mini app.
      const learnerId = learnerOf(tx, who);
      if (learnerId !== undefined) forgetLearner(tx, learnerId, now);
      return "done";
    }
    case "follow": {
      // Following the OA from an account that already learns in the mini app: one person, one learner.
      const app = who.user_id_by_app;
      const followerId = who.follower?.id;
      const learnerId = app ? learnerOf(tx, { user_id_by_app: app }) : undefined;
      if (learnerId !== undefined && followerId) linkIdentityIn(tx, learnerId, "zalo_oa", followerId, now);
      return "done";
    }
    default:
      return eventName.startsWith("user_send_") || eventName === "unfollow" ? "done" : "ignored";
  }
}

/**
 * Works through stored events, oldest first, each in its own transaction with its effect: an event is
 * marked processed only together with what it did, so a crash in between leaves it to be done again.
 * The raw body (names, phone numbers) is cleared once processed. Returns how many it processed.
 */
export function processInbox(db: Db, now: () => Date, limit = 50): number {
  const pending = db
    .select({ id: zaloWebhookEvents.id, eventName: zaloWebhookEvents.eventName, body: zaloWebhookEvents.body })
    .from(zaloWebhookEvents)
    .where(and(isNull(zaloWebhookEvents.processedAt), lt(zaloWebhookEvents.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(zaloWebhookEvents.id))
    .limit(limit)
    .all();
  let processed = 0;
  for (const event of pending) {
    try {
      db.transaction(
        (tx) => {
          handle(tx, event.eventName, JSON.parse(event.body ?? "{}"), now());
          tx.update(zaloWebhookEvents).set({ processedAt: now(), body: null }).where(eq(zaloWebhookEvents.id, event.id)).run();
        },
        { behavior: "immediate" },
      );
      processed += 1;
    } catch (error) {
      // Only the error's kind is kept: its message could quote the body.
      db.update(zaloWebhookEvents)
        .set({ attempts: sql`${zaloWebhookEvents.attempts} + 1`, lastError: error instanceof Error ? error.name : "unknown" })
        .where(eq(zaloWebhookEvents.id, event.id))
        .run();
    }
  }
  return processed;
}
