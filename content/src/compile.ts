import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { type Course, CourseManifest, Curriculum, type Lesson, LessonFrontMatter, Quiz } from "@hvs/shared/content";
import { Marked } from "marked";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";

/** Every problem found in one pass, so an author fixes them all at once instead of one per run. */
export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Nội dung có ${problems.length} lỗi:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const markdown = new Marked({ gfm: true, async: false });

/** Web, mail and phone links, or a relative path with no scheme (an image beside the lesson). */
const SAFE_URL = /^(https?:\/\/|mailto:|tel:|(?![a-z][a-z0-9+.-]*:)[^\s]*$)/i;

/** Splits `---\nyaml\n---\nbody`. Front matter is required: a lesson without metadata cannot be tracked. */
function splitFrontMatter(source: string): { data: unknown; body: string } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) return null;
  return { data: parseYaml(match[1] ?? ""), body: match[2] ?? "" };
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(gốc)"}: ${i.message}`).join("; ");
}

export function compileCurriculum(coursesDir: string): Curriculum {
  const problems: string[] = [];
  const where = (file: string) => relative(coursesDir, file);
  const UNREADABLE = Symbol("unreadable");
  const readYaml = (file: string): unknown => {
    try {
      return parseYaml(readFileSync(file, "utf8"));
    } catch (error) {
      problems.push(`${where(file)}: YAML không đọc được (${(error as Error).message.split("\n")[0]})`);
      return UNREADABLE;
    }
  };

  const courses: Course[] = [];
  const courseDirs = readdirSync(coursesDir, { withFileTypes: true }).filter((d) => d.isDirectory());
  if (courseDirs.length === 0) problems.push("không có khóa học nào trong thư mục courses/");

  for (const dir of courseDirs) {
    const courseDir = join(coursesDir, dir.name);
    const manifestFile = join(courseDir, "course.yaml");
    if (!existsSync(manifestFile)) {
      problems.push(`${dir.name}/: thiếu course.yaml`);
      continue;
    }
    const rawManifest = readYaml(manifestFile);
    if (rawManifest === UNREADABLE) continue;
    const manifest = CourseManifest.safeParse(rawManifest);
    if (!manifest.success) {
      problems.push(`${where(manifestFile)}: ${describe(manifest.error)}`);
      continue;
    }
    if (manifest.data.id !== dir.name) {
      problems.push(`${where(manifestFile)}: id "${manifest.data.id}" phải trùng tên thư mục "${dir.name}"`);
    }

    // Every quiz file is checked, referenced or not, so one broken lesson does not hide a broken quiz.
    const quizzes = new Map<string, Quiz | null>();
    const quizDir = join(courseDir, "quizzes");
    for (const file of existsSync(quizDir) ? readdirSync(quizDir).filter((f) => f.endsWith(".yaml")) : []) {
      const quizFile = join(quizDir, file);
      const expectedId = file.slice(0, -".yaml".length);
      const raw = readYaml(quizFile);
      const quiz = Quiz.safeParse(raw);
      if (!quiz.success) {
        if (raw !== UNREADABLE) problems.push(`${where(quizFile)}: ${describe(quiz.error)}`);
        quizzes.set(expectedId, null);
      } else if (quiz.data.id !== expectedId) {
        problems.push(`${where(quizFile)}: id "${quiz.data.id}" phải trùng tên tệp "${expectedId}"`);
        quizzes.set(expectedId, null);
      } else {
        quizzes.set(expectedId, quiz.data);
      }
    }

    const lessons: Lesson[] = [];
    const referenced = new Set<string>();
    for (const lessonId of manifest.data.lessons) {
      const lessonFile = join(courseDir, "lessons", `${lessonId}.md`);
      if (!existsSync(lessonFile)) {
        problems.push(`${where(manifestFile)}: bài "${lessonId}" không có tệp lessons/${lessonId}.md`);
        continue;
      }
      const lesson = compileLesson(readFileSync(lessonFile, "utf8"), lessonId, (p) => problems.push(`${where(lessonFile)}: ${p}`));
      if (!lesson) continue;
      lessons.push(lesson);
      if (!lesson.quiz) continue;
      referenced.add(lesson.quiz);
      if (!quizzes.has(lesson.quiz)) {
        problems.push(`${where(lessonFile)}: bài kiểm tra "${lesson.quiz}" không có tệp quizzes/${lesson.quiz}.yaml`);
      }
    }
    for (const id of quizzes.keys()) {
      if (!referenced.has(id) && lessons.length === manifest.data.lessons.length) {
        problems.push(`${dir.name}/quizzes/${id}.yaml: không bài học nào dùng bài kiểm tra này`);
      }
    }
    const usedQuizzes = [...referenced].map((id) => quizzes.get(id)).filter((q): q is Quiz => q != null);
    courses.push({ id: manifest.data.id, title: manifest.data.title, summary: manifest.data.summary, lessons, quizzes: usedQuizzes });
  }

  // Ids are global because the API addresses lessons and quizzes without their course.
  const duplicates = (ids: string[], what: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`id "${id}" bị dùng cho hai ${what}`);
      seen.add(id);
    }
  };
  duplicates(
    courses.flatMap((c) => c.lessons.map((l) => l.id)),
    "bài học",
  );
  duplicates(
    courses.flatMap((c) => c.quizzes.map((q) => q.id)),
    "bài kiểm tra",
  );

  if (problems.length > 0) throw new ContentError(problems);
  const body = { schemaVersion: 1 as const, courses };
  const contentHash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  return Curriculum.parse({ ...body, contentHash });
}

function compileLesson(source: string, expectedId: string, problem: (p: string) => void): Lesson | null {
  let parts: ReturnType<typeof splitFrontMatter>;
  try {
    parts = splitFrontMatter(source);
  } catch (error) {
    problem(`phần đầu (front matter) không đọc được: ${(error as Error).message.split("\n")[0]}`);
    return null;
  }
  if (!parts) {
    problem("thiếu phần đầu (front matter) giữa hai dòng ---");
    return null;
  }
  const meta = LessonFrontMatter.safeParse(parts.data);
  if (!meta.success) {
    problem(describe(meta.error));
    return null;
  }
  if (meta.data.id !== expectedId) problem(`id "${meta.data.id}" phải trùng tên tệp "${expectedId}"`);
  if (parts.body.trim() === "") {
    problem("bài học không có nội dung");
    return null;
  }
  // Raw HTML and script links would reach the phone's webview unescaped; lessons are plain Markdown.
  let rawHtml = false;
  const badLinks: string[] = [];
  markdown.walkTokens(markdown.lexer(parts.body), (token) => {
    if (token.type === "html") rawHtml = true;
    if ((token.type === "link" || token.type === "image") && !SAFE_URL.test(token.href)) badLinks.push(token.href);
  });
  if (rawHtml) problem("không được viết HTML trong bài học, chỉ dùng Markdown");
  if (badLinks.length > 0)
    problem(`liên kết không được phép (chỉ dùng https://, http://, mailto:, tel: hoặc tệp trong khóa học): ${badLinks.join(", ")}`);
  if (rawHtml || badLinks.length > 0) return null;
  return { ...meta.data, html: markdown.parse(parts.body) as string };
}
