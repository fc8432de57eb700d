import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { learners, oaOutbox } from "../db/schema";
import { fitText, type OaClient, type OaMessage } from "./oa-client";
import { isRetryable, isUncertain, type OaFailure } from "./oa-errors";
import type { OaTokenSource } from "./oa-token";
import type { ZnsClient } from "./zns-client";

// An entry in the conversation this long before our attempt began is not ours (clock skew between hosts).
const SKEW_MS = 5_000;

export interface SenderOptions {
  db: Db;
  client: OaClient;
  tokens: OaTokenSource;
  now?: () => Date;
  log?: (line: string) => void;
  /** Zalo allows 4,000 calls a minute per app (≈ 66/s); stay under it with room for other calls. */
  ratePerSecond?: number;
  /** Different people are sent to in parallel; one person's messages always go one at a time, in order. */
  maxInFlight?: number;
  pollMs?: number;
  /** Exponential backoff between attempts: base × 2^(n−1), capped, with half of it random (jitter). */
  backoff?: { baseMs: number; capMs: number };
  /** After this many attempts a retryable failure is given up and recorded as failed. */
  maxAttempts?: number;
  random?: () => number;
  /** Template messages by phone (ZNS), for outbox rows of kind `zns`; without it they wait. */
  zns?: ZnsClient;
}

export interface OaSender {
  /** Look for work now rather than at the next poll (new messages were queued). */
  kick(): void;
  /** Stops taking work and waits for the sends in flight. */
  stop(): Promise<void>;
}

type Row = typeof oaOutbox.$inferSelect;

/**
 * Delivers the outbox. Every step is recorded before the next begins: a row is `sending` (with the time)
 * before the request leaves, `sent` once Zalo gave a message id. A send whose fate is unknown (a timeout, a
 * 5xx, a crash mid-request) becomes `uncertain`, and before it is sent again the conversation is read back:
 * if our text is there after the attempt began, it went out and is marked sent instead of repeated.
 */
