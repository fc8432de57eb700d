import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { type ChatDeps, converse, type Incoming } from "../chatbot/conversation";
import { deleteConversation, findLearner } from "../chatbot/conversation-store";
import type { Db, DbOrTx } from "../db/client";
import { preparedOnce } from "../db/prepared";
import { inSavepoint } from "../db/savepoint";
import { zaloWebhookEvents } from "../db/schema";
import { forgetLearner } from "../learners/forget";
import { enqueueMessages } from "../zalo/oa-outbox";

// After this many failures an event is left for a person to look at, rather than retried for ever.
const MAX_ATTEMPTS = 5;

const Event = z.object({
  sender: z.object({ id: z.string() }).optional(),
  follower: z.object({ id: z.string() }).optional(),
  user_id_by_app: z.string().optional(),
  message: z.object({ text: z.string().optional() }).optional(),
});
type Event = z.infer<typeof Event>;

/** What the conversation sees of an event; null for events that need no answer (seen receipts, the OA's own sends). */
function incomingOf(eventName: string, event: Event): Incoming | null {
  if (eventName === "user_send_text") return { kind: "text", text: event.message?.text ?? "" };
  if (eventName.startsWith("user_send_")) return { kind: "attachment" };
  if (eventName === "follow") return { kind: "follow" };
  if (eventName === "unfollow") return { kind: "unfollow" };
  if (eventName === "user_submit_info") return { kind: "submit_info" };
  return null;
}

/**
 * What one event does: its effects and its replies, in the caller's transaction. Replies are queued under
 * the event's row id, so however often the event is processed it queues them once.
 */
function handle(tx: DbOrTx, chat: ChatDeps, stored: { id: number; eventName: string }, body: unknown, now: Date): void {
  const event = Event.parse(body);
  const oaUserId = event.sender?.id ?? event.follower?.id;
  if (!oaUserId) return;
  const who = { oaUserId, appUserId: event.user_id_by_app };
  if (stored.eventName === "user_withdraw") {
    // Zalo's data-subject deletion request: the same as "delete my data" in the mini app.
    const learnerId = findLearner(tx, oaUserId, event.user_id_by_app, now);
    if (learnerId !== undefined) forgetLearner(tx, learnerId, now);
    deleteConversation(tx, oaUserId);
    return;
  }
  const incoming = incomingOf(stored.eventName, event);
  if (!incoming) return;
  const replies = converse(tx, chat, who, incoming, now);
  enqueueMessages(
    tx,
    replies.map((message, n) => ({ dedupeKey: `evt:${stored.id}:${n}`, recipientId: oaUserId, kind: "reply", message })),
    now,
  );
}

// Asked before every batch: built and prepared once (db/prepared.ts).
const pendingEvents = preparedOnce((db) =>
  db
    .select({ id: zaloWebhookEvents.id, eventName: zaloWebhookEvents.eventName, body: zaloWebhookEvents.body })
    .from(zaloWebhookEvents)
    .where(and(isNull(zaloWebhookEvents.processedAt), lt(zaloWebhookEvents.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(zaloWebhookEvents.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

/**
 * Works through stored events, oldest first, in one transaction with a savepoint per event: an event is
 * marked processed only together with what it did (its effects and queued replies), so a crash leaves it
 * to be done again, and a failing event rolls back alone. One commit (one fsync) for the whole slice.
 * The raw body (names, phone numbers) is cleared once processed. Returns how many it processed.
 */
export function processInbox(db: Db, chat: ChatDeps, now: () => Date, limit = 50): number {
  const pending = pendingEvents(db).all({ limit });
  if (pending.length === 0) return 0;
  let processed = 0;
  db.transaction(
    (tx) => {
      for (const event of pending) {
        try {
          inSavepoint(tx, () => {
            handle(tx, chat, event, JSON.parse(event.body ?? "{}"), now());
            tx.update(zaloWebhookEvents).set({ processedAt: now(), body: null }).where(eq(zaloWebhookEvents.id, event.id)).run();
          });
          processed += 1;
        } catch (error) {
          // Only the error's kind is kept: its message could quote the body.
          tx.update(zaloWebhookEvents)
            .set({ attempts: sql`${zaloWebhookEvents.attempts} + 1`, lastError: error instanceof Error ? error.name : "unknown" })
            .where(eq(zaloWebhookEvents.id, event.id))
            .run();
        }
      }
    },
    { behavior: "immediate" },
  );
  return processed;
}

/** For /health and monitoring: events waiting to be processed, and events given up on (a person must look). */
export function inboxBacklog(db: Db): { pending: number; stuck: number } {
  const row = db
    .select({
      pending: sql<number>`coalesce(sum(case when ${zaloWebhookEvents.attempts} < ${MAX_ATTEMPTS} then 1 else 0 end), 0)`,
      stuck: sql<number>`coalesce(sum(case when ${zaloWebhookEvents.attempts} >= ${MAX_ATTEMPTS} then 1 else 0 end), 0)`,
    })
    .from(zaloWebhookEvents)
    .where(isNull(zaloWebhookEvents.processedAt))
    .get();
  return { pending: Number(row?.pending ?? 0), stuck: Number(row?.stuck ?? 0) };
}
