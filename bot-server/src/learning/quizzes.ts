import type { QuizView } from "@hvs/shared/api";
import { Slug } from "@hvs/shared/content";
import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";
import { params } from "../http/validate";
import type { CurriculumIndex } from "./curriculum";

const QuizParams = z.object({ quizId: Slug });

/** Quizzes are read here; attempts and answers arrive as progress events (`/api/progress`). */
export function createQuizRoutes({ content }: { content: CurriculumIndex }) {
  const find = (id: string) => {
    const quiz = content.quizzes.get(id);
    if (!quiz) throw new AppError("QUIZ_NOT_FOUND", id);
    return quiz;
  };
  return new Hono<AppEnv>().get("/:quizId", params(QuizParams), (c) => {
    const quiz = find(c.req.valid("param").quizId);
    // Built field by field so that `correct` and explanations can never leak by a spread.
    const body: QuizView = {
      id: quiz.id,
      title: quiz.title,
      version: quiz.version,
      passPercent: quiz.passPercent,
      questions: quiz.questions.map((q) => ({
        id: q.id,
        kind: q.kind,
        prompt: q.prompt,
        options: q.options.map((o) => ({ id: o.id, text: o.text })),
      })),
    };
    return c.json(body, 200);
  });
}
