import { CourseList, ErrorBody, LessonCompletion, LessonView } from "@hvs/shared/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lessonCompletions } from "../db/schema";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";

let system: TestSystem;
let token: string;
beforeEach(async () => {
  system = await createTestSystem();
  token = await system.signIn(TEST_USERS[0]?.id ?? "");
});
afterEach(() => system.close());

describe("courses and lessons", () => {
  it("needs a session", async () => {
    for (const path of ["/api/courses", "/api/lessons/bai-1", "/api/me", "/api/villages"]) {
      const response = await system.call(null, "GET", path);
      expect(response.status).toBe(401);
      expect(ErrorBody.parse(await response.json()).code).toBe("UNAUTHENTICATED");
    }
    expect((await system.call("forged-token-forged-token-forged", "GET", "/api/courses")).status).toBe(401);
  });

  it("serves a lesson by id, and 404 with our error shape for an unknown or malformed id", async () => {
    const lesson = LessonView.parse(await (await system.call(token, "GET", "/api/lessons/bai-1")).json());
    expect(lesson).toMatchObject({ id: "bai-1", courseId: "khoa-thu", version: 2, quizId: "kiem-tra-1" });
    for (const path of ["/api/lessons/khong-co", "/api/lessons/BAD%20ID", "/api/lessons/bai-1/complete/extra"]) {
      const response = await system.call(token, "GET", path);
      expect(response.status).toBe(404);
      expect(ErrorBody.parse(await response.json()).code).toMatch(/NOT_FOUND/);
    }
  });

  it("records a completion once, with the version read, however often it is sent", async () => {
    const first = LessonCompletion.parse(await (await system.call(token, "POST", "/api/lessons/bai-1/complete")).json());
    const again = LessonCompletion.parse(await (await system.call(token, "POST", "/api/lessons/bai-1/complete")).json());
    expect(again.completedAt).toBe(first.completedAt);
    const rows = system.db.select().from(lessonCompletions).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.lessonVersion).toBe(2);

    const courses = CourseList.parse(await (await system.call(token, "GET", "/api/courses")).json());
    expect(courses.courses[0]?.lessons.map((l) => [l.id, l.completed])).toEqual([
      ["bai-1", true],
      ["bai-2", false],
    ]);
  });

  it("does not record a completion for an unknown lesson", async () => {
    expect((await system.call(token, "POST", "/api/lessons/khong-co/complete")).status).toBe(404);
    expect(system.db.select().from(lessonCompletions).all()).toHaveLength(0);
  });
});
