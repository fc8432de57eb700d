import { randomUUID } from "node:crypto";
import { eq, like } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { converse } from "../chatbot/conversation";
import { queueDueReminders } from "../chatbot/reminders";
import { campaignRecipients, campaigns, learnerIdentities, learners, oaConversations, oaOutbox, progressEvents } from "../db/schema";
import { createTestSystem, type TestSystem } from "../test-support/system";
import { dispatchSome, startDueCampaigns } from "./dispatch";
import { campaignDetail, cancelCampaign, createCampaign } from "./store";

let system: TestSystem;
beforeEach(async () => {
  system = await createTestSystem();
});
afterEach(() => system.close());

const at = (vietnamTime: string) => new Date(`2026-11-23T${vietnamTime}:00+07:00`);
const DAY = 86_400_000;

/** A resident of village A who follows the OA and last wrote to it `lastWroteAt`. */
function follower(name: string, lastWroteAt: Date, extra: Partial<typeof oaConversations.$inferInsert> = {}): number {
  const learner = system.db
    .insert(learners)
    .values({ displayName: name, villageId: system.villageA.id, createdAt: new Date(0) })
    .returning()
    .get();
  const oaUserId = `oa-${learner.id}`;
  system.db
    .insert(learnerIdentities)
    .values({ learnerId: learner.id, provider: "zalo_oa", subject: oaUserId, createdAt: new Date(0) })
    .run();
  system.db
    .insert(oaConversations)
    .values({ oaUserId, learnerId: learner.id, lastInteractionAt: lastWroteAt, updatedAt: lastWroteAt, ...extra })
    .run();
  return learner.id;
}

function campaign(startAt: Date) {
  return createCampaign(
    system.db,
    { communeId: system.communeId, villageId: system.villageA.id },
    { clientId: randomUUID(), audience: "everyone", template: "Chào {ten}, học tiếp bài “{bai_tiep}” nhé!" },
    startAt,
  ).campaign;
}

const outbox = () => system.db.select().from(oaOutbox).where(like(oaOutbox.dedupeKey, "campaign:%")).all();
const recipient = (campaignId: number, learnerId: number) =>
  system.db
    .select()
    .from(campaignRecipients)
    .where(eq(campaignRecipients.campaignId, campaignId))
    .all()
    .find((r) => r.learnerId === learnerId);

describe("a reminder campaign", () => {
  it("messages each person once, with their name and next lesson, at the pace given, then finishes", () => {
    const now = at("09:00");
    const ids = [follower("Bà Một", now), follower("Ông Hai", now), follower("Chị Ba", now)];
    const { id } = campaign(now);
    expect(startDueCampaigns(system.db, now)).toBe(1);
    expect(system.db.select().from(campaigns).get()).toMatchObject({ state: "sending", recipientCount: 3 });

    expect(dispatchSome(system.db, system.chat.content, now, 2)).toBe(2);
    expect(outbox()).toHaveLength(2);
    expect(dispatchSome(system.db, system.chat.content, now, 2)).toBe(1);
    // Nothing left: running again (a restart, a second tick) sends nobody twice.
    expect(dispatchSome(system.db, system.chat.content, now, 5)).toBe(0);
    expect(dispatchSome(system.db, system.chat.content, now, 5)).toBe(0);
    const sent = outbox();
    expect(sent.map((m) => m.dedupeKey).sort()).toEqual(ids.map((l) => `campaign:${id}:${l}`).sort());
    const first = JSON.parse(sent.find((m) => m.recipientId === `oa-${ids[0]}`)?.message ?? "{}") as { text: string };
    expect(first.text).toBe("Chào Bà Một, học tiếp bài “Bài 1” nhé!");
    expect(system.db.select().from(campaigns).get()?.state).toBe("done");
    expect(campaignDetail(system.db, system.villageA.id, id).outcomes).toMatchObject({ sending: 3, waiting: 0 });
  });

  it("waits through quiet hours and sends from 06:00", () => {
    const night = at("22:30");
    follower("Bà Một", night);
    campaign(night);
    startDueCampaigns(system.db, night);
    expect(dispatchSome(system.db, system.chat.content, night, 10)).toBe(0);
    expect(dispatchSome(system.db, system.chat.content, at("05:59"), 10)).toBe(0);
    expect(dispatchSome(system.db, system.chat.content, new Date(at("06:00").getTime() + DAY), 10)).toBe(1);
  });

  it("honours 'dừng', unfollow, Zalo's 7-day window and one reminder a day; reports who it could not reach", () => {
    const now = at("10:00");
    const stopped = follower("Đã dừng", now, { remindersStopped: true });
    const unfollowed = follower("Bỏ quan tâm", now, { followed: false });
    const silent = follower("Lâu không nhắn", new Date(now.getTime() - 8 * DAY));
    const noOa = system.db
      .insert(learners)
      .values({ displayName: "Không dùng OA", villageId: system.villageA.id, createdAt: now })
      .returning()
      .get().id;
    // This one got the chat's daily reminder an hour ago.
    const remindedToday = follower("Đã được nhắc", now, { remindAtMinute: 9 * 60 });
    expect(queueDueReminders(system.db, system.chat.content, at("09:00"))).toBe(1);
    const reachable = follower("Nhắn được", now);

    const { id } = campaign(now);
    startDueCampaigns(system.db, now);
    expect(dispatchSome(system.db, system.chat.content, now, 10)).toBe(1);
    expect(recipient(id, stopped)).toMatchObject({ state: "skipped", reason: "stopped" });
    expect(recipient(id, unfollowed)).toMatchObject({ state: "unreachable", reason: "unfollowed" });
    expect(recipient(id, silent)).toMatchObject({ state: "unreachable", reason: "window_closed" });
    expect(recipient(id, noOa)).toMatchObject({ state: "unreachable", reason: "no_oa" });
    expect(recipient(id, remindedToday)).toMatchObject({ state: "skipped", reason: "reminded_today" });
    expect(recipient(id, reachable)).toMatchObject({ state: "queued" });
    const detail = campaignDetail(system.db, system.villageA.id, id);
    expect(detail.outcomes).toMatchObject({ sending: 1, unreachable: 3, skipped: 2 });
  });

  it("after a campaign reached someone, the chat's daily reminder does not remind them again that day", () => {
    const now = at("08:00");
    const person = follower("Bà Một", now, { remindAtMinute: 19 * 60 });
    campaign(now);
    startDueCampaigns(system.db, now);
    expect(dispatchSome(system.db, system.chat.content, now, 10)).toBe(1);
    expect(queueDueReminders(system.db, system.chat.content, at("19:00"))).toBe(0);
    // The next day it goes out as usual.
    expect(queueDueReminders(system.db, system.chat.content, new Date(at("19:00").getTime() + DAY))).toBe(1);
    expect(person).toBeGreaterThan(0);
  });

  it("'dừng' typed in the chat stops the campaign's messages to that person", () => {
    const now = at("09:00");
    const person = follower("Bà Một", now);
    const other = follower("Ông Hai", now);
    const { id } = campaign(now);
    startDueCampaigns(system.db, now);
    system.db.transaction((tx) => converse(tx, system.chat, { oaUserId: `oa-${person}` }, { kind: "text", text: "dừng" }, now));
    dispatchSome(system.db, system.chat.content, now, 10);
    expect(recipient(id, person)).toMatchObject({ state: "skipped", reason: "stopped" });
    expect(recipient(id, other)).toMatchObject({ state: "queued" });
  });

  it("cancelling stops the rest and withdraws messages not yet sent", () => {
    const now = at("09:00");
    for (const name of ["Một", "Hai", "Ba", "Bốn"]) follower(name, now);
    const { id } = campaign(now);
    startDueCampaigns(system.db, now);
    dispatchSome(system.db, system.chat.content, now, 2);
    const summary = cancelCampaign(system.db, system.villageA.id, id, now);
    expect(summary.state).toBe("cancelled");
    expect(summary.outcomes).toMatchObject({ skipped: 4, waiting: 0, sending: 0 });
    expect(outbox()).toHaveLength(0);
    expect(dispatchSome(system.db, system.chat.content, now, 10)).toBe(0);
  });
});

