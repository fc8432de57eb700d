import { and, gte, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { preparedOnce } from "../db/prepared";
import { oaOutbox } from "../db/schema";
import type { OaMessage } from "./oa-client";

export interface Outgoing {
  /** Names the send: the same key queued twice (a replayed event, a rerun job) is one message. */
  dedupeKey: string;
  recipientId: string;
  kind: "reply" | "reminder" | "zns";
  /** For `zns`: `{templateId, data}`. */
  message: OaMessage | { templateId: string; data: Record<string, string> };
}

/**
 * Queues messages inside the caller's transaction, so a message exists exactly when what caused it was
 * committed. The sender delivers them in order per person. Returns how many were new.
 */
export function enqueueMessages(tx: DbOrTx, messages: Outgoing[], now: Date): number {
  let fresh = 0;
  for (const m of messages) {
    const { dedupeKey, recipientId, kind } = m;
    fresh += insertMessage(tx).run({ dedupeKey, recipientId, kind, message: JSON.stringify(m.message), now }).changes;
  }
  return fresh;
}

// Every chat reply goes through here: built and prepared once (db/prepared.ts).
const insertMessage = preparedOnce((db) =>
  db
    .insert(oaOutbox)
    .values({
      dedupeKey: sql.placeholder("dedupeKey"),
      recipientId: sql.placeholder("recipientId"),
      kind: sql.placeholder("kind"),
      message: sql.placeholder("message"),
      state: "pending",
      nextAttemptAt: sql.placeholder("now"),
      createdAt: sql.placeholder("now"),
    })
    .onConflictDoNothing()
    .prepare(),
);

/** Zalo lets an OA send consultation messages for 7 days after the person's last interaction. */
export const OA_REPLY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Whether any reminder (the chat's daily one, a campaign's, by OA or ZNS) was queued for these recipients
 * since `since`: the one rule behind "at most one reminder a day" wherever reminders are queued.
 */
export function remindedSince(tx: DbOrTx, recipientIds: string[], since: Date): boolean {
  const row = tx
    .select({ id: oaOutbox.id })
    .from(oaOutbox)
    .where(and(inArray(oaOutbox.recipientId, recipientIds), inArray(oaOutbox.kind, ["reminder", "zns"]), gte(oaOutbox.createdAt, since)))
    .limit(1)
    .get();
  return row !== undefined;
}