export function startOaSender({
  db,
  client,
  tokens,
  now = () => new Date(),
  log = () => {},
  ratePerSecond = 50,
  maxInFlight = 8,
  pollMs = 200,
  backoff = { baseMs: 1000, capMs: 60_000 },
  maxAttempts = 8,
  random = Math.random,
  zns,
}: SenderOptions): OaSender {
  // A send that was in flight when the process died may or may not have reached Zalo.
  db.update(oaOutbox).set({ state: "uncertain" }).where(eq(oaOutbox.state, "sending")).run();

  const busy = new Map<string, Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let pausedUntil = 0;
  let bucket = 1;
  let bucketAt = Date.now();

  function takeToken(): boolean {
    const at = Date.now();
    bucket = Math.min(Math.max(1, ratePerSecond), bucket + ((at - bucketAt) / 1000) * ratePerSecond);
    bucketAt = at;
    if (bucket < 1) return false;
    bucket -= 1;
    return true;
  }

  function delay(attempts: number): number {
    const exp = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
    return exp / 2 + random() * (exp / 2);
  }

  function dueRows(limit: number): Row[] {
    const at = now();
    // The oldest unfinished message per person, if it is due: later ones wait so a lesson arrives in order.
    return db
      .select()
      .from(oaOutbox)
      .where(
        and(
          inArray(oaOutbox.state, ["pending", "uncertain"]),
          lte(oaOutbox.nextAttemptAt, at),
          sql`not exists (select 1 from ${oaOutbox} as earlier where earlier.recipient_id = ${oaOutbox.recipientId}
                and earlier.id < ${oaOutbox.id} and earlier.state in ('pending', 'sending', 'uncertain'))`,
        ),
      )
      .orderBy(asc(oaOutbox.id))
      .limit(limit + busy.size)
      .all()
      .filter((row) => !busy.has(row.recipientId))
      .slice(0, limit);
  }

  function settle(row: Row, fields: Partial<Row>) {
    db.update(oaOutbox).set(fields).where(eq(oaOutbox.id, row.id)).run();
  }

  function sent(row: Row, messageId: string | null) {
    settle(row, { state: "sent", zaloMessageId: messageId, sentAt: now(), message: null, outcome: null });
  }

  function failed(row: Row, outcome: string) {
    settle(row, { state: "failed", outcome, message: null });
    log(`oa outbox: message ${row.id} not delivered (${outcome})`);
  }

  function later(row: Row, state: "pending" | "uncertain", outcome: OaFailure, waitMs: number) {
    settle(row, { state, outcome, nextAttemptAt: new Date(now().getTime() + waitMs) });
  }

  /**
   * A ZNS template message, to a phone number read at the moment of sending (the outbox holds only
   * `learner:<id>`). ZNS has no conversation to read back, and each message is paid for, so a send whose
   * fate is unknown is recorded as failed rather than risked twice: at most once.
   */
  async function deliverZns(row: Row): Promise<void> {
    if (!zns) return later(row, "pending", "not_allowed", 60_000);
    if (row.state === "uncertain") return failed(row, "uncertain_not_resent");
    const learnerId = Number(row.recipientId.replace(/^learner:/, ""));
    const person = db.select({ phone: learners.phone, gone: learners.forgottenAt }).from(learners).where(eq(learners.id, learnerId)).get();
    if (!person?.phone || person.gone) return failed(row, "left");
    const message = JSON.parse(row.message ?? "{}") as { templateId: string; data: Record<string, string> };
    const token = await tokens.accessToken();
    if (!token) return later(row, "pending", "token_invalid", delay(row.attempts + 1));
    const attempts = row.attempts + 1;
    settle(row, { state: "sending", sendingSince: now(), attempts });
    const result = await zns.sendTemplate(token, {
      phone: person.phone,
      templateId: message.templateId,
      data: message.data,
      trackingId: String(row.id),
    });
    if (result.ok) return sent(row, result.messageId);
    const { failure } = result;
    if (failure === "server_error" || failure === "timeout") return failed(row, `zns_${failure}`);
    if (attempts >= maxAttempts || (failure !== "token_invalid" && failure !== "rate_limited")) return failed(row, `zns_${failure}`);
    if (failure === "token_invalid") tokens.reject(token);
    later(
      row,
      "pending",
      failure === "token_invalid" ? "token_invalid" : "rate_limited",
      failure === "token_invalid" ? 0 : delay(attempts),
    );
  }

  async function deliver(row: Row): Promise<void> {
    if (row.kind === "zns") return deliverZns(row);
    const message = JSON.parse(row.message ?? "{}") as OaMessage;
    const token = await tokens.accessToken();
    if (!token) {
      // No token (Zalo's OAuth unreachable, or the OA must be authorised again): nothing was sent; wait.
      later(row, row.state === "uncertain" ? "uncertain" : "pending", "token_invalid", delay(row.attempts + 1));
      return;
    }
    if (row.state === "uncertain" && row.sendingSince) {
      const since = row.sendingSince.getTime();
      const recent = await client.recentMessages(token, row.recipientId);
      if (recent === null) {
        later(row, "uncertain", "server_error", delay(row.attempts + 1));
        return;
      }
      const text = fitText(message.text);
      if (recent.some((m) => m.src === 0 && m.time >= since - SKEW_MS && m.message === text)) {
        sent(row, null);
        return;
      }
    }
    const attempts = row.attempts + 1;
    settle(row, { state: "sending", sendingSince: now(), attempts });
    const result = await client.sendConsultation(token, row.recipientId, message);
    if (result.ok) return sent(row, result.messageId);
    const { failure } = result;
    if (!isRetryable(failure)) return failed(row, failure);
    if (attempts >= maxAttempts) return failed(row, `gave_up_${failure}`);
    if (failure === "token_invalid") {
      tokens.reject(token);
      return later(row, "pending", failure, 0);
    }
    if (failure === "rate_limited") {
      // The limit is per app, so every send waits, not just this one.
      const wait = (result.retryAfterMs ?? 60_000) + random() * 1000;
      pausedUntil = Date.now() + wait;
      return later(row, "pending", failure, wait);
    }
    later(row, isUncertain(failure) ? "uncertain" : "pending", failure, delay(attempts));
  }

  function tick() {
    timer = null;
    if (stopped) return;
    let wait = pollMs;
    if (Date.now() < pausedUntil) {
      wait = Math.min(pollMs * 5, pausedUntil - Date.now());
    } else {
      for (const row of dueRows(maxInFlight - busy.size)) {
        if (!takeToken()) {
          wait = Math.ceil(1000 / ratePerSecond);
          break;
        }
        const work = deliver(row)
          .catch((error) => {
            // A bug or a database error: leave the row to be checked and tried again, never lost.
            log(`oa outbox: ${(error as Error).name} on message ${row.id}`);
            settle(row, { state: "uncertain", nextAttemptAt: new Date(now().getTime() + delay(row.attempts + 1)) });
          })
          .finally(() => {
            busy.delete(row.recipientId);
            schedule(0);
          });
        busy.set(row.recipientId, work);
      }
    }
    schedule(wait);
  }

  function schedule(ms: number) {
    if (stopped) return;
    if (timer && ms > 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  }

  schedule(0);
  return {
    kick: () => schedule(0),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled(busy.values());
    },
  };
}
