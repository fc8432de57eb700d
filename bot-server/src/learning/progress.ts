import type { AnswerFeedback, AttemptState } from "@hvs/shared/api";
import type { Quiz } from "@hvs/shared/content";
import { answerShapeProblem, isAnswerCorrect, scoreAttempt } from "@hvs/shared/scoring";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { lessonCompletions, quizAnswers, quizAttempts } from "../db/schema";
import { AppError } from "../http/app-error";

/** Idempotent: finishing a lesson twice keeps the first completion. */
export function completeLesson(db: Db, learnerId: number, lesson: { id: string; version: number }, now: Date) {
  db.insert(lessonCompletions)
    .values({ learnerId, lessonId: lesson.id, lessonVersion: lesson.version, completedAt: now })
    .onConflictDoNothing()
    .run();
  const row = db
    .select({ completedAt: lessonCompletions.completedAt })
    .from(lessonCompletions)
    .where(and(eq(lessonCompletions.learnerId, learnerId), eq(lessonCompletions.lessonId, lesson.id)))
    .get();
  if (!row) throw new Error("completion missing after insert");
  return { lessonId: lesson.id, completedAt: row.completedAt.toISOString() };
}

function attemptState(tx: DbOrTx, attempt: typeof quizAttempts.$inferSelect, passPercent: number): AttemptState {
  const answered = tx
    .select({ questionId: quizAnswers.questionId })
    .from(quizAnswers)
    .where(eq(quizAnswers.attemptId, attempt.id))
    .all()
    .map((a) => a.questionId);
  return {
    attemptId: attempt.id,
    quizId: attempt.quizId,
    quizVersion: attempt.quizVersion,
    answered: answered.length,
    answeredQuestionIds: answered,
    total: attempt.questionCount,
    result: attempt.correctCount === null ? null : scoreAttempt(passPercent, attempt.questionCount, attempt.correctCount),
  };
}

/**
 * Opens an attempt, or resumes the learner's unfinished one for the same quiz version: leaving the quiz
 * screen and coming back (or a lost response) does not start over or pile up empty attempts.
 */
export function startAttempt(db: Db, learnerId: number, quiz: Quiz, now: Date): { state: AttemptState; resumed: boolean } {
  return db.transaction(
    (tx) => {
      const open = tx
        .select()
        .from(quizAttempts)
        .where(
          and(
            eq(quizAttempts.learnerId, learnerId),
            eq(quizAttempts.quizId, quiz.id),
            eq(quizAttempts.quizVersion, quiz.version),
            isNull(quizAttempts.finishedAt),
          ),
        )
        .orderBy(desc(quizAttempts.id))
        .get();
      if (open) return { state: attemptState(tx, open, quiz.passPercent), resumed: true };
      const created = tx
        .insert(quizAttempts)
        .values({ learnerId, quizId: quiz.id, quizVersion: quiz.version, questionCount: quiz.questions.length, startedAt: now })
        .returning()
        .get();
      return { state: attemptState(tx, created, quiz.passPercent), resumed: false };
    },
    { behavior: "immediate" },
  );
}

/**
 * Records one answer and says whether it was right. The first answer to a question is final: a resend
 * (weak network) gets the stored feedback back, and a different second answer cannot replace it. When the
 * last question is answered the attempt is graded, in the same transaction.
 */
export function answerQuestion(
  db: Db,
  learnerId: number,
  attemptId: number,
  quizFor: (quizId: string) => Quiz | undefined,
  answer: { questionId: string; optionIds: string[] },
  now: Date,
): AnswerFeedback {
  return db.transaction(
    (tx) => {
      // Scoped to the learner: someone else's attempt id is simply not found (no BOLA).
      let attempt = tx
        .select()
        .from(quizAttempts)
        .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.learnerId, learnerId)))
        .get();
      if (!attempt) throw new AppError("ATTEMPT_NOT_FOUND");
      const quiz = quizFor(attempt.quizId);
      if (!quiz) throw new AppError("QUIZ_NOT_FOUND");
      if (quiz.version !== attempt.quizVersion) throw new AppError("QUIZ_CHANGED");
      const question = quiz.questions.find((q) => q.id === answer.questionId);
      if (!question) throw new AppError("QUESTION_NOT_FOUND");

      const stored = tx
        .select({ optionIds: quizAnswers.optionIds, correct: quizAnswers.correct })
        .from(quizAnswers)
        .where(and(eq(quizAnswers.attemptId, attempt.id), eq(quizAnswers.questionId, question.id)))
        .get();
      let chosen: string[];
      let correct: boolean;
      if (stored) {
        chosen = stored.optionIds;
        correct = stored.correct;
      } else {
        if (attempt.finishedAt !== null) throw new AppError("ATTEMPT_NOT_FOUND", "attempt already finished");
        const problem = answerShapeProblem(question, answer.optionIds);
        if (problem) throw new AppError("INVALID_ANSWER", problem);
        chosen = answer.optionIds;
        correct = isAnswerCorrect(question, chosen);
        tx.insert(quizAnswers)
          .values({ attemptId: attempt.id, questionId: question.id, optionIds: chosen, correct, answeredAt: now })
          .run();

        const answers = tx.select({ correct: quizAnswers.correct }).from(quizAnswers).where(eq(quizAnswers.attemptId, attempt.id)).all();
        if (answers.length === attempt.questionCount) {
          const score = scoreAttempt(quiz.passPercent, attempt.questionCount, answers.filter((a) => a.correct).length);
          attempt = tx
            .update(quizAttempts)
            .set({ finishedAt: now, correctCount: score.correctCount, passed: score.passed })
            .where(eq(quizAttempts.id, attempt.id))
            .returning()
            .get();
        }
      }
      return {
        questionId: question.id,
        chosenOptionIds: chosen,
        correct,
        correctOptionIds: question.options.filter((o) => o.correct).map((o) => o.id),
        explanations: question.options.map((o) => ({ optionId: o.id, text: o.text, explanation: o.explanation })),
        attempt: attemptState(tx, attempt, quiz.passPercent),
      };
    },
    { behavior: "immediate" },
  );
}
