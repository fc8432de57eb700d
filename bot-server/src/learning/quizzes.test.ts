import { randomUUID } from "node:crypto";
import { ErrorBody, type ProgressResult } from "@hvs/shared/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { quizAnswers, quizAttempts } from "../db/schema";
import { CORRECT_ANSWERS, fixtureCurriculum } from "../test-support/fixture-curriculum";
import { createTestSystem, progressEvent, TEST_USERS, type TestSystem } from "../test-support/system";
import { indexCurriculum } from "./curriculum";

let system: TestSystem;
let token: string;
beforeEach(async () => {
  system = await createTestSystem();
  token = await system.signIn(TEST_USERS[0]?.id ?? "");
});
afterEach(() => system.close());

async function start(attemptId: string = randomUUID(), as = token) {
  const [result] = await system.send(as, progressEvent.started("kiem-tra-1", 3, attemptId));
  return result as ProgressResult;
}

async function answer(attemptId: string, questionId: string, optionIds: string[], as = token) {
  const [result] = await system.send(as, progressEvent.answer(attemptId, questionId, optionIds));
  return result as ProgressResult;
}

function expectRejected(result: ProgressResult, code: string) {
  expect(result).toMatchObject({ status: "rejected", error: { code } });
  expect(result.error?.message).toMatch(/[ạảãàáâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữự]/);
}

