import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkContent } from "./compile";
import { formatProblem } from "./problems";

// The real curriculum, not a fixture: the invariants the catalogue promises (issue "Curriculum v1").
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { curriculum, problems } = checkContent(root);

describe("the catalogue", () => {
  it("passes every content rule", () => {
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it("is large enough: at least 10 courses, 45 lessons and 250 quiz questions", () => {
    const courses = curriculum?.courses ?? [];
    expect(courses.length).toBeGreaterThanOrEqual(10);
    expect(courses.flatMap((c) => c.lessons).length).toBeGreaterThanOrEqual(45);
    expect(courses.flatMap((c) => c.quizzes).reduce((n, q) => n + q.questions.length, 0)).toBeGreaterThanOrEqual(250);
  });

  it("covers the essentials the commune plans name", () => {
    const ids = (curriculum?.courses ?? []).map((c) => c.id);
    for (const id of [
      "dien-thoai-thong-minh",
      "zalo-an-toan",
      "vneid",
      "dich-vu-cong",
      "thanh-toan-so",
      "phong-chong-lua-dao",
      "mua-ban-truc-tuyen",
      "y-te-so",
      "thong-tin-va-ai",
    ]) {
      expect(ids).toContain(id);
    }
  });

  it("has the basic-skills program over the household skills: Zalo, VNeID, public services, payments, scams", () => {
    const program = curriculum?.programs.find((p) => p.id === "ky-nang-so-co-ban");
    expect(program?.title).toBe("Kỹ năng số cơ bản");
    expect(program?.passPercent).toBe(80);
    expect(program?.courses).toEqual(["zalo-an-toan", "vneid", "dich-vu-cong", "thanh-toan-so", "phong-chong-lua-dao"]);
  });

  it("gives every lesson a quiz with each question kind, and every course a final quiz of 8+ questions", () => {
    for (const course of curriculum?.courses ?? []) {
      const final = course.quizzes.find((q) => q.id === course.finalQuiz);
      expect(final?.questions.length, course.id).toBeGreaterThanOrEqual(8);
      for (const lesson of course.lessons) {
        const quiz = course.quizzes.find((q) => q.id === lesson.quiz);
        expect(quiz, lesson.id).toBeDefined();
        expect(new Set(quiz?.questions.map((q) => q.kind)), lesson.id).toEqual(new Set(["single", "multiple", "true_false"]));
      }
    }
  });
});
