import { describe, expect, it } from "vitest";
import { meetsPassMark, programStanding } from "./programs";

const finals: Record<string, string> = { zalo: "zalo-tong-ket", vneid: "vneid-tong-ket" };

describe("programStanding", () => {
  it("completes only when every required course's final quiz reaches the pass mark", () => {
    const scores: Record<string, { correctCount: number; questionCount: number }> = {
      "zalo-tong-ket": { correctCount: 8, questionCount: 10 },
      "vneid-tong-ket": { correctCount: 7, questionCount: 10 },
    };
    const standing = programStanding(
      { courses: ["zalo", "vneid"], passPercent: 80 },
      (c) => finals[c],
      (q) => scores[q],
    );
    expect(standing).toEqual({
      courses: [
        { courseId: "zalo", finalQuizId: "zalo-tong-ket", bestPercent: 80, passed: true },
        { courseId: "vneid", finalQuizId: "vneid-tong-ket", bestPercent: 70, passed: false },
      ],
      passedCount: 1,
      completed: false,
    });
    scores["vneid-tong-ket"] = { correctCount: 8, questionCount: 10 };
    expect(
      programStanding(
        { courses: ["zalo", "vneid"], passPercent: 80 },
        (c) => finals[c],
        (q) => scores[q],
      ).completed,
    ).toBe(true);
  });

  it("counts a course never attempted, or one without a final quiz, as not passed", () => {
    const standing = programStanding(
      { courses: ["zalo", "khac"], passPercent: 80 },
      (c) => finals[c],
      () => undefined,
    );
    expect(standing.courses.map((c) => [c.courseId, c.bestPercent, c.passed])).toEqual([
      ["zalo", null, false],
      ["khac", null, false],
    ]);
  });

  it("compares in integers", () => {
    expect(meetsPassMark({ correctCount: 4, questionCount: 5 }, 80)).toBe(true);
    expect(meetsPassMark({ correctCount: 6, questionCount: 8 }, 80)).toBe(false);
    expect(meetsPassMark({ correctCount: 0, questionCount: 0 }, 80)).toBe(false);
  });
});
