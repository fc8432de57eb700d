import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { certificates, learnerIdentities, learners, oaConversations, oaOutbox, quizAttempts, zaloWebhookEvents } from "../db/schema";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";
import { processInbox } from "../webhooks/zalo-inbox";
import type { OaMessage } from "../zalo/oa-client";
import { converse, type Incoming } from "./conversation";
import { queueDueReminders } from "./reminders";

let system: TestSystem;
beforeEach(async () => {
  system = await createTestSystem();
});
afterEach(() => system.close());

const OA_USER = "oa-user-1";
const appUser = TEST_USERS[0]?.id ?? "";
let clock = Date.parse("2026-11-23T02:00:00Z"); // 09:00 in Vietnam

/** One turn, inside a transaction as the inbox runs it; each turn 20 s after the last, as a person types. */
function turn(incoming: Incoming | string, who = { oaUserId: OA_USER, appUserId: appUser }): OaMessage[] {
  clock += 20_000;
  const event = typeof incoming === "string" ? { kind: "text" as const, text: incoming } : incoming;
  return system.db.transaction((tx) => converse(tx, system.chat, who, event, new Date(clock)));
}

const payloadOf = (message: OaMessage | undefined, title: string | RegExp) => {
  const button = message?.buttons?.find((b) => (typeof title === "string" ? b.title === title : title.test(b.title)));
  if (!button || typeof button.payload !== "string") throw new Error(`no button ${title} in ${JSON.stringify(message)}`);
  return button.payload;
};

const conversation = () => system.db.select().from(oaConversations).where(eq(oaConversations.oaUserId, OA_USER)).get();

/** Consent and village, as a newcomer to the OA gives them. */
function joined(): void {
  const [, consent] = turn({ kind: "follow" });
  const [village] = turn(payloadOf(consent, "Đồng ý"));
  turn(payloadOf(village, "Thôn A"));
}