describe("a campaign with a ZNS template configured", () => {
  it("sends ZNS by phone only to people the OA cannot message, never to those who unfollowed or said 'dừng'", () => {
    const now = at("10:00");
    const zns = { templateId: "tpl-1" };
    const silent = follower("Lâu không nhắn", new Date(now.getTime() - 8 * DAY));
    system.db.update(learners).set({ phone: "0912345678" }).where(eq(learners.id, silent)).run();
    const signedUp = system.db
      .insert(learners)
      .values({ displayName: "Không dùng OA", phone: "0987654321", villageId: system.villageA.id, createdAt: now })
      .returning()
      .get().id;
    const noPhone = system.db
      .insert(learners)
      .values({ displayName: "Không số", villageId: system.villageA.id, createdAt: now })
      .returning()
      .get().id;
    const unfollowed = follower("Bỏ quan tâm", now, { followed: false });
    system.db.update(learners).set({ phone: "0900000000" }).where(eq(learners.id, unfollowed)).run();
    const inWindow = follower("Nhắn được", now);

    const { id } = campaign(now);
    startDueCampaigns(system.db, now);
    expect(dispatchSome(system.db, system.chat.content, now, 10, undefined, zns)).toBe(3);
    expect(recipient(id, silent)).toMatchObject({ state: "queued", reason: "zns" });
    expect(recipient(id, signedUp)).toMatchObject({ state: "queued", reason: "zns" });
    expect(recipient(id, noPhone)).toMatchObject({ state: "unreachable", reason: "no_oa" });
    expect(recipient(id, unfollowed)).toMatchObject({ state: "unreachable", reason: "unfollowed" });
    expect(recipient(id, inWindow)).toMatchObject({ state: "queued", reason: null });
    const kinds = outbox().map((m) => [m.recipientId, m.kind]);
    expect(kinds).toContainEqual([`learner:${signedUp}`, "zns"]);
    expect(kinds).toContainEqual([`oa-${inWindow}`, "reminder"]);
    // The outbox holds the learner's id, not the phone number.
    expect(JSON.stringify(outbox())).not.toContain("0987654321");
  });
});

describe("a campaign's results", () => {
  it("counts who was reached and who came back to learn within 7 days after", () => {
    const now = at("09:00");
    const back = follower("Quay lại", now);
    const late = follower("Quay lại muộn", now);
    follower("Không quay lại", now);
    const { id } = campaign(now);
    startDueCampaigns(system.db, now);
    dispatchSome(system.db, system.chat.content, now, 10);
    // Zalo took all three messages at 09:00.
    system.db.update(oaOutbox).set({ state: "sent", sentAt: now, message: null }).run();
    const event = (learnerId: number, daysAfter: number) =>
      system.db
        .insert(progressEvents)
        .values({
          learnerId,
          eventId: `e-${learnerId}-${daysAfter}`,
          type: "lesson_opened",
          subject: "bai-1",
          occurredAt: now,
          receivedAt: new Date(now.getTime() + daysAfter * DAY),
        })
        .run();
    event(back, 2);
    event(late, 9);
    const detail = campaignDetail(system.db, system.villageA.id, id);
    expect(detail.outcomes).toMatchObject({ sent: 3 });
    expect(detail.cameBackWithin7Days).toBe(1);
  });
});
