import { ProgramList } from "@hvs/shared/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CORRECT_ANSWERS } from "../test-support/fixture-curriculum";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";

let system: TestSystem;
let token: string;
beforeEach(async () => {
  system = await createTestSystem();
  token = await system.signIn(TEST_USERS[0]?.id ?? "");
});
afterEach(() => system.close());

const takeFinalQuiz = (answers: Record<string, string[]>) => system.takeQuiz(token, answers);

const standing = async () => ProgramList.parse(await (await system.call(token, "GET", "/api/programs")).json()).programs[0];

describe("GET /api/programs", () => {
  it("judges the program by the rule in content: the best final-quiz attempt against its pass mark", async () => {
    expect(await standing()).toMatchObject({
      id: "ky-nang-so-co-ban",
      completed: false,
      passedCount: 0,
      courses: [{ courseId: "khoa-thu", bestPercent: null }],
    });

    // 2 of 4 is 50%, under the program's 75%.
    await takeFinalQuiz({ ...CORRECT_ANSWERS, q1: ["a"], q2: ["b"] });
    expect(await standing()).toMatchObject({ completed: false, courses: [{ bestPercent: 50, passed: false }] });

    // 3 of 4 is exactly 75%: passes, and the best attempt is the one that counts.
    await takeFinalQuiz({ ...CORRECT_ANSWERS, q1: ["a"] });
    expect(await standing()).toMatchObject({
      completed: true,
      passedCount: 1,
      courses: [{ bestPercent: 75, passed: true, title: "Khóa thử" }],
    });
    await takeFinalQuiz({ q1: ["a"], q2: ["b"], q3: ["false"], q4: ["b"] });
    expect((await standing())?.courses[0]?.bestPercent).toBe(75);
  });
});
