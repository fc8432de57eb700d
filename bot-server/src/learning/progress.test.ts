import { CourseList, ErrorBody } from "@hvs/shared/api";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lessonCompletions, progressEvents } from "../db/schema";
import { createTestSystem, progressEvent, TEST_USERS, type TestSystem } from "../test-support/system";

let system: TestSystem;
let token: string;
beforeEach(async () => {
  system = await createTestSystem();
  token = await system.signIn(TEST_USERS[0]?.id ?? "");
});
afterEach(() => system.close());

describe("POST /api/progress", () => {
  it("records a completion once, with the version read, however often it is sent", async () => {
    const event = progressEvent.completed("bai-1", 2);
    const [first] = await system.send(token, event);
    const [again] = await system.send(token, event);
    // Another id for the same lesson (a second phone, or a reinstalled app) is not a second completion.
    const [other] = await system.send(token, progressEvent.completed("bai-1", 1));
    expect(first).toMatchObject({ id: event.id, status: "recorded", completion: { lessonId: "bai-1" } });
    expect(again).toMatchObject({ status: "duplicate", completion: first?.completion });
    expect(other).toMatchObject({ status: "duplicate", completion: first?.completion });
    const rows = system.db.select().from(lessonCompletions).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.lessonVersion).toBe(2);

    const courses = CourseList.parse(await (await system.call(token, "GET", "/api/courses")).json());
    expect(courses.courses[0]?.lessons.map((l) => [l.id, l.completed])).toEqual([
      ["bai-1", true],
      ["bai-2", false],
    ]);
  });

  it("stores one event when the same one is resent 50 times at once", async () => {
    const event = progressEvent.completed("bai-1", 2);
    const results = await Promise.all(Array.from({ length: 50 }, () => system.send(token, event)));
    const statuses = results.map(([r]) => r?.status);
    expect(statuses.filter((s) => s === "recorded")).toHaveLength(1);
    expect(statuses.filter((s) => s === "duplicate")).toHaveLength(49);
    expect(system.db.select().from(progressEvents).all()).toHaveLength(1);
    expect(system.db.select().from(lessonCompletions).all()).toHaveLength(1);
  });

  it("keeps the activity trail of opened lessons, with the phone's time but never a time in the future", async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await system.send(token, { ...progressEvent.opened("bai-1"), at: yesterday }, { ...progressEvent.opened("bai-2"), at: future });
    const rows = system.db.select().from(progressEvents).all();
    expect(rows.map((r) => [r.type, r.subject])).toEqual([
      ["lesson_opened", "bai-1"],
      ["lesson_opened", "bai-2"],
    ]);
    expect(rows[0]?.occurredAt.toISOString()).toBe(yesterday);
    expect(rows[1]?.occurredAt.getTime()).toBeLessThanOrEqual(Date.now());
    // Opening is not finishing.
    expect(system.db.select().from(lessonCompletions).all()).toHaveLength(0);
  });

  it("rejects events about lessons that do not exist, or a version not yet written, and stores nothing for them", async () => {
    const results = await system.send(
      token,
      progressEvent.completed("khong-co"),
      progressEvent.opened("khong-co"),
      progressEvent.completed("bai-1", 3),
    );
    expect(results.map((r) => [r.status, r.error?.code])).toEqual([
      ["rejected", "LESSON_NOT_FOUND"],
      ["rejected", "LESSON_NOT_FOUND"],
      ["rejected", "VALIDATION_FAILED"],
    ]);
    expect(results[0]?.error?.message).toBe("Không tìm thấy bài học này.");
    expect(system.db.select().from(progressEvents).all()).toHaveLength(0);
    expect(system.db.select().from(lessonCompletions).all()).toHaveLength(0);
  });

  it("refuses an event id already used for another event, and applies nothing under it", async () => {
    const opened = progressEvent.opened("bai-1");
    await system.send(token, opened);
    const [reused] = await system.send(token, { ...progressEvent.completed("bai-2"), id: opened.id });
    expect(reused).toMatchObject({ status: "rejected", error: { code: "VALIDATION_FAILED" } });
    expect(system.db.select().from(lessonCompletions).all()).toHaveLength(0);
  });

  it("keeps each learner's event ids apart", async () => {
    const event = progressEvent.completed("bai-1", 2);
    const other = await system.signIn(TEST_USERS[1]?.id ?? "");
    await system.send(token, event);
    const [theirs] = await system.send(other, event);
    expect(theirs?.status).toBe("recorded");
    expect(system.db.select().from(lessonCompletions).all()).toHaveLength(2);
  });

  it("refuses a batch that is empty, too long or not a list, and anyone not signed in", async () => {
    const tooMany = Array.from({ length: 51 }, () => progressEvent.opened("bai-1"));
    for (const body of [{ events: [] }, { events: tooMany }, { events: "bai-1" }, {}]) {
      const response = await system.call(token, "POST", "/api/progress", body);
      expect(response.status).toBe(400);
      expect(ErrorBody.parse(await response.json()).code).toBe("VALIDATION_FAILED");
    }
    const anonymous = await system.call(null, "POST", "/api/progress", { events: [progressEvent.opened("bai-1")] });
    expect(anonymous.status).toBe(401);
    expect(system.db.select().from(progressEvents).all()).toHaveLength(0);
  });

  it("records nothing of a batch whose commit fails, so the phone keeps and resends all of it", async () => {
    const event = progressEvent.completed("bai-1", 2);
    // Make the commit impossible from inside: a trigger that aborts any new completion.
    system.db.run(sql`CREATE TRIGGER refuse BEFORE INSERT ON lesson_completions BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const response = await system.call(token, "POST", "/api/progress", { events: [progressEvent.opened("bai-1"), event] });
    expect(response.status).toBe(500);
    expect(system.db.select().from(progressEvents).all()).toHaveLength(0);

    system.db.run(sql`DROP TRIGGER refuse`);
    const [retried] = await system.send(token, event);
    expect(retried?.status).toBe("recorded");
    expect(system.db.select().from(lessonCompletions).all()).toHaveLength(1);
  });
});