describe("a chat turn", () => {
  it("stores nothing about a person before they agree, and creates one learner (both Zalo ids) when they do", () => {
    const [greeting, consent] = turn({ kind: "follow" });
    expect(greeting?.text).toContain("Học Vụ Số");
    expect(system.db.select().from(learners).all()).toEqual([]);
    expect(turn(payloadOf(consent, "Không đồng ý"))[0]?.text).toContain("không lưu gì về bạn");
    expect(system.db.select().from(learners).all()).toEqual([]);

    // "học" asks again; "có" typed without diacritics is a yes.
    expect(turn("hoc")[0]?.buttons?.map((b) => b.title)).toEqual(["Đồng ý", "Không đồng ý"]);
    const [village] = turn("co");
    expect(village?.buttons?.map((b) => b.title)).toEqual(["Thôn A", "Thôn B"]);
    const identities = system.db.select().from(learnerIdentities).all();
    expect(identities.map((i) => [i.provider, i.subject]).sort()).toEqual([
      ["zalo_app", appUser],
      ["zalo_oa", OA_USER],
    ]);
    // The village typed without diacritics and the prefix; then what they first asked for: the lesson.
    const [saved, lesson] = turn("thon a");
    expect(saved?.text).toBe("Đã ghi nhận: Thôn A. Cảm ơn bạn!");
    expect(lesson?.text).toContain("Bài 1");
    expect(system.db.select().from(learners).get()).toMatchObject({ villageId: system.villageA.id, consentVersion: expect.any(String) });
  });

  it("is the mini app's learner when Zalo links the two ids: progress in the chat shows in the app", async () => {
    const token = await system.signIn(appUser);
    const [welcome] = turn({ kind: "follow" });
    expect(welcome?.text).toContain("Chào mừng bạn trở lại");
    expect(system.db.select().from(learners).all()).toHaveLength(1);
    turn("học");
    const courses = (await (await system.call(token, "GET", "/api/courses")).json()) as {
      courses: { lessons: { completed: boolean }[] }[];
    };
    expect(courses.courses[0]?.lessons[0]?.completed).toBe(true);
  });

  it("runs a quiz with buttons, typed letters and 'đúng', refuses stale buttons, and issues the certificate", () => {
    joined();
    const [lesson] = turn("học");
    const [intro, q1] = turn(payloadOf(lesson, "Làm bài kiểm tra"));
    expect(intro?.text).toContain("Kiểm tra 1 (4 câu)");
    const oldButton = payloadOf(q1, /^A\. /);
    // q1: single, typed as a letter.
    const [right, q2] = turn("b");
    expect(right?.text).toBe("Đúng rồi! Đúng là B.");
    // A button from q1 tapped now is not counted against q2.
    const stale = turn(oldButton);
    expect(stale[0]?.text).toContain("câu hỏi cũ");
    expect(stale[1]?.text).toContain("Câu 2/4");
    // q2: multiple, picked with two taps, then answered.
    turn(payloadOf(q2, /^A\. /));
    const [picks] = turn(payloadOf(q2, /^C\. /));
    expect(picks?.text).toContain("Bạn đang chọn: A, C");
    const [, q3] = turn(payloadOf(picks, "Trả lời: A, C"));
    // q3: true/false, typed "dung" without diacritics means "đúng" here, not "dừng".
    expect(q3?.text).toContain("Câu 3/4");
    const [tf, q4] = turn("dung");
    expect(tf?.text).toMatch(/^Đúng rồi!/);
    // q4 wrong on purpose: 3 of 4 is 75%, the pass mark.
    const [wrong, result, askName] = turn(payloadOf(q4, /^B\. /));
    expect(wrong?.text).toContain("Chưa đúng. Đáp án đúng là:\nA. A");
    expect(result?.text).toContain("Bạn trả lời đúng 3/4 câu (75%)");
    // Met in the chat, so no name yet: asked for, then printed on the certificate.
    expect(askName?.text).toContain("gõ họ và tên");
    expect(system.db.select().from(certificates).all()).toHaveLength(0);
    expect(turn("<script>")[0]?.text).toContain("chưa đọc được họ tên");
    const [certificate] = turn("  Nguyễn   Văn An ");
    expect(certificate?.text).toContain("Kỹ năng số cơ bản");
    expect(system.db.select().from(certificates).get()).toMatchObject({ displayName: "Nguyễn Văn An" });
    expect(system.db.select().from(certificates).all()).toHaveLength(1);
    expect(system.db.select().from(quizAttempts).get()).toMatchObject({ passed: true, heldForReview: false });
    expect(conversation()?.step).toBe("idle");
  });

  it("answers questions from the lessons, and says so when nothing matches", () => {
    expect(turn("giá vàng hôm nay")[0]?.text).toContain("chưa có bài học nào trả lời câu này");
  });

  it("sets, refuses in quiet hours, and stops the daily reminder", () => {
    joined();
    expect(turn("nhắc tôi lúc 22 giờ")[0]?.text).toContain("từ 06:00 đến 21:00");
    expect(conversation()?.step).toBe("remind_time");
    // In that step a bare time is enough.
    expect(turn("19h30")[0]?.text).toContain("mỗi ngày lúc 19:30");
    expect(conversation()).toMatchObject({ remindAtMinute: 19 * 60 + 30, remindersStopped: false });
    expect(turn("DỪNG")[0]?.text).toContain("Đã dừng nhắc học");
    expect(conversation()?.remindersStopped).toBe(true);
    expect(turn("dừng")[0]?.text).toContain("đã dừng nhắc học cho bạn rồi");
  });

  it("deletes the person's data when they ask in the chat", () => {
    joined();
    const [data] = turn("xóa dữ liệu");
    const [confirm] = turn(payloadOf(data, "Xóa dữ liệu của tôi"));
    expect(turn(payloadOf(confirm, "Có, xóa hết"))[0]?.text).toContain("Đã xóa dữ liệu");
    expect(system.db.select().from(learnerIdentities).all()).toEqual([]);
    expect(conversation()).toBeUndefined();
  });

  it("answers attachments and shared info kindly, and keeps nothing from user_submit_info", () => {
    expect(turn({ kind: "attachment" })[0]?.text).toContain("chỉ đọc được tin nhắn chữ");
    expect(turn({ kind: "submit_info" })[0]?.text).toContain("không lưu");
    expect(turn({ kind: "unfollow" })).toEqual([]);
    expect(conversation()?.followed).toBe(false);
  });
});

