import { LessonQuery, type LessonView } from "@hvs/shared/api";
import { Slug } from "@hvs/shared/content";
import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";
import { params, query } from "../http/validate";
import type { CurriculumIndex } from "./curriculum";

const LessonParams = z.object({ lessonId: Slug });

export function createLessonRoutes({ content }: { content: CurriculumIndex }) {
  const find = (id: string) => {
    const found = content.lessons.get(id);
    if (!found) throw new AppError("LESSON_NOT_FOUND", id);
    return found;
  };
  return new Hono<AppEnv>().get("/:lessonId", params(LessonParams), query(LessonQuery), (c) => {
    const { lesson, courseId, previous, next } = find(c.req.valid("param").lessonId);
    const wanted = c.req.valid("query").lang;
    // Another language when it exists; Vietnamese otherwise, never an empty screen.
    const translation = wanted ? lesson.translations[wanted] : undefined;
    const body: LessonView = {
      id: lesson.id,
      courseId,
      title: translation?.title ?? lesson.title,
      minutes: lesson.minutes,
      version: lesson.version,
      objectives: translation?.objectives ?? lesson.objectives,
      html: translation?.html ?? lesson.html,
      quizId: lesson.quiz ?? null,
      audioUrl: lesson.audio ? `/media/${lesson.audio}` : null,
      language: translation && wanted ? wanted : "vi",
      languages: ["vi", ...Object.keys(lesson.translations)],
      previousLessonId: previous,
      nextLessonId: next,
    };
    return c.json(body, 200);
  });
}
