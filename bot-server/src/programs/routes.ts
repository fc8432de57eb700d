import type { ProgramList } from "@hvs/shared/api";
import { bestScores, programStanding } from "@hvs/shared/programs";
import { and, eq, isNotNull } from "drizzle-orm";
import { Hono } from "hono";
import type { Db } from "../db/client";
import { quizAttempts } from "../db/schema";
import type { AppEnv } from "../http/context";
import type { CurriculumIndex } from "../learning/curriculum";

/** The learner's standing in each program, judged by the rule the content states. */
export function createProgramRoutes({ db, content }: { db: Db; content: CurriculumIndex }) {
  return new Hono<AppEnv>().get("/", (c) => {
    const finished = db
      .select({ quizId: quizAttempts.quizId, correctCount: quizAttempts.correctCount, questionCount: quizAttempts.questionCount })
      .from(quizAttempts)
      .where(and(eq(quizAttempts.learnerId, c.get("learnerId")), isNotNull(quizAttempts.finishedAt)))
      .all();
    const best = bestScores(finished);
    const courses = new Map(content.curriculum.courses.map((course) => [course.id, course]));
    const body: ProgramList = {
      programs: content.curriculum.programs.map((program) => {
        const standing = programStanding(
          program,
          (id) => courses.get(id)?.finalQuiz,
          (quizId) => best.get(quizId),
        );
        return {
          id: program.id,
          title: program.title,
          description: program.description,
          passPercent: program.passPercent,
          completed: standing.completed,
          passedCount: standing.passedCount,
          courses: standing.courses.map((s) => ({ ...s, title: courses.get(s.courseId)?.title ?? s.courseId })),
        };
      }),
    };
    return c.json(body, 200);
  });
}
