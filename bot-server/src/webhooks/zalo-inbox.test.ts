import { Me } from "@hvs/shared/api";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { learnerIdentities, learners, zaloWebhookEvents } from "../db/schema";
import { linkIdentity } from "../learners/link";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";
import { processInbox } from "./zalo-inbox";

let system: TestSystem;
beforeEach(async () => {
  system = await createTestSystem();
});
afterEach(() => system.close());

/** An event as the webhook stores it, as if left unprocessed by a crash or a restart. */
function stored(eventName: string, body: object | string, key = `k-${Math.random()}`) {
  system.db
    .insert(zaloWebhookEvents)
    .values({ dedupeKey: key, eventName, body: typeof body === "string" ? body : JSON.stringify(body), receivedAt: new Date() })
    .run();
}

const now = () => new Date();
const appUser = TEST_USERS[0]?.id ?? "";

describe("the webhook inbox", () => {
  it("links a follower of the OA to the learner who already learns in the mini app, and clears the stored body", async () => {
    const token = await system.signIn(appUser);
    const learnerId = Me.parse(await (await system.call(token, "GET", "/api/me")).json()).id;
    stored("follow", { event_name: "follow", follower: { id: "oa-follower-7" }, user_id_by_app: appUser, timestamp: "1" });
    expect(processInbox(system.db, system.chat, now)).toBe(1);
    const oa = system.db.select().from(learnerIdentities).where(eq(learnerIdentities.provider, "zalo_oa")).get();
    expect(oa).toMatchObject({ learnerId, subject: "oa-follower-7" });
    expect(system.db.select().from(zaloWebhookEvents).get()).toMatchObject({ body: null, attempts: 0 });
    expect(system.db.select().from(zaloWebhookEvents).get()?.processedAt).toBeInstanceOf(Date);
    // Nothing left to do: processing again does nothing.
    expect(processInbox(system.db, system.chat, now)).toBe(0);
  });

  it("deletes a person's data on user_withdraw, as the mini app's 'delete my data' does", async () => {
    const token = await system.signIn(appUser);
    const learnerId = Me.parse(await (await system.call(token, "GET", "/api/me")).json()).id;
    linkIdentity(system.db, learnerId, "zalo_oa", "oa-follower-8", new Date());
    stored("user_withdraw", { event_name: "user_withdraw", sender: { id: "oa-follower-8" }, timestamp: "2" });
    processInbox(system.db, system.chat, now);
    expect(system.db.select().from(learners).where(eq(learners.id, learnerId)).get()?.displayName).toBeNull();
    expect(system.db.select().from(learnerIdentities).all()).toEqual([]);
    expect((await system.call(token, "GET", "/api/me")).status).toBe(401);
  });

  it("keeps going past an event it cannot read, and gives up on it after five tries", () => {
    stored("follow", "{not json", "broken");
    stored("user_send_sticker", { event_name: "user_send_sticker", sender: { id: "x" }, timestamp: "3" }, "sticker");
    expect(processInbox(system.db, system.chat, now)).toBe(1);
    for (let i = 0; i < 6; i++) processInbox(system.db, system.chat, now);
    const broken = system.db.select().from(zaloWebhookEvents).where(eq(zaloWebhookEvents.dedupeKey, "broken")).get();
    expect(broken).toMatchObject({ attempts: 5, lastError: "SyntaxError", processedAt: null });
  });
});
