import { asc } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { oaOutbox } from "../db/schema";
import { enqueueMessages } from "./oa-outbox";
import { type OaSender, startOaSender } from "./oa-sender";
import { oaKit } from "./oa-test-kit";

let kit: Awaited<ReturnType<typeof oaKit>>;
let sender: OaSender | null = null;
beforeEach(async () => {
  kit = await oaKit();
  await kit.interacted();
});
afterEach(async () => {
  await sender?.stop();
  sender = null;
  await kit.close();
});

function start(options: { maxAttempts?: number } = {}) {
  sender = startOaSender({
    db: kit.db,
    client: kit.client,
    tokens: kit.tokenSource(),
    pollMs: 10,
    backoff: { baseMs: 40, capMs: 400 },
    ratePerSecond: 1000,
    ...options,
  });
  return sender;
}

function queue(...texts: string[]) {
  enqueueMessages(
    kit.db,
    texts.map((text, n) => ({ dedupeKey: `test:${text}:${n}`, recipientId: kit.residentOaId, kind: "reply" as const, message: { text } })),
    new Date(),
  );
}

const rows = () => kit.db.select().from(oaOutbox).orderBy(asc(oaOutbox.id)).all();

async function settled(timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (rows().every((r) => r.state === "sent" || r.state === "failed")) return rows();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`outbox not settled: ${JSON.stringify(rows().map((r) => [r.state, r.outcome, r.attempts]))}`);
}

const csCallTimes = () => kit.calls.filter((c) => c.path === "/v3.0/oa/message/cs").map((c) => c.at);

describe("the OA outbox sender", () => {
  it("sends each queued message once, in order, and forgets its text once sent", async () => {
    queue("một", "hai", "ba");
    queue("một"); // the same key again: still one message
    start();
    const done = await settled();
    expect(done.map((r) => r.state)).toEqual(["sent", "sent", "sent"]);
    expect(done.every((r) => r.message === null && r.zaloMessageId)).toBe(true);
    expect((await kit.sent()).map((m) => m.text)).toEqual(["một", "hai", "ba"]);
  });

  it("retries 5xx with growing, jittered gaps and delivers once", async () => {
    await kit.fault({ mode: "http500", count: 3 });
    queue("sau ba lần lỗi");
    start();
    const [row] = await settled();
    expect(row).toMatchObject({ state: "sent", attempts: 4 });
    expect((await kit.sent()).map((m) => m.text)).toEqual(["sau ba lần lỗi"]);
    const times = csCallTimes();
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
    expect(gaps).toHaveLength(3);
    // Backoff 40, 80, 160 ms with half of each random: every gap at least half its step, and growing overall.
    expect(gaps[0]).toBeGreaterThanOrEqual(20);
    expect(gaps[2]).toBeGreaterThanOrEqual(80);
    expect(gaps[2]).toBeGreaterThan(gaps[0] ?? 0);
  });

  it("does not send twice when Zalo took the message but the answer never came back", async () => {
    await kit.fault({ mode: "timeout", count: 1, acceptThenHang: true, hangMs: 2000 });
    queue("đã tới nơi");
    start();
    const [row] = await settled();
    expect(row?.state).toBe("sent");
    // The conversation was read back and showed the message: it was not sent again.
    expect((await kit.sent()).map((m) => m.text)).toEqual(["đã tới nơi"]);
    expect(kit.calls.some((c) => c.path === "/v2.0/oa/conversation")).toBe(true);
    expect((await kit.stats()).csCalls).toBe(1);
  });

  it("sends again after a timeout in which Zalo never got the message", async () => {
    await kit.fault({ mode: "timeout", count: 1, hangMs: 2000 });
    queue("lần hai mới tới");
    start();
    expect((await settled())[0]?.state).toBe("sent");
    expect((await kit.sent()).map((m) => m.text)).toEqual(["lần hai mới tới"]);
    expect((await kit.stats()).csCalls).toBe(2);
  });

  it("refreshes the token once when Zalo says it is invalid, then sends", async () => {
    queue("trước");
    start();
    await settled();
    await kit.fault({ mode: "token_expired", count: 1 });
    queue("sau khi làm mới");
    await settled();
    expect((await kit.sent()).map((m) => m.text)).toEqual(["trước", "sau khi làm mới"]);
    expect(await kit.stats()).toMatchObject({ refreshSuccesses: 2 });
  });

  it("waits out Zalo's rate limit, then sends once", async () => {
    await kit.fault({ mode: "rate_limit", count: 1 });
    queue("chậm lại");
    // Zalo gives no wait time for -32; the sender waits a minute. Here the clock is real, so check the
    // waiting state, then let it go early by making the row due.
    start();
    await new Promise((r) => setTimeout(r, 200));
    expect(rows()[0]).toMatchObject({ state: "pending", outcome: "rate_limited", attempts: 1 });
    expect((rows()[0]?.nextAttemptAt.getTime() ?? 0) - Date.now()).toBeGreaterThan(50_000);
  });

  it("gives up without retrying when the person is outside Zalo's 7-day window", async () => {
    await kit.interacted(Date.now() - 8 * 24 * 3600 * 1000);
    queue("quá hạn");
    start();
    const [row] = await settled();
    expect(row).toMatchObject({ state: "failed", outcome: "window_closed", attempts: 1, message: null });
    expect((await kit.stats()).csCalls).toBe(1);
  });

  it("after a crash mid-send, neither repeats a message that went out nor loses one that did not", async () => {
    queue("đã gửi trước khi sập", "chưa kịp gửi");
    // As a killed process leaves them: both `sending`; Zalo has only the first.
    const token = (await kit.tokenSource().accessToken()) ?? "";
    const sendingSince = new Date(Date.now() - 1000);
    kit.db.update(oaOutbox).set({ state: "sending", sendingSince, attempts: 1 }).run();
    expect((await kit.client.sendConsultation(token, kit.residentOaId, { text: "đã gửi trước khi sập" })).ok).toBe(true);
    start();
    const done = await settled();
    expect(done.map((r) => r.state)).toEqual(["sent", "sent"]);
    expect((await kit.sent()).map((m) => m.text)).toEqual(["đã gửi trước khi sập", "chưa kịp gửi"]);
  });

  it("keeps a person's messages in order while one of them is being retried", async () => {
    await kit.fault({ mode: "http500", count: 2 });
    queue("1", "2", "3");
    start();
    await settled();
    expect((await kit.sent()).map((m) => m.text)).toEqual(["1", "2", "3"]);
  });
});
