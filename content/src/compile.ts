import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Course, CourseManifest, Curriculum, Lesson, LessonFrontMatter, Quiz } from "@hvs/shared/content";
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
  const readYaml = (file: string): unknown => {
    try {
      return parseYaml(readFileSync(file, "utf8"));
    } catch (error) {
      problems.push(`${where(file)}: YAML không đọc được (${(error as Error).message.split("\n")[0]})`);
      return undefined;
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
    const manifest = CourseManifest.safeParse(readYaml(manifestFile));
    if (!manifest.success) {
      problems.push(`${where(manifestFile)}: ${describe(manifest.error)}`);
      continue;
    }
    if (manifest.data.id !== dir.name) {
      problems.push(`${where(manifestFile)}: id "${manifest.data.id}" phải trùng tên thư mục "${dir.name}"`);
    }

    const lessons: Lesson[] = [];
    const quizzes: Quiz[] = [];
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
      const quizFile = join(courseDir, "quizzes", `${lesson.quiz}.yaml`);
      if (!existsSync(quizFile)) {
        problems.push(`${where(lessonFile)}: bài kiểm tra "${lesson.quiz}" không có tệp quizzes/${lesson.quiz}.yaml`);
        continue;
      }
      const quiz = Quiz.safeParse(readYaml(quizFile));
      if (!quiz.success) {
        problems.push(`${where(quizFile)}: ${describe(quiz.error)}`);
      } else if (quiz.data.id !== lesson.quiz) {
        problems.push(`${where(quizFile)}: id "${quiz.data.id}" phải trùng tên tệp "${lesson.quiz}"`);
      } else {
        quizzes.push(quiz.data);
      }
    }
    courses.push({ id: manifest.data.id, title: manifest.data.title, summary: manifest.data.summary, lessons, quizzes });
  }

  // Ids are global because the API addresses lessons and quizzes without their course.
  for (const kind of ["lessons", "quizzes"] as const) {
    const seen = new Set<string>();
    for (const item of courses.flatMap((c) => c[kind])) {
      if (seen.has(item.id)) problems.push(`id "${item.id}" bị dùng cho hai ${kind === "lessons" ? "bài học" : "bài kiểm tra"}`);
      seen.add(item.id);
    }
  }

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
  // Raw HTML would reach the phone unescaped; lessons are Markdown only.
  let rawHtml = false;
  markdown.walkTokens(markdown.lexer(parts.body), (token) => {
    if (token.type === "html") rawHtml = true;
  });
  if (rawHtml) {
    problem("không được viết HTML trong bài học, chỉ dùng Markdown");
    return null;
  }
  return { ...meta.data, html: markdown.parse(parts.body) as string };
}
