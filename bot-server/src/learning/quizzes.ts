import { AnswerRequest, type QuizView } from "@hvs/shared/api";
import { Slug } from "@hvs/shared/content";
import { Hono } from "hono";
import { z } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";
import { jsonBody, params } from "../http/validate";
import type { CurriculumIndex } from "./curriculum";
import { answerQuestion, startAttempt } from "./progress";

const QuizParams = z.object({ quizId: Slug });
const AttemptParams = z.object({ attemptId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

interface Deps {
  db: Db;
  content: CurriculumIndex;
  now: () => Date;
}

export function createQuizRoutes({ db, content, now }: Deps) {
  const find = (id: string) => {
    const quiz = content.quizzes.get(id);
    if (!quiz) throw new AppError("QUIZ_NOT_FOUND", id);
    return quiz;
  };
  return new Hono<AppEnv>()
    .get("/:quizId", params(QuizParams), (c) => {
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
    })
    .post("/:quizId/attempts", params(QuizParams), (c) => {
      const quiz = find(c.req.valid("param").quizId);
      const { state, resumed } = startAttempt(db, c.get("learnerId"), quiz, now());
      return c.json(state, resumed ? 200 : 201);
    });
}

export function createAttemptRoutes({ db, content, now }: Deps) {
  return new Hono<AppEnv>().post("/:attemptId/answers", params(AttemptParams), jsonBody(AnswerRequest), (c) => {
    const { attemptId } = c.req.valid("param");
    const feedback = answerQuestion(db, c.get("learnerId"), attemptId, (id) => content.quizzes.get(id), c.req.valid("json"), now());
    return c.json(feedback, 200);
  });
}
