import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Every Zalo OA webhook delivery we accepted, stored before we answer 200 and processed afterwards. The
 * unique key makes a redelivery (same msg_id, or same event, sender and time) one row. The raw body holds
 * personal data (names, phone numbers), so processing clears it and keeps only what counting needs.
 */
export const zaloWebhookEvents = sqliteTable(
  "zalo_webhook_events",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    dedupeKey: text().notNull().unique(),
    eventName: text().notNull(),
    /** The body exactly as Zalo sent it; null once processed. */
    body: text(),
    receivedAt: integer({ mode: "timestamp_ms" }).notNull(),
    /** Zalo's `num_retry` header on the first delivery we kept, for diagnosing our own slowness. */
    retry: integer().notNull().default(0),
    processedAt: integer({ mode: "timestamp_ms" }),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [index("zalo_webhook_events_pending").on(t.processedAt)],
);
