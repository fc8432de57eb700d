import type { CourseList } from "@hvs/shared/api";
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import type { Db } from "../db/client";
import { lessonCompletions, quizAttempts } from "../db/schema";
import type { AppEnv } from "../http/context";
import type { CurriculumIndex } from "./curriculum";

export function createCourseRoutes({ db, content }: { db: Db; content: CurriculumIndex }) {
  return new Hono<AppEnv>().get("/", (c) => {
    const learnerId = c.get("learnerId");
    const completed = new Set(
      db
        .select({ id: lessonCompletions.lessonId })
        .from(lessonCompletions)
        .where(eq(lessonCompletions.learnerId, learnerId))
        .all()
        .map((r) => r.id),
    );
    const passed = new Set(
      db
        .select({ id: quizAttempts.quizId })
        .from(quizAttempts)
        .where(and(eq(quizAttempts.learnerId, learnerId), eq(quizAttempts.passed, true)))
        .all()
        .map((r) => r.id),
    );
    const body: CourseList = {
      courses: content.curriculum.courses.map((course) => ({
        id: course.id,
        title: course.title,
        summary: course.summary,
        finalQuizId: course.finalQuiz,
        finalQuizPassed: passed.has(course.finalQuiz),
        lessons: course.lessons.map((lesson) => ({
          id: lesson.id,
          title: lesson.title,
          minutes: lesson.minutes,
          quizId: lesson.quiz ?? null,
          completed: completed.has(lesson.id),
          quizPassed: lesson.quiz !== undefined && passed.has(lesson.quiz),
        })),
      })),
    };
    return c.json(body, 200);
  });
}
