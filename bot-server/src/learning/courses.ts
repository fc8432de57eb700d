import type { CourseList } from "@hvs/shared/api";
import { Hono } from "hono";
import type { Db } from "../db/client";
import type { AppEnv } from "../http/context";
import type { CurriculumIndex } from "./curriculum";
import { finishedBy } from "./finished";

export function createCourseRoutes({ db, content }: { db: Db; content: CurriculumIndex }) {
  return new Hono<AppEnv>().get("/", (c) => {
    const learnerId = c.get("learnerId");
    const { completed, passed } = finishedBy(db, learnerId);
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
