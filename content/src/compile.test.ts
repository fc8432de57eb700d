import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkContent, compileCurriculum } from "./compile";
import { formatProblem } from "./problems";

/** A small valid curriculum written to a temp dir; each test breaks one thing in it. */
const FILES: Record<string, string> = {
  "programs/co-ban.yaml": 'id: co-ban\ntitle: "Cơ bản"\ndescription: "Chương trình thử."\ncourses:\n  - thu\n',
  "courses/thu/course.yaml": 'id: thu\ntitle: "Khóa thử"\nsummary: "Để kiểm thử."\nlessons:\n  - bai-thu\nfinalQuiz: thu-tong-ket\n',
  "courses/thu/lessons/bai-thu.md": `---
id: bai-thu
title: "Bài thử"
minutes: 2
version: 1
objectives:
  - "Biết một điều."
quiz: bai-thu
---

## Nội dung

Một đoạn văn ngắn để đọc.

![Điện thoại có nút xanh](../images/hinh.svg)

## Thực hành

1. Mở điện thoại.

## Ghi nhớ

- Một điều cần nhớ.
`,
  "courses/thu/sources.md": "# Nguồn\n\n- Bài thử: https://example.gov.vn/huong-dan\n",
  "courses/thu/images/hinh.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
  "courses/thu/quizzes/bai-thu.yaml": quiz("bai-thu"),
  "courses/thu/quizzes/thu-tong-ket.yaml": quiz("thu-tong-ket"),
};

function quiz(id: string) {
  const option = (oid: string, correct: boolean) =>
    `      - id: "${oid}"\n        text: "${oid.toUpperCase()}"\n        correct: ${correct}\n        explanation: "Vì vậy."\n`;
  const question = (qid: string) =>
    `  - id: "${qid}"\n    kind: "single"\n    prompt: "Chọn A?"\n    options:\n${option("a", true)}${option("b", false)}`;
  return `id: "${id}"\ntitle: "Kiểm tra"\nversion: 1\npassPercent: 80\nquestions:\n${["q1", "q2", "q3"].map(question).join("")}`;
}

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "hvs-content-"));
  for (const [path, text] of Object.entries(FILES)) write(path, text);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string | Buffer) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
const edit = (path: string, change: (text: string) => string) => write(path, change(readFileSync(join(root, path), "utf8")));
const problems = () => checkContent(root).problems.map(formatProblem);

