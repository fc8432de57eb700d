import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import type { Db } from "../db/client";
import { createGroupCommitter } from "../db/group-commit";
import { preparedOnce } from "../db/prepared";
import { zaloWebhookEvents } from "../db/schema";
import type { WriteTurns } from "../db/write-turns";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";
import { signatureMatches, zaloEventMac } from "../zalo/webhook-signature";

// Zalo redelivers an unanswered event after 30 s, 5, 15, 30 and 60 min with the same body (so the same
// timestamp): a window shorter than that would refuse its own retries. Replays inside it are deduplicated.
const MAX_AGE_MS = 3 * 60 * 60 * 1000;
const MAX_AHEAD_MS = 5 * 60 * 1000;

// Only what deduplication and routing need; the rest of the body is kept as sent and read when processed.
const Envelope = z.object({
  event_name: z.string().min(1).max(100),
  timestamp: z.string().regex(/^\d{10,16}$/),
  sender: z.object({ id: z.string().max(100) }).optional(),
  follower: z.object({ id: z.string().max(100) }).optional(),
  user_id_by_app: z.string().max(100).optional(),
  message: z.object({ msg_id: z.string().max(200).optional() }).optional(),
});

// Built once per connection: at a thousand events a second, building the SQL each time cost more than running it.
const insertEvent = preparedOnce((db) =>
  db
    .insert(zaloWebhookEvents)
    .values({
      dedupeKey: sql.placeholder("dedupeKey"),
      eventName: sql.placeholder("eventName"),
      body: sql.placeholder("body"),
      receivedAt: sql.placeholder("receivedAt"),
      retry: sql.placeholder("retry"),
    })
    .onConflictDoNothing()
    .prepare(),
);

/** Redeliveries share this key: Zalo's message id, or the event, its sender and its time. */
function dedupeKey(event: z.infer<typeof Envelope>): string {
  const msgId = event.message?.msg_id;
  if (msgId) return `msg:${msgId}`;
  const who = event.sender?.id ?? event.follower?.id ?? event.user_id_by_app ?? "";
  return `evt:${event.event_name}:${who}:${event.timestamp}`;
}

interface Deps {
  db: Db;
  now: () => Date;
  /** Both come from the OA's settings; without them the webhook refuses everything. */
  appId: string;
  oaSecretKey: string | undefined;
  /** Told after an event is stored, so processing starts now rather than at the next poll. */
  onStored?: () => void;
  /** Where an inbox thread also writes, the webhook's commits go first (db/write-turns.ts). */
  writeTurns?: WriteTurns;
}

/**
 * `POST /webhooks/zalo`: checks the signature over the raw bytes, stores the event, answers 200. Nothing
 * else happens before the answer, so it stays far inside Zalo's 2-second limit; the inbox is processed
 * afterwards, and a restart resumes whatever was stored and not yet processed.
 */
export function createZaloWebhookRoutes({ db, now, appId, oaSecretKey, onStored = () => {}, writeTurns }: Deps) {
  const commits = createGroupCommitter(db, { turns: writeTurns });
  return new Hono<AppEnv>().post("/", async (c) => {
    if (!oaSecretKey) throw new AppError("SERVICE_UNAVAILABLE", "ZALO_OA_SECRET_KEY is not set");
    const raw = await c.req.text();
    let parsed: z.infer<typeof Envelope>;
    try {
      parsed = Envelope.parse(JSON.parse(raw));
    } catch {
      // Unsigned garbage and signed garbage are both refused without storing anything.
      throw new AppError("UNAUTHENTICATED", "webhook body is not a Zalo event");
    }
    if (!signatureMatches(c.req.header("x-zevent-signature"), zaloEventMac(appId, raw, parsed.timestamp, oaSecretKey))) {
      throw new AppError("UNAUTHENTICATED", "bad webhook signature");
    }
    const sentAt = Number(parsed.timestamp);
    const at = now();
    if (at.getTime() - sentAt > MAX_AGE_MS || sentAt - at.getTime() > MAX_AHEAD_MS) throw new AppError("UNAUTHENTICATED", "stale webhook");
    const retry = Number(c.req.header("num_retry") ?? c.req.header("num-retry") ?? 0);
    // Answered only after the commit; events arriving together share it (one fsync for a burst).
    await commits.run((tx) =>
      insertEvent(tx).run({
        dedupeKey: dedupeKey(parsed),
        eventName: parsed.event_name,
        body: raw,
        receivedAt: at,
        retry: Number.isSafeInteger(retry) ? retry : 0,
      }),
    );
    onStored();
    return c.json({ received: true }, 200);
  });
}
