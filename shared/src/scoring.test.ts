import { describe, expect, it } from "vitest";
import { answerShapeProblem, isAnswerCorrect, scoreAttempt } from "./scoring";

const single = {
  kind: "single" as const,
  options: [
    { id: "a", correct: false },
    { id: "b", correct: true },
    { id: "c", correct: false },
  ],
};
const multiple = {
  kind: "multiple" as const,
  options: [
    { id: "a", correct: true },
    { id: "b", correct: false },
    { id: "c", correct: true },
  ],
};

describe("answerShapeProblem", () => {
  it("accepts one known option for a single-choice question", () => {
    expect(answerShapeProblem(single, ["b"])).toBeNull();
  });
  it("rejects empty, duplicate, unknown and too many choices", () => {
    expect(answerShapeProblem(single, [])).toMatch(/chưa chọn/);
    expect(answerShapeProblem(multiple, ["a", "a"])).toMatch(/hai lần/);
    expect(answerShapeProblem(single, ["z"])).toMatch(/không có/);
    expect(answerShapeProblem(single, ["a", "b"])).toMatch(/một phương án/);
  });
  it("allows several choices on a multiple-choice question", () => {
    expect(answerShapeProblem(multiple, ["a", "b", "c"])).toBeNull();
  });
});

describe("isAnswerCorrect", () => {
  it("grades single choice", () => {
    expect(isAnswerCorrect(single, ["b"])).toBe(true);
    expect(isAnswerCorrect(single, ["a"])).toBe(false);
  });
  it("needs exactly the correct set on multiple choice", () => {
    expect(isAnswerCorrect(multiple, ["c", "a"])).toBe(true);
    expect(isAnswerCorrect(multiple, ["a"])).toBe(false);
    expect(isAnswerCorrect(multiple, ["a", "b", "c"])).toBe(false);
  });
});

describe("scoreAttempt", () => {
  it("passes exactly at the bar without float error", () => {
    expect(scoreAttempt(75, 4, 3)).toEqual({ correctCount: 3, total: 4, scorePercent: 75, passed: true });
    expect(scoreAttempt(70, 3, 2)).toEqual({ correctCount: 2, total: 3, scorePercent: 67, passed: false });
    expect(scoreAttempt(100, 3, 3).passed).toBe(true);
  });
  it("refuses impossible scores", () => {
    expect(() => scoreAttempt(75, 0, 0)).toThrow(RangeError);
    expect(() => scoreAttempt(75, 3, 4)).toThrow(RangeError);
  });
});