describe("checkContent", () => {
  it("keeps an image description with quotes whole inside alt", () => {
    edit("courses/thu/lessons/bai-thu.md", (t) => t.replace("![Điện thoại có nút xanh]", '![Tờ giấy ghi "Khi bị lừa" & <số> cần gọi]'));
    const html = compileCurriculum(root).courses[0]?.lessons[0]?.html ?? "";
    expect(html).toContain('alt="Tờ giấy ghi &quot;Khi bị lừa&quot; &amp; &lt;số&gt; cần gọi"');
  });

  it("compiles a valid curriculum: lesson HTML with the image inlined, words, program, hash", () => {
    const curriculum = compileCurriculum(root);
    const lesson = curriculum.courses[0]?.lessons[0];
    expect(lesson?.html).toContain('<img src="data:image/svg+xml;charset=utf-8,');
    expect(lesson?.html).toContain('alt="Điện thoại có nút xanh"');
    expect(lesson?.words).toBeGreaterThan(10);
    expect(curriculum.courses[0]?.finalQuiz).toBe("thu-tong-ket");
    expect(curriculum.programs).toEqual([
      { id: "co-ban", title: "Cơ bản", description: "Chương trình thử.", courses: ["thu"], passPercent: 80 },
    ]);
    expect(curriculum.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reports schema problems as file:line: message, in Vietnamese", () => {
    edit("courses/thu/lessons/bai-thu.md", (t) => t.replace("minutes: 2", "minutes: 0"));
    expect(problems()).toEqual([expect.stringMatching(/^courses\/thu\/lessons\/bai-thu\.md:4: minutes: .*(lớn hơn|>=)/)]);
  });

  it("finds answer keys that do not match the question kind, at the question's line", () => {
    edit("courses/thu/quizzes/bai-thu.yaml", (t) => t.replace("correct: false", "correct: true"));
    expect(problems()).toEqual(["courses/thu/quizzes/bai-thu.yaml:9: questions.0.options: câu một lựa chọn cần đúng 1 phương án đúng"]);
  });

  it("finds missing explanations", () => {
    edit("courses/thu/quizzes/bai-thu.yaml", (t) => t.replace('explanation: "Vì vậy."', 'explanation: ""'));
    expect(problems()).toEqual([
      expect.stringMatching(/^courses\/thu\/quizzes\/bai-thu\.yaml:13: questions\.0\.options\.0\.explanation: không được để trống$/),
    ]);
  });

  it("finds duplicate ids, naming both places", () => {
    write("courses/khac/course.yaml", 'id: khac\ntitle: "Khác"\nsummary: "Thử."\nlessons:\n  - bai-thu\nfinalQuiz: khac-tong-ket\n');
    write("courses/khac/lessons/bai-thu.md", FILES["courses/thu/lessons/bai-thu.md"]?.replace("quiz: bai-thu\n", "") ?? "");
    write("courses/khac/images/hinh.svg", FILES["courses/thu/images/hinh.svg"] ?? "");
    write("courses/khac/sources.md", FILES["courses/thu/sources.md"] ?? "");
    write("courses/khac/quizzes/khac-tong-ket.yaml", quiz("khac-tong-ket"));
    expect(problems()).toEqual([
      expect.stringMatching(/^courses\/thu\/lessons\/bai-thu\.md:2: id "bai-thu" đã dùng cho bài học khác ở courses\/khac/),
    ]);
  });

  it("finds broken, unsafe and oversized images", () => {
    edit("courses/thu/lessons/bai-thu.md", (t) => t.replace("../images/hinh.svg", "../images/khong-co.svg"));
    expect(problems()).toEqual(["courses/thu/lessons/bai-thu.md:15: hình không tồn tại: ../images/khong-co.svg"]);
    edit("courses/thu/lessons/bai-thu.md", (t) => t.replace("../images/khong-co.svg", "../images/to.png"));
    write("courses/thu/images/to.png", Buffer.alloc(70 * 1024));
    expect(problems()).toEqual([expect.stringMatching(/:15: hình \.\.\/images\/to\.png nặng 70 KB; tối đa 60 KB/)]);
    edit("courses/thu/lessons/bai-thu.md", (t) => t.replace("../images/to.png", "../images/hinh.svg"));
    write("courses/thu/images/hinh.svg", '<svg viewBox="0 0 1 1" onload="alert(1)"></svg>');
    expect(problems()).toEqual([expect.stringMatching(/:15: \.\.\/images\/hinh\.svg: SVG không được có script/)]);
  });

  it("finds a lesson longer than 4 minutes at a slow pace, and minutes declared too low", () => {
    edit("courses/thu/lessons/bai-thu.md", (t) => t.replace("Một đoạn văn ngắn để đọc.", "chữ ".repeat(300)));
    expect(problems()).toEqual([
      expect.stringMatching(/^courses\/thu\/lessons\/bai-thu\.md:4: minutes: 2 nhưng đọc chậm mất khoảng 3 phút/),
    ]);
    edit("courses/thu/lessons/bai-thu.md", (t) => t.replace("Nội dung", `Nội dung\n\n${"chữ ".repeat(300)}`));
    expect(problems()).toEqual([expect.stringMatching(/bai-thu\.md:10: bài dài \d+ chữ, đọc chậm mất khoảng 6 phút; tối đa 4 phút/)]);
  });

  it("finds unreachable lessons and unused quizzes", () => {
    write("courses/thu/lessons/bi-quen.md", FILES["courses/thu/lessons/bai-thu.md"] ?? "");
    write("courses/thu/quizzes/mo-coi.yaml", quiz("mo-coi"));
    expect(problems()).toEqual([
      "courses/thu/lessons/bi-quen.md:1: bài học không có trong danh sách lessons của courses/thu/course.yaml: người học không mở được",
      "courses/thu/quizzes/mo-coi.yaml:1: không bài học nào dùng bài kiểm tra này, và nó không phải bài kiểm tra cuối khóa",
    ]);
  });

  it("requires the Thực hành and Ghi nhớ sections and an illustration", () => {
    edit("courses/thu/lessons/bai-thu.md", (t) => t.replace("## Thực hành", "## Làm thử").replace(/!\[.*\n/, ""));
    expect(problems()).toEqual([
      'courses/thu/lessons/bai-thu.md:10: thiếu mục "## Thực hành"',
      "courses/thu/lessons/bai-thu.md:10: bài học cần ít nhất một hình minh họa",
    ]);
  });

  it("refuses raw HTML and script links", () => {
    edit("courses/thu/lessons/bai-thu.md", (t) => `${t}\n<script>alert(1)</script>\n\n[bấm](javascript:alert(1))\n`);
    expect(problems()).toEqual([
      expect.stringMatching(/:25: không được viết HTML/),
      expect.stringMatching(/:27: liên kết không được phép .*javascript:alert\(1\)/),
    ]);
  });

  it("names missing files: a listed lesson, a lesson's quiz, the final quiz, a program's course", () => {
    rmSync(join(root, "courses/thu/quizzes/thu-tong-ket.yaml"));
    edit("programs/co-ban.yaml", (t) => t.replace("  - thu\n", "  - thu\n  - khong-co\n"));
    edit("courses/thu/course.yaml", (t) => t.replace("  - bai-thu\n", "  - bai-thu\n  - bai-vang\n"));
    expect(problems()).toEqual([
      'courses/thu/course.yaml:6: bài "bai-vang" không có tệp lessons/bai-vang.md',
      'courses/thu/course.yaml:7: bài kiểm tra cuối khóa "thu-tong-ket" không có tệp quizzes/thu-tong-ket.yaml',
      'programs/co-ban.yaml:6: không có khóa học "khong-co"',
    ]);
  });

  it("compiles real tasks and the household rule, naming a task or course that does not exist", () => {
    write(
      "tasks/zalo.yaml",
      'id: zalo\ntitle: "Dùng Zalo"\nsummary: "Gửi được tin nhắn."\nevidence: self_check\nselfCheck:\n  - "Tôi gửi được tin nhắn."\nconfirmHint: "Xem người dân tự gửi."\n',
    );
    write("tasks/lua-dao.yaml", 'id: lua-dao\ntitle: "Nhận biết lừa đảo"\nsummary: "Đạt khóa học."\nevidence: course\ncourse: thu\n');
    write("households.yaml", "requiredTasks:\n  - zalo\n");
    const { curriculum } = checkContent(root);
    expect(curriculum?.tasks.map((t) => t.id)).toEqual(["lua-dao", "zalo"]);
    expect(curriculum?.householdRule).toEqual({ requiredTasks: ["zalo"], evidence: "confirmed" });

    write("households.yaml", "requiredTasks:\n  - zalo\n  - vneid\n");
    edit("tasks/lua-dao.yaml", (t) => t.replace("course: thu", "course: khong-co"));
    write("tasks/trong.yaml", 'id: trong\ntitle: "Trống"\nsummary: "Không có câu nào."\nevidence: self_check\n');
    expect(problems()).toEqual([
      'households.yaml:3: không có nhiệm vụ "vneid" trong tasks/',
      'tasks/lua-dao.yaml:5: không có khóa học "khong-co"',
      "tasks/trong.yaml:1: selfCheck: nhiệm vụ tự kiểm tra cần ít nhất một câu",
      "tasks/trong.yaml:1: confirmHint: cần hướng dẫn cho thành viên Tổ xác nhận",
    ]);
  });

  it("compiles a translation and refuses one made from another version", () => {
    write(
      "courses/thu/lessons/bai-thu.bdq.md",
      (FILES["courses/thu/lessons/bai-thu.md"] ?? "").replace('title: "Bài thử"', 'title: "Bài thử (Bahnar)"'),
    );
    expect(compileCurriculum(root).courses[0]?.lessons[0]?.translations.bdq?.title).toBe("Bài thử (Bahnar)");
    edit("courses/thu/lessons/bai-thu.bdq.md", (t) => t.replace("version: 1", "version: 2"));
    expect(problems()).toEqual(["courses/thu/lessons/bai-thu.bdq.md:2: bản dịch theo version 2, bài gốc đã là version 1"]);
  });

  it("reports a translation of a lesson the course does not have, once", () => {
    edit("courses/thu/course.yaml", (t) => t.replace("  - bai-thu\n", "  - bai-thu\n  - bai-hai\n"));
    write(
      "courses/thu/lessons/bai-hai.md",
      (FILES["courses/thu/lessons/bai-thu.md"] ?? "").replace("id: bai-thu", "id: bai-hai").replace("quiz: bai-thu\n", ""),
    );
    write("courses/thu/lessons/bai-la.jra.md", FILES["courses/thu/lessons/bai-thu.md"] ?? "");
    expect(problems()).toEqual(['courses/thu/lessons/bai-la.jra.md:1: bản dịch của bài "bai-la" không có trong khóa học']);
  });

  it("checks narration audio", () => {
    edit("courses/thu/lessons/bai-thu.md", (t) => t.replace("quiz: bai-thu\n", "quiz: bai-thu\naudio: audio/bai-thu.mp3\n"));
    expect(problems()).toEqual(["courses/thu/lessons/bai-thu.md:9: không có tệp audio/bai-thu.mp3"]);
    write("courses/thu/audio/bai-thu.mp3", Buffer.alloc(1000));
    expect(compileCurriculum(root).courses[0]?.lessons[0]?.audio).toBe("thu/audio/bai-thu.mp3");
  });

  it("requires each course's sources.md with at least one address", () => {
    write("courses/thu/sources.md", "# Nguồn\n\nChưa có.\n");
    expect(problems()).toEqual(["courses/thu/sources.md:1: sources.md chưa có địa chỉ trang nguồn nào"]);
    rmSync(join(root, "courses/thu/sources.md"));
    expect(problems()).toEqual(["courses/thu/course.yaml:1: khóa học cần tệp sources.md liệt kê các trang công khai làm nguồn"]);
  });

  it("orders courses by catalogue.yaml and finds courses missing from it", () => {
    write("catalogue.yaml", "courses:\n  - thu\n");
    expect(problems()).toEqual([]);
    write("catalogue.yaml", "courses:\n  - khac\n");
    expect(problems()).toEqual([
      'catalogue.yaml:1: khóa học "thu" chưa có trong danh sách courses',
      'catalogue.yaml:2: không có khóa học "khac"',
    ]);
  });

  it("reports broken YAML at its line", () => {
    write("courses/thu/quizzes/bai-thu.yaml", 'id: "bai-thu"\nquestions: [unclosed\n');
    expect(problems()[0]).toMatch(/^courses\/thu\/quizzes\/bai-thu\.yaml:\d: YAML không đọc được/);
  });
});
