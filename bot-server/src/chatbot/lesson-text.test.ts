import { describe, expect, it } from "vitest";
import { loadCurriculum } from "../learning/curriculum";
import { htmlBlocks, htmlToText, lessonParts } from "./lesson-text";

const lessons = loadCurriculum().curriculum.courses.flatMap((course) => course.lessons);
const words = (text: string) => text.split(/\s+/).filter(Boolean);
const TAG = /<\/?[a-z][^>]*>/i;

describe("htmlToText", () => {
  it("writes headings on their own line, paragraphs apart, lists as bullets and numbers", () => {
    const html = [
      "<h2>Cài đặt VNeID</h2>",
      "<p>Chỉ cài từ kho ứng dụng <strong>chính thức</strong>:</p>",
      "<ol>\n<li>Mở <strong>CH Play</strong>.</li>\n<li>Gõ tìm <em>VNeID</em>.</li>\n</ol>",
      "<ul>\n<li>Không cài tệp lạ.</li>\n</ul>",
      '<p>Xem <a href="https://neac.gov.vn/vi">trang kiểm tra</a> &amp; hỏi cán bộ &quot;một cửa&quot;.</p>',
    ].join("\n");
    expect(htmlToText(html)).toBe(
      [
        "Cài đặt VNeID",
        "Chỉ cài từ kho ứng dụng chính thức:",
        "",
        "1. Mở CH Play.",
        "2. Gõ tìm VNeID.",
        "",
        "• Không cài tệp lạ.",
        "",
        'Xem trang kiểm tra & hỏi cán bộ "một cửa".',
      ].join("\n"),
    );
  });

  it("drops images, keeping a non-empty alt in parentheses, even with the compiler's unescaped quotes", () => {
    const html = [
      '<p><img src="data:image/svg+xml;charset=utf-8,%3Csvg%3E" alt="Tờ giấy ghi "Khi bị lừa" dán cạnh điện thoại"></p>',
      '<p>Trước <img src="data:image/png;base64,AAAA" alt=""> sau.</p>',
    ].join("\n");
    expect(htmlBlocks(html)).toEqual([
      { kind: "image", text: '(Tờ giấy ghi "Khi bị lừa" dán cạnh điện thoại)' },
      { kind: "paragraph", text: "Trước sau." },
    ]);
  });

  it("numbers from an ordered list's start, indents nested lists, reads <br> as a line break", () => {
    const html = '<ol start="3"><li>Ba<ul><li>con</li></ul></li><li>Bốn<br>dòng hai</li></ol><p>&#39;a&#39; &#x1F44D; &nbsp;x</p>';
    expect(htmlToText(html)).toBe("3. Ba\n   • con\n4. Bốn\ndòng hai\n\n'a' 👍 x");
  });
});

describe("lessonParts on the real curriculum", () => {
  it.each(lessons.map((lesson) => [lesson.id, lesson] as const))("%s", (_id, lesson) => {
    const text = htmlToText(lesson.html);
    expect(text).not.toMatch(TAG);
    expect(text).not.toContain("data:");
    for (const maxChars of [700, 300, 5000]) {
      const parts = lessonParts(lesson, maxChars);
      expect(parts.length).toBeGreaterThanOrEqual(1);
      expect(parts[0]?.startsWith(lesson.title)).toBe(true);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(Math.min(maxChars, 2000));
        expect(part).not.toMatch(TAG);
        // No blank lines at either end; a part may start with a nested list line's indent.
        expect(part.trimEnd()).toBe(part);
        expect(part).toMatch(/^ *\S/);
      }
      // Nothing lost, nothing added, nothing reordered: the parts are the title and the text, cut only at spaces.
      expect(words(parts.join("\n"))).toEqual(words(`${lesson.title}\n${text}`));
    }
  });

  it("keeps diacritics, and cuts the longest lessons into several messages", () => {
    const lesson = lessons.find((candidate) => candidate.id === "xu-ly-ngay-khi-bi-lua-dao");
    expect(lesson).toBeDefined();
    if (!lesson) return;
    const parts = lessonParts(lesson);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join("\n")).toContain("Báo ngay ngân hàng. Gọi tổng đài thật của ngân hàng");
    expect(parts.join("\n")).toContain('Ai đòi phí để "lấy lại tiền" là lừa đảo lần hai.');
  });

  it("never leaves a heading as the last line of a message", () => {
    const headings = new Set(
      lessons.flatMap((lesson) =>
        htmlBlocks(lesson.html)
          .filter((b) => b.kind === "heading")
          .map((b) => b.text),
      ),
    );
    for (const lesson of lessons) {
      for (const part of lessonParts(lesson, 400)) {
        const last = part.split("\n").at(-1) ?? "";
        expect(headings.has(last), `${lesson.id}: "${last}"`).toBe(false);
      }
    }
  });

  it("splits a paragraph longer than a message between sentences", () => {
    const sentence = "Không bao giờ đọc mã OTP cho người lạ qua điện thoại.";
    const html = `<h2>Ghi nhớ</h2><p>${Array.from({ length: 12 }, () => sentence).join(" ")}</p>`;
    const parts = lessonParts({ title: "Giữ kín mã OTP", html }, 200);
    expect(parts.length).toBeGreaterThan(3);
    expect(parts[0]).toMatch(/^Giữ kín mã OTP\n\nGhi nhớ\nKhông bao giờ/);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(200);
      expect(part.endsWith("thoại.")).toBe(true);
    }
  });

  it("caps a message at Zalo's 2000 characters whatever is asked", () => {
    const html = `<p>${"Chữ ký số có giá trị như chữ ký tay. ".repeat(150)}</p>`;
    for (const part of lessonParts({ title: "Chữ ký số", html }, 10_000)) expect(part.length).toBeLessThanOrEqual(2000);
  });
});
