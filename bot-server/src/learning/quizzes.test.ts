import { AnswerFeedback, AttemptState, ErrorBody } from "@hvs/shared/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { quizAnswers, quizAttempts } from "../db/schema";
import { CORRECT_ANSWERS, fixtureCurriculum } from "../test-support/fixture-curriculum";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";
import { indexCurriculum } from "./curriculum";

let system: TestSystem;
let token: string;
beforeEach(async () => {
  system = await createTestSystem();
  token = await system.signIn(TEST_USERS[0]?.id ?? "");
});
afterEach(() => system.close());

async function start(as = token, expectStatus = 201) {
  const response = await system.call(as, "POST", "/api/quizzes/kiem-tra-1/attempts");
  expect(response.status).toBe(expectStatus);
  return AttemptState.parse(await response.json());
}

async function answer(attemptId: number, questionId: string, optionIds: string[], as = token) {
  return system.call(as, "POST", `/api/attempts/${attemptId}/answers`, { questionId, optionIds });
}

async function expectCode(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(ErrorBody.parse(await response.json()).code).toBe(code);
}

describe("quizzes", () => {
  it("sends questions without answers or explanations", async () => {
    const text = await (await system.call(token, "GET", "/api/quizzes/kiem-tra-1")).text();
    expect(text).toContain("Chọn A và C");
    expect(text).not.toMatch(/correct|explanation|Đúng là B/);
  });

  it("grades each answer on the server and the attempt when the last is in", async () => {
    const attempt = await start();
    expect(attempt).toMatchObject({ quizId: "kiem-tra-1", quizVersion: 3, answered: 0, total: 4, result: null });

    const first = AnswerFeedback.parse(await (await answer(attempt.attemptId, "q1", ["b"])).json());
    expect(first).toMatchObject({ correct: true, correctOptionIds: ["b"], attempt: { answered: 1, result: null } });
    expect(first.explanations.find((e) => e.optionId === "a")?.explanation).toBe("Không phải A.");

    const wrong = AnswerFeedback.parse(await (await answer(attempt.attemptId, "q2", ["a"])).json());
    expect(wrong).toMatchObject({ correct: false, correctOptionIds: ["a", "c"] });

    await answer(attempt.attemptId, "q3", ["true"]);
    const last = AnswerFeedback.parse(await (await answer(attempt.attemptId, "q4", ["a"])).json());
    expect(last.attempt.result).toEqual({ correctCount: 3, total: 4, scorePercent: 75, passed: true });

    const row = system.db.select().from(quizAttempts).get();
    expect(row).toMatchObject({ correctCount: 3, passed: true, quizVersion: 3 });
    expect(row?.finishedAt).toBeInstanceOf(Date);
  });

  it("keeps the first answer: a resend returns it, a changed answer cannot replace it", async () => {
    const attempt = await start();
    await answer(attempt.attemptId, "q1", ["a"]);
    const resent = AnswerFeedback.parse(await (await answer(attempt.attemptId, "q1", ["a"])).json());
    const changed = AnswerFeedback.parse(await (await answer(attempt.attemptId, "q1", ["b"])).json());
    expect(resent).toMatchObject({ chosenOptionIds: ["a"], correct: false, attempt: { answered: 1 } });
    expect(changed).toMatchObject({ chosenOptionIds: ["a"], correct: false, attempt: { answered: 1 } });
    expect(system.db.select().from(quizAnswers).all()).toHaveLength(1);
  });

  it("resumes an unfinished attempt instead of opening another, and opens a new one after it is finished", async () => {
    const first = await start();
    await answer(first.attemptId, "q1", ["b"]);
    const resumed = await start(token, 200);
    expect(resumed).toMatchObject({ attemptId: first.attemptId, answered: 1, answeredQuestionIds: ["q1"] });
    for (const [questionId, optionIds] of Object.entries(CORRECT_ANSWERS)) await answer(first.attemptId, questionId, optionIds);
    const next = await start();
    expect(next.attemptId).not.toBe(first.attemptId);
    expect(system.db.select().from(quizAttempts).all()).toHaveLength(2);
  });

  it("fails an attempt below the pass mark", async () => {
    const attempt = await start();
    await answer(attempt.attemptId, "q1", ["a"]);
    await answer(attempt.attemptId, "q2", ["b"]);
    await answer(attempt.attemptId, "q3", ["true"]);
    const last = AnswerFeedback.parse(await (await answer(attempt.attemptId, "q4", ["a"])).json());
    expect(last.attempt.result).toEqual({ correctCount: 2, total: 4, scorePercent: 50, passed: false });
  });

  it("refuses wrong answer shapes and stores nothing", async () => {
    const attempt = await start();
    await expectCode(await answer(attempt.attemptId, "q1", ["a", "b"]), 422, "INVALID_ANSWER");
    await expectCode(await answer(attempt.attemptId, "q1", ["z"]), 422, "INVALID_ANSWER");
    await expectCode(await answer(attempt.attemptId, "q2", ["a", "a"]), 422, "INVALID_ANSWER");
    await expectCode(await answer(attempt.attemptId, "q1", []), 400, "VALIDATION_FAILED");
    await expectCode(await answer(attempt.attemptId, "q9", ["a"]), 404, "QUESTION_NOT_FOUND");
    const raw = await system.call(token, "POST", `/api/attempts/${attempt.attemptId}/answers`, { questionId: "q1", optionIds: "b" });
    await expectCode(raw, 400, "VALIDATION_FAILED");
    expect(system.db.select().from(quizAnswers).all()).toHaveLength(0);
  });

  it("does not let one learner answer another's attempt", async () => {
    const attempt = await start();
    const other = await system.signIn(TEST_USERS[1]?.id ?? "");
    await expectCode(await answer(attempt.attemptId, "q1", ["b"], other), 404, "ATTEMPT_NOT_FOUND");
    await expectCode(await answer(999_999, "q1", ["b"]), 404, "ATTEMPT_NOT_FOUND");
    await expectCode(
      await system.call(token, "POST", "/api/attempts/abc/answers", { questionId: "q1", optionIds: ["b"] }),
      404,
      "NOT_FOUND",
    );
    await expectCode(await system.call(token, "POST", "/api/quizzes/khong-co/attempts"), 404, "QUIZ_NOT_FOUND");
    expect(system.db.select().from(quizAnswers).all()).toHaveLength(0);
  });

  it("passes with every answer right", async () => {
    const attempt = await start();
    let feedback: AnswerFeedback | undefined;
    for (const [questionId, optionIds] of Object.entries(CORRECT_ANSWERS)) {
      feedback = AnswerFeedback.parse(await (await answer(attempt.attemptId, questionId, optionIds)).json());
      expect(feedback.correct).toBe(true);
    }
    expect(feedback?.attempt.result).toEqual({ correctCount: 4, total: 4, scorePercent: 100, passed: true });
  });
});

describe("a quiz that changes during an attempt", () => {
  it("asks the learner to start again instead of grading against other questions", async () => {
    const attempt = await start();
    const changed = structuredClone(fixtureCurriculum);
    const quiz = changed.courses[0]?.quizzes[0];
    if (!quiz) throw new Error("fixture has a quiz");
    quiz.version += 1;
    const afterUpdate = createApp({
      db: system.db,
      content: indexCurriculum(changed),
      zalo: { getMe: () => Promise.reject(new Error("unused")) },
    });
    const response = await afterUpdate.request(`/api/attempts/${attempt.attemptId}/answers`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ questionId: "q1", optionIds: ["b"] }),
    });
    await expectCode(response, 409, "QUIZ_CHANGED");
    expect(system.db.select().from(quizAnswers).all()).toHaveLength(0);
  });
});

describe("request size", () => {
  it("refuses a body over 16 KB with 413", async () => {
    const attempt = await start();
    const response = await system.call(token, "POST", `/api/attempts/${attempt.attemptId}/answers`, {
      questionId: "q1",
      optionIds: ["b"],
      pad: "x".repeat(20_000),
    });
    await expectCode(response, 413, "PAYLOAD_TOO_LARGE");
  });
});
