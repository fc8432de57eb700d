import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Curriculum, type Lesson, type Quiz } from "@hvs/shared/content";

export interface CurriculumIndex {
  curriculum: Curriculum;
  /** Folder that lesson narration paths are relative to (the content package's courses/). */
  mediaRoot: string | null;
  lessons: Map<string, { lesson: Lesson; courseId: string; previous: string | null; next: string | null }>;
  quizzes: Map<string, Quiz>;
}

export function indexCurriculum(curriculum: Curriculum, mediaRoot: string | null = null): CurriculumIndex {
  const lessons: CurriculumIndex["lessons"] = new Map();
  const quizzes = new Map<string, Quiz>();
  for (const course of curriculum.courses) {
    course.lessons.forEach((lesson, i) => {
      lessons.set(lesson.id, {
        lesson,
        courseId: course.id,
        previous: course.lessons[i - 1]?.id ?? null,
        next: course.lessons[i + 1]?.id ?? null,
      });
    });
    for (const quiz of course.quizzes) quizzes.set(quiz.id, quiz);
  }
  return { curriculum, mediaRoot, lessons, quizzes };
}

/** Reads the compiled curriculum from the content package, checked again: the file may be stale or edited. */
export function loadCurriculum(): CurriculumIndex {
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve("@hvs/content/curriculum.json");
  } catch {
    throw new Error("Chưa có nội dung đã biên dịch (content/dist/curriculum.json). Hãy chạy: npm run build -w content");
  }
  const parsed = Curriculum.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`content/dist/curriculum.json không hợp lệ; hãy biên dịch lại nội dung. ${parsed.error.message}`);
  return indexCurriculum(parsed.data, join(dirname(path), "..", "courses"));
}
