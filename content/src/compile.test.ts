import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ContentError, compileCurriculum } from "./compile";

const realCourses = join(dirname(fileURLToPath(import.meta.url)), "..", "courses");
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hvs-content-"));
  cpSync(realCourses, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lessonFile = () => join(dir, "vneid", "lessons", "cai-dat-vneid.md");
const quizFile = () => join(dir, "vneid", "quizzes", "cai-dat-vneid.yaml");
const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, "utf8")));

function problemsOf(): string[] {
  try {
    compileCurriculum(dir);
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
  throw new Error("expected the content to be rejected");
}

describe("compileCurriculum", () => {
  it("compiles the real curriculum: the VNeID course, its lesson as HTML and its quiz", () => {
    const curriculum = compileCurriculum(realCourses);
    const course = curriculum.courses.find((c) => c.id === "vneid");
    expect(course?.title).toBe("VNeID — định danh điện tử");
    const lesson = course?.lessons[0];
    expect(lesson?.html).toContain("<h2>");
    expect(lesson?.quiz).toBe("cai-dat-vneid");
    const quiz = course?.quizzes[0];
    expect(quiz?.questions.length).toBeGreaterThanOrEqual(3);
    for (const question of quiz?.questions ?? []) {
      for (const option of question.options) expect(option.explanation.length).toBeGreaterThan(0);
    }
    expect(curriculum.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("names the file and field of every problem at once", () => {
    edit(lessonFile(), (t) => t.replace("minutes: 4", "minutes: 0"));
    edit(quizFile(), (t) => t.replace('correct: false\n        explanation: "Sai. Link', 'correct: true\n        explanation: "Sai. Link'));
    expect(problemsOf().sort()).toEqual([
      expect.stringMatching(/^vneid\/lessons\/cai-dat-vneid\.md: minutes/),
      expect.stringMatching(/^vneid\/quizzes\/cai-dat-vneid\.yaml: questions\.0\.options: câu một lựa chọn cần đúng 1 phương án đúng$/),
    ]);
  });

  it("refuses raw HTML in a lesson", () => {
    edit(lessonFile(), (t) => `${t}\n<script>alert(1)</script>\n`);
    expect(problemsOf()).toEqual([expect.stringMatching(/không được viết HTML/)]);
  });

  it("refuses script links, plain and by reference, but accepts web and phone links", () => {
    edit(lessonFile(), (t) => `${t}\n[bấm](javascript:alert(1)) và [gọi][x]\n\n[x]: JavaScript:alert(2)\n`);
    expect(problemsOf()).toEqual([expect.stringMatching(/liên kết không được phép.*javascript:alert\(1\), JavaScript:alert\(2\)/)]);
    cpSync(join(realCourses, "vneid", "lessons"), join(dir, "vneid", "lessons"), { recursive: true });
    edit(lessonFile(), (t) => `${t}\n[Cổng dịch vụ công](https://dichvucong.gov.vn) · [gọi](tel:113)\n`);
    expect(compileCurriculum(dir).courses[0]?.lessons[0]?.html).toContain('href="tel:113"');
  });

  it("refuses a lesson without front matter, a missing quiz and a mismatched id", () => {
    edit(lessonFile(), (t) => t.replace(/^---[\s\S]*?---\n/, ""));
    expect(problemsOf()).toEqual([expect.stringMatching(/thiếu phần đầu/)]);
    cpSync(join(realCourses, "vneid", "lessons"), join(dir, "vneid", "lessons"), { recursive: true });
    rmSync(quizFile());
    expect(problemsOf()).toEqual([expect.stringMatching(/không có tệp quizzes\/cai-dat-vneid\.yaml/)]);
  });

  it("refuses a quiz without explanations and a broken YAML file", () => {
    edit(quizFile(), (t) => t.replace(/explanation: "Sai\. Link[^"]*"/, 'explanation: ""'));
    expect(problemsOf()[0]).toMatch(/explanation: không được để trống/);
    writeFileSync(quizFile(), "questions: [unclosed");
    expect(problemsOf()).toEqual([expect.stringMatching(/YAML không đọc được/)]);
  });

  it("refuses a course listing a lesson that has no file", () => {
    mkdirSync(join(dir, "khac"));
    writeFileSync(join(dir, "khac", "course.yaml"), 'id: khac\ntitle: "Khác"\nsummary: "Thử"\nlessons: [khong-co]\n');
    expect(problemsOf()).toEqual([expect.stringMatching(/khac\/course\.yaml: bài "khong-co" không có tệp/)]);
  });

  it("refuses a quiz no lesson uses", () => {
    edit(quizFile(), (t) => t);
    writeFileSync(
      join(dir, "vneid", "quizzes", "mo-coi.yaml"),
      readFileSync(quizFile(), "utf8").replace('id: "cai-dat-vneid"', 'id: "mo-coi"'),
    );
    expect(problemsOf()).toEqual([expect.stringMatching(/mo-coi\.yaml: không bài học nào dùng/)]);
  });
});