describe("the inbox and the outbox together", () => {
  it("queues an event's replies once however often the event is processed", () => {
    system.db
      .insert(zaloWebhookEvents)
      .values({
        dedupeKey: "msg:1",
        eventName: "user_send_text",
        body: JSON.stringify({
          event_name: "user_send_text",
          sender: { id: OA_USER },
          message: { text: "menu", msg_id: "1" },
          timestamp: "1",
        }),
        receivedAt: new Date(),
      })
      .run();
    expect(processInbox(system.db, system.chat, () => new Date())).toBe(1);
    // As if the processed mark were lost: the same event run again queues nothing new.
    system.db
      .update(zaloWebhookEvents)
      .set({
        processedAt: null,
        body: '{"event_name":"user_send_text","sender":{"id":"oa-user-1"},"message":{"text":"menu"},"timestamp":"1"}',
      })
      .run();
    processInbox(system.db, system.chat, () => new Date());
    const queued = system.db.select().from(oaOutbox).all();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ recipientId: OA_USER, kind: "reply", state: "pending" });
  });
});

describe("daily reminders", () => {
  const at = (vietnamTime: string, day = "2026-11-24") => new Date(`${day}T${vietnamTime}:00+07:00`);
  const queued = () => system.db.select().from(oaOutbox).where(eq(oaOutbox.kind, "reminder")).all();

  beforeEach(() => {
    joined();
    turn("nhắc tôi 19 giờ");
  });

  it("queues one at the chosen time, at most once a day", () => {
    expect(queueDueReminders(system.db, system.chat.content, at("18:59"))).toBe(0);
    expect(queueDueReminders(system.db, system.chat.content, at("19:00"))).toBe(1);
    expect(queueDueReminders(system.db, system.chat.content, at("19:30"))).toBe(0);
    expect(queued()).toHaveLength(1);
    expect(JSON.parse(queued()[0]?.message ?? "{}").text).toContain("Đến giờ học rồi!");
    expect(queueDueReminders(system.db, system.chat.content, at("19:00", "2026-11-25"))).toBe(1);
  });

  it("never in quiet hours, after 'dừng', after an unfollow, or outside Zalo's 7-day window", () => {
    system.db
      .update(oaConversations)
      .set({ remindAtMinute: 5 * 60 })
      .run();
    expect(queueDueReminders(system.db, system.chat.content, at("05:30"))).toBe(0);
    system.db
      .update(oaConversations)
      .set({ remindAtMinute: 19 * 60, remindersStopped: true })
      .run();
    expect(queueDueReminders(system.db, system.chat.content, at("19:00"))).toBe(0);
    system.db.update(oaConversations).set({ remindersStopped: false, followed: false }).run();
    expect(queueDueReminders(system.db, system.chat.content, at("19:00"))).toBe(0);
    system.db.update(oaConversations).set({ followed: true }).run();
    expect(queueDueReminders(system.db, system.chat.content, at("19:00", "2026-12-05"))).toBe(0);
    expect(queued()).toEqual([]);
  });

  it("skips someone who already learned today", () => {
    turn("học");
    const today = new Date(clock).toISOString().slice(0, 10);
    expect(queueDueReminders(system.db, system.chat.content, at("19:00", today))).toBe(0);
  });
});
