import { ErrorBody, Me, MyData, VillageList } from "@hvs/shared/api";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { learnerIdentities, learners } from "../db/schema";
import { CORRECT_ANSWERS } from "../test-support/fixture-curriculum";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";

let system: TestSystem;
let token: string;
beforeEach(async () => {
  system = await createTestSystem();
  token = await system.signIn(TEST_USERS[0]?.id ?? "", null);
});
afterEach(() => system.close());

describe("/me and /villages", () => {
  it("lists the commune's villages without population figures", async () => {
    const body = await (await system.call(token, "GET", "/api/villages")).json();
    expect(VillageList.parse(body).communes[0]?.villages.map((v) => v.name)).toEqual(["Thôn A", "Thôn B"]);
    expect(JSON.stringify(body)).not.toContain("adult");
  });

  it("sets the learner's village, and refuses an unknown one without changing it", async () => {
    const set = Me.parse(await (await system.call(token, "PUT", "/api/me/village", { villageId: system.villageB.id })).json());
    expect(set.village).toEqual({ id: system.villageB.id, name: "Thôn B" });

    const unknown = await system.call(token, "PUT", "/api/me/village", { villageId: 9999 });
    expect(unknown.status).toBe(404);
    expect(ErrorBody.parse(await unknown.json()).code).toBe("VILLAGE_NOT_FOUND");
    const wrongShape = await system.call(token, "PUT", "/api/me/village", { villageId: "Thôn A" });
    expect(wrongShape.status).toBe(400);

    expect(Me.parse(await (await system.call(token, "GET", "/api/me")).json()).village?.name).toBe("Thôn B");
  });
});

describe("GET /api/me/data", () => {
  it("shows everything held about the learner, named for a person, and nothing about anyone else", async () => {
    await system.call(token, "PUT", "/api/me/village", { villageId: system.villageA.id });
    await system.completeLesson(token, "bai-1");
    await system.takeQuiz(token, CORRECT_ANSWERS);
    const other = await system.signIn(TEST_USERS[1]?.id ?? "");
    await system.completeLesson(other, "bai-2");

    const response = await system.call(token, "GET", "/api/me/data");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const data = MyData.parse(JSON.parse(text));
    expect(data).toMatchObject({
      displayName: "Người Thử Một",
      village: "Thôn A",
      signIns: [{ provider: "Zalo (ứng dụng Học Vụ Số)" }],
      lessons: [{ lessonId: "bai-1", title: "Bài 1" }],
      quizzes: [{ quizId: "kiem-tra-1", title: "Kiểm tra 1", scorePercent: 100 }],
    });
    expect(text).not.toContain(TEST_USERS[0]?.id);
    expect(text).not.toContain("bai-2");
  });
});

describe("DELETE /api/me", () => {
  it("removes name, Zalo id and sessions, keeps the anonymous count, and a new sign-in is a new learner", async () => {
    await system.call(token, "PUT", "/api/me/village", { villageId: system.villageA.id });
    await system.completeLesson(token, "bai-1");
    const before = Me.parse(await (await system.call(token, "GET", "/api/me")).json());

    const response = await system.call(token, "DELETE", "/api/me");
    expect(response.status).toBe(200);
    expect((await system.call(token, "GET", "/api/me")).status).toBe(401);

    const row = system.db.select().from(learners).where(eq(learners.id, before.id)).get();
    expect(row?.displayName).toBeNull();
    expect(system.db.select().from(learnerIdentities).all()).toHaveLength(0);
    expect(system.figures().villages[0]?.participation.numerator).toBe(1);

    const again = await system.signIn(TEST_USERS[0]?.id ?? "", null);
    expect(Me.parse(await (await system.call(again, "GET", "/api/me")).json()).id).not.toBe(before.id);
  });
});
