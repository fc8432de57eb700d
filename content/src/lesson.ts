import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { LessonFrontMatter } from "@hvs/shared/content";
import { Marked, type Token, type Tokens } from "marked";
import { issuesWithLines, parseYamlSource } from "./yaml-source";

/** Slow readers: 120 words a minute, and a lesson is at most 4 minutes (the issue's 2–4 minute lessons). */
export const WORDS_PER_MINUTE = 120;
export const MAX_MINUTES = 4;
export const MAX_RASTER_BYTES = 60 * 1024;
export const MAX_AUDIO_BYTES = 3 * 1024 * 1024;

const IMAGE_TYPES: Record<string, string> = {
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
};
const AUDIO_TYPES = new Set([".mp3", ".m4a", ".ogg"]);
const SAFE_LINK = /^(https?:\/\/|mailto:|tel:)/i;

type Report = (line: number, message: string) => void;

export interface CompiledLesson {
  meta: LessonFrontMatter;
  html: string;
  words: number;
  /** Path of the narration relative to the content root, e.g. `vneid/audio/x.mp3`. */
  audio?: string;
}

/** Plain words a reader reads: no image syntax, link targets or Markdown punctuation. */
export function countWords(markdownBody: string): number {
  const text = markdownBody
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`|]/g, " ");
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function lineWithin(body: string, needle: string, bodyFirstLine: number): number {
  const at = body.indexOf(needle);
  return at < 0 ? bodyFirstLine : bodyFirstLine + body.slice(0, at).split("\n").length - 1;
}

/** An SVG goes into the page as an image; anything that could run or fetch is refused. */
function svgProblem(svg: string): string | null {
  if (!/<svg[\s>]/i.test(svg)) return "tệp .svg không phải SVG";
  if (!/viewBox=/i.test(svg)) return "SVG cần thuộc tính viewBox để co giãn theo màn hình";
  if (/<script|\son[a-z]+\s*=|<foreignObject/i.test(svg)) return "SVG không được có script hay thuộc tính sự kiện";
  if (/(href|src)\s*=\s*["']\s*(https?:|\/\/|javascript:)/i.test(svg)) return "SVG không được tham chiếu tệp bên ngoài";
  return null;
}

/**
 * Compiles one lesson file: front matter, the rules every lesson must meet, and HTML with its images
 * inlined (a lesson opened once can then be read offline, images included).
 */
export function compileLesson(
  file: string,
  contentRoot: string,
  expected: { id: string; translation: boolean },
  report: Report,
): CompiledLesson | null {
  const text = readFileSync(file, "utf8");
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) {
    report(1, "thiếu phần đầu (front matter) giữa hai dòng ---");
    return null;
  }
  const yaml = parseYamlSource(match[1] ?? "", 2);
  if (yaml.syntaxError) {
    report(yaml.syntaxError.line, `phần đầu (front matter) không đọc được: ${yaml.syntaxError.message}`);
    return null;
  }
  const parsed = LessonFrontMatter.safeParse(yaml.data);
  if (!parsed.success) {
    for (const issue of issuesWithLines(parsed.error, yaml)) report(issue.line, issue.message);
    return null;
  }
  const meta = parsed.data;
  if (meta.id !== expected.id) report(yaml.lineOf(["id"]), `id "${meta.id}" phải trùng tên tệp "${expected.id}"`);

  const body = match[2] ?? "";
  const bodyFirstLine = (match[1] ?? "").split("\n").length + 3;
  if (body.trim() === "") {
    report(bodyFirstLine, "bài học không có nội dung");
    return null;
  }

  const courseDir = resolve(dirname(file), "..");
  const markdown = new Marked({ gfm: true, async: false });
  const tokens = markdown.lexer(body);
  const headings: string[] = [];
  let images = 0;
  markdown.walkTokens(tokens, (token: Token) => {
    if (token.type === "html") report(lineWithin(body, token.raw, bodyFirstLine), "không được viết HTML trong bài học, chỉ dùng Markdown");
    if (token.type === "heading" && (token as Tokens.Heading).depth === 2) headings.push((token as Tokens.Heading).text.trim());
    if (token.type === "link" && !SAFE_LINK.test((token as Tokens.Link).href)) {
      report(
        lineWithin(body, token.raw, bodyFirstLine),
        `liên kết không được phép (chỉ https://, http://, mailto:, tel:): ${(token as Tokens.Link).href}`,
      );
    }
    if (token.type === "image") {
      images++;
      const image = token as Tokens.Image;
      const line = lineWithin(body, token.raw, bodyFirstLine);
      if (image.text.trim() === "") report(line, "hình cần lời mô tả trong [ ] cho người không nhìn thấy hình");
      const inlined = inlineImage(image.href, file, courseDir, (message) => report(line, message));
      if (inlined) image.href = inlined;
      // marked writes the description into alt="…" unescaped (rebuilt from its child tokens when present):
      // a quote in it would end the attribute early. Escape it and drop the child tokens so this text is used.
      const alt = image.text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
      Object.assign(image, { text: alt, tokens: undefined });
    }
  });

  if (!expected.translation) {
    for (const section of ["Thực hành", "Ghi nhớ"]) {
      if (!headings.includes(section)) report(bodyFirstLine, `thiếu mục "## ${section}"`);
    }
    if (images === 0) report(bodyFirstLine, "bài học cần ít nhất một hình minh họa");
  }

  const words = countWords(body);
  const readingMinutes = Math.ceil(words / WORDS_PER_MINUTE);
  if (readingMinutes > MAX_MINUTES) {
    report(
      bodyFirstLine,
      `bài dài ${words} chữ, đọc chậm mất khoảng ${readingMinutes} phút; tối đa ${MAX_MINUTES} phút (${MAX_MINUTES * WORDS_PER_MINUTE} chữ)`,
    );
  } else if (meta.minutes < readingMinutes) {
    report(yaml.lineOf(["minutes"]), `minutes: ${meta.minutes} nhưng đọc chậm mất khoảng ${readingMinutes} phút (${words} chữ)`);
  }

  let audio: string | undefined;
  if (meta.audio) {
    const audioFile = resolve(courseDir, meta.audio);
    const line = yaml.lineOf(["audio"]);
    if (!audioFile.startsWith(join(courseDir, "audio") + sep)) report(line, "tệp đọc bài phải nằm trong thư mục audio/ của khóa học");
    else if (!existsSync(audioFile)) report(line, `không có tệp ${meta.audio}`);
    else if (!AUDIO_TYPES.has(extname(audioFile).toLowerCase())) report(line, "tệp đọc bài phải là .mp3, .m4a hoặc .ogg");
    else if (statSync(audioFile).size > MAX_AUDIO_BYTES) report(line, "tệp đọc bài lớn hơn 3 MB");
    else audio = relative(contentRoot, audioFile).split(sep).join("/");
  }

  return { meta, html: markdown.parser(tokens), words, audio };
}