describe("quizzes", () => {
  it("sends questions without answers or explanations", async () => {
    const text = await (await system.call(token, "GET", "/api/quizzes/kiem-tra-1")).text();
    expect(text).toContain("Chọn A và C");
    expect(text).not.toMatch(/correct|explanation|Đúng là B/);
  });

  it("grades each answer on the server and the attempt when the last is in", async () => {
    const id = randomUUID();
    expect(await start(id)).toMatchObject({
      status: "recorded",
      attempt: { attemptId: id, quizId: "kiem-tra-1", quizVersion: 3, answered: 0, total: 4, result: null },
    });

    const first = (await answer(id, "q1", ["b"])).feedback;
    expect(first).toMatchObject({ correct: true, correctOptionIds: ["b"], attempt: { answered: 1, result: null } });
    expect(first?.explanations.find((e) => e.optionId === "a")?.explanation).toBe("Không phải A.");

    expect((await answer(id, "q2", ["a"])).feedback).toMatchObject({ correct: false, correctOptionIds: ["a", "c"] });
    await answer(id, "q3", ["true"]);
    const last = await answer(id, "q4", ["a"]);
    expect(last.feedback?.attempt.result).toEqual({ correctCount: 3, total: 4, scorePercent: 75, passed: true });

    const row = system.db.select().from(quizAttempts).get();
    expect(row).toMatchObject({ clientId: id, correctCount: 3, passed: true, quizVersion: 3 });
    expect(row?.finishedAt).toBeInstanceOf(Date);
  });

  it("keeps the first answer: a resend returns it, a changed answer cannot replace it", async () => {
    const id = randomUUID();
    await start(id);
    const event = progressEvent.answer(id, "q1", ["a"]);
    const [first] = await system.send(token, event);
    const [resent] = await system.send(token, event);
    const changed = await answer(id, "q1", ["b"]);
    expect(first).toMatchObject({ status: "recorded", feedback: { chosenOptionIds: ["a"], correct: false } });
    expect(resent).toMatchObject({ status: "duplicate", feedback: { chosenOptionIds: ["a"], correct: false, attempt: { answered: 1 } } });
    expect(changed).toMatchObject({ status: "duplicate", feedback: { chosenOptionIds: ["a"], correct: false, attempt: { answered: 1 } } });
    expect(system.db.select().from(quizAnswers).all()).toHaveLength(1);
  });

  it("resumes an attempt started again with the same id, and a new id after it is finished opens another", async () => {
    const id = randomUUID();
    await start(id);
    await answer(id, "q1", ["b"]);
    expect(await start(id)).toMatchObject({ status: "duplicate", attempt: { attemptId: id, answered: 1, answeredQuestionIds: ["q1"] } });
    for (const [questionId, optionIds] of Object.entries(CORRECT_ANSWERS)) await answer(id, questionId, optionIds);
    expect(await start()).toMatchObject({ status: "recorded", attempt: { answered: 0 } });
    expect(system.db.select().from(quizAttempts).all()).toHaveLength(2);
  });

  it("takes a whole quiz queued offline in one batch, and a resent batch changes nothing", async () => {
    const startEvent = progressEvent.started();
    const events = [startEvent, ...Object.entries(CORRECT_ANSWERS).map(([q, o]) => progressEvent.answer(startEvent.attemptId, q, o))];
    const first = await system.send(token, ...events);
    expect(first.map((r) => r.status)).toEqual(["recorded", "recorded", "recorded", "recorded", "recorded"]);
    expect(first.at(-1)?.feedback?.attempt.result).toMatchObject({ scorePercent: 100, passed: true });

    const again = await system.send(token, ...events);
    expect(again.map((r) => r.status)).toEqual(["duplicate", "duplicate", "duplicate", "duplicate", "duplicate"]);
    expect(again.at(-1)?.feedback?.attempt.result).toMatchObject({ scorePercent: 100 });
    expect(system.db.select().from(quizAttempts).all()).toHaveLength(1);
    expect(system.db.select().from(quizAnswers).all()).toHaveLength(4);
  });

  it("fails an attempt below the pass mark", async () => {
    const { results } = await system.takeQuiz(token, { q1: ["a"], q2: ["b"], q3: ["true"], q4: ["a"] });
    expect(results.at(-1)?.feedback?.attempt.result).toEqual({ correctCount: 2, total: 4, scorePercent: 50, passed: false });
  });

  it("rejects wrong answer shapes, stores nothing for them, and still records the good events beside them", async () => {
    const id = randomUUID();
    await start(id);
    expectRejected(await answer(id, "q1", ["a", "b"]), "INVALID_ANSWER");
    expectRejected(await answer(id, "q1", ["z"]), "INVALID_ANSWER");
    expectRejected(await answer(id, "q2", ["a", "a"]), "INVALID_ANSWER");
    expectRejected(await answer(id, "q9", ["a"]), "QUESTION_NOT_FOUND");

    const good = progressEvent.answer(id, "q3", ["true"]);
    const results = await system.send(
      token,
      { ...progressEvent.answer(id, "q1", ["b"]), optionIds: [] },
      { ...progressEvent.answer(id, "q1", ["b"]), optionIds: "b" },
      { type: "answer" },
      "not an event",
      good,
    );
    expect(results.map((r) => [r.status, r.error?.code])).toEqual([
      ["rejected", "VALIDATION_FAILED"],
      ["rejected", "VALIDATION_FAILED"],
      ["rejected", "VALIDATION_FAILED"],
      ["rejected", "VALIDATION_FAILED"],
      ["recorded", undefined],
    ]);
    expect(results[4]?.id).toBe(good.id);
    expect(system.db.select().from(quizAnswers).all()).toHaveLength(1);
  });

  it("does not let one learner answer or resume another's attempt", async () => {
    const id = randomUUID();
    await start(id);
    const other = await system.signIn(TEST_USERS[1]?.id ?? "");
    expectRejected(await answer(id, "q1", ["b"], other), "ATTEMPT_NOT_FOUND");
    expectRejected(await answer(randomUUID(), "q1", ["b"]), "ATTEMPT_NOT_FOUND");
    // The other learner "starting" the same id gets an attempt of their own, never a view of this one.
    expect(await start(id, other)).toMatchObject({ status: "recorded", attempt: { answered: 0 } });
    const [unknown] = await system.send(token, progressEvent.started("khong-co", 1));
    expectRejected(unknown as ProgressResult, "QUIZ_NOT_FOUND");
    expect(system.db.select().from(quizAnswers).all()).toHaveLength(0);
  });

  it("refuses an attempt of a quiz version the server no longer has", async () => {
    const [old] = await system.send(token, progressEvent.started("kiem-tra-1", 2));
    expectRejected(old as ProgressResult, "QUIZ_CHANGED");
    expect(system.db.select().from(quizAttempts).all()).toHaveLength(0);
  });
});

describe("a quiz that changes during an attempt", () => {
  it("asks the learner to start again instead of grading against other questions", async () => {
    const id = randomUUID();
    await start(id);
    const changed = structuredClone(fixtureCurriculum);
    const quiz = changed.courses[0]?.quizzes[0];
    if (!quiz) throw new Error("fixture has a quiz");
    quiz.version += 1;
    const afterUpdate = createApp({
      db: system.db,
      content: indexCurriculum(changed),
      zalo: { getMe: () => Promise.reject(new Error("unused")) },
    });
    const response = await afterUpdate.request("/api/progress", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ events: [progressEvent.answer(id, "q1", ["b"])] }),
    });
    const [result] = ((await response.json()) as { results: ProgressResult[] }).results;
    expectRejected(result as ProgressResult, "QUIZ_CHANGED");
    expect(system.db.select().from(quizAnswers).all()).toHaveLength(0);
  });
});

describe("request size", () => {
  it("refuses a body over 16 KB with 413", async () => {
    const response = await system.call(token, "POST", "/api/progress", {
      events: [{ ...progressEvent.opened("bai-1"), pad: "x".repeat(20_000) }],
    });
    expect(response.status).toBe(413);
    expect(ErrorBody.parse(await response.json()).code).toBe("PAYLOAD_TOO_LARGE");
  });
});
