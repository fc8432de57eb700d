import { ErrorBody } from "@hvs/shared/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { zaloWebhookEvents } from "../db/schema";
import { createTestSystem, TEST_OA_SECRET, type TestSystem } from "../test-support/system";
import { zaloEventMac } from "../zalo/webhook-signature";

let system: TestSystem;
beforeEach(async () => {
  system = await createTestSystem();
});
afterEach(() => system.close());

function textEvent(text: string, msgId: string, timestamp = String(Date.now())) {
  // Zalo's own field order and spacing; the signature is over these exact bytes.
  return `{"app_id":"test-app","user_id_by_app":"552177279717587730","event_name":"user_send_text","timestamp":"${timestamp}","sender":{"id":"246845883529197922"},"recipient":{"id":"388613280878808645"},"message":{"text":"${text}","msg_id":"${msgId}"}}`;
}

function deliver(body: string, signature?: string, headers: Record<string, string> = {}) {
  const timestamp = /"timestamp":"(\d+)"/.exec(body)?.[1] ?? "";
  return system.app.request("/webhooks/zalo", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-ZEvent-Signature": signature ?? zaloEventMac("test-app", body, timestamp, TEST_OA_SECRET),
      ...headers,
    },
    body,
  });
}

const stored = () => system.db.select().from(zaloWebhookEvents).all();

describe("POST /webhooks/zalo", () => {
  it("stores a signed event once, however often Zalo redelivers it", async () => {
    const body = textEvent("học", "msg-1");
    expect((await deliver(body)).status).toBe(200);
    expect((await deliver(body, undefined, { num_retry: "1" })).status).toBe(200);
    expect(stored()).toHaveLength(1);
    expect(stored()[0]).toMatchObject({ dedupeKey: "msg:msg-1", eventName: "user_send_text", body, processedAt: null });
  });

  it("keys events without a message id by event, sender and time", async () => {
    const follow = `{"oa_id":"388613280878808645","follower":{"id":"246845883529197922"},"user_id_by_app":"552177279717587730","event_name":"follow","source":"oa_profile","app_id":"test-app","timestamp":"${Date.now()}"}`;
    await deliver(follow);
    await deliver(follow);
    expect(stored().map((e) => e.dedupeKey)).toEqual([expect.stringMatching(/^evt:follow:246845883529197922:\d+$/)]);
  });

  it("refuses a bad, missing or foreign signature with 401, and stores nothing", async () => {
    const body = textEvent("học", "msg-2");
    const timestamp = /"timestamp":"(\d+)"/.exec(body)?.[1] ?? "";
    for (const signature of [
      "",
      "mac=00",
      zaloEventMac("test-app", body, timestamp, "another-oa-secret"),
      zaloEventMac("other-app", body, timestamp, TEST_OA_SECRET),
      // Signed over re-serialised JSON instead of the bytes Zalo sent.
      zaloEventMac("test-app", JSON.stringify(JSON.parse(body), null, 1), timestamp, TEST_OA_SECRET),
    ]) {
      const response = await deliver(body, signature);
      expect(response.status).toBe(401);
      expect(ErrorBody.parse(await response.json()).code).toBe("UNAUTHENTICATED");
    }
    // A body changed after signing.
    const signed = zaloEventMac("test-app", body, timestamp, TEST_OA_SECRET);
    expect((await deliver(body.replace("học", "hoc"), signed)).status).toBe(401);
    expect((await deliver("not json", signed)).status).toBe(401);
    expect(stored()).toEqual([]);
  });

  it("refuses an event signed hours ago or in the future, but accepts Zalo's last retry an hour later", async () => {
    const hour = 60 * 60 * 1000;
    expect((await deliver(textEvent("cũ", "msg-3", String(Date.now() - 4 * hour)))).status).toBe(401);
    expect((await deliver(textEvent("tương lai", "msg-4", String(Date.now() + hour)))).status).toBe(401);
    expect((await deliver(textEvent("thử lại", "msg-5", String(Date.now() - 1.9 * hour)), undefined, { num_retry: "5" })).status).toBe(200);
    expect(stored().map((e) => [e.dedupeKey, e.retry])).toEqual([["msg:msg-5", 5]]);
  });
});