/** Returns a data: URI for an image inside the course's images/ folder, or reports why it cannot be used. */
function inlineImage(href: string, lessonFile: string, courseDir: string, problem: (message: string) => void): string | null {
  const target = resolve(dirname(lessonFile), decodeURI(href));
  if (!target.startsWith(join(courseDir, "images") + sep)) {
    problem(`hình phải nằm trong thư mục images/ của khóa học: ${href}`);
    return null;
  }
  if (!existsSync(target)) {
    problem(`hình không tồn tại: ${href}`);
    return null;
  }
  const type = IMAGE_TYPES[extname(target).toLowerCase()];
  if (!type) {
    problem(`định dạng hình không được hỗ trợ (dùng SVG, PNG, JPEG hoặc WebP): ${href}`);
    return null;
  }
  const bytes = readFileSync(target);
  if (type === "image/svg+xml") {
    const reason = svgProblem(bytes.toString("utf8"));
    if (reason) {
      problem(`${href}: ${reason}`);
      return null;
    }
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(bytes.toString("utf8"))}`;
  }
  if (bytes.length > MAX_RASTER_BYTES) {
    problem(`hình ${href} nặng ${Math.round(bytes.length / 1024)} KB; tối đa 60 KB (nên dùng SVG)`);
    return null;
  }
  return `data:${type};base64,${bytes.toString("base64")}`;
}
