import type { AnswerFeedback, AttemptState, ProgressEvent, ProgressResult } from "@hvs/shared/api";
import { ProgressEvent as ProgressEventSchema } from "@hvs/shared/api";
import type { Quiz } from "@hvs/shared/content";
import { ERRORS } from "@hvs/shared/errors";
import { answerShapeProblem, isAnswerCorrect, scoreAttempt } from "@hvs/shared/scoring";
import { and, count, eq, gt, sql } from "drizzle-orm";
import { afterAttemptFinished } from "../certificates/issue";
import type { DbOrTx } from "../db/client";
import { preparedOnce } from "../db/prepared";
import { inSavepoint } from "../db/savepoint";
import { lessonCompletions, progressEvents, quizAnswers, quizAttempts } from "../db/schema";
import { refreshAfterQuizPass } from "../households/readiness";
import { AppError } from "../http/app-error";
import { milestoneRules, noteActivity, recomputeCourseFinished, type TookPartBy, vietnamDay } from "../indicators/milestones";
import type { CurriculumIndex } from "./curriculum";

export const MAX_ATTEMPTS_PER_QUIZ_PER_HOUR = 10;

/** What an event did; `duplicate` when its natural key was already there, so nothing new was stored. */
type Effect = Pick<ProgressResult, "completion" | "attempt" | "feedback"> & { duplicate?: boolean };

/**
 * Records a batch of events from one learner's phone, in order, inside the caller's write transaction (the
 * route commits before it answers, so an acknowledged event is durable). Each event runs in its own
 * savepoint, so a rejected one leaves no trace and does not undo the others.
 */
export function recordEvents(
  tx: DbOrTx,
  learnerId: number,
  content: CurriculumIndex,
  raw: unknown[],
  now: Date,
  /** The team member helping, when the events come from their phone acting for the learner. */
  assistedBy: number | null = null,
): ProgressResult[] {
  return raw.map((candidate): ProgressResult => {
    const parsed = ProgressEventSchema.safeParse(candidate);
    if (!parsed.success) return rejected(idOf(candidate), new AppError("VALIDATION_FAILED"));
    const event = parsed.data;
    try {
      return inSavepoint(tx, () => {
        const fresh = logEvent(tx, learnerId, event, now);
        const { duplicate, ...effect } = apply(tx, learnerId, content, event, now, assistedBy);
        if (fresh && !duplicate) noteActivity(tx, learnerId, vietnamDay(now), tookPartBy(event, effect));
        return { id: event.id, status: fresh && !duplicate ? "recorded" : "duplicate", ...effect };
      });
    } catch (error) {
      if (error instanceof AppError) return rejected(event.id, error);
      throw error;
    }
  });
}

/** A finished lesson, or the answer that finished a quiz, is taking part; opening either is only starting. */
function tookPartBy(event: ProgressEvent, effect: Effect): TookPartBy | null {
  if (event.type === "lesson_completed") return "lesson";
  if (event.type === "answer" && effect.feedback?.attempt.result) return "quiz";
  return null;
}

function idOf(candidate: unknown): string | null {
  const id = (candidate as { id?: unknown } | null)?.id;
  return typeof id === "string" && id.length <= 64 ? id : null;
}

function rejected(id: string | null, error: AppError): ProgressResult {
  return { id, status: "rejected", error: { code: error.code, message: ERRORS[error.code].message } };
}

// Every request writes an event and many complete a lesson: these statements are prepared once (db/prepared.ts).
const insertEvent = preparedOnce((db) =>
  db
    .insert(progressEvents)
    .values({
      learnerId: sql.placeholder("learnerId"),
      eventId: sql.placeholder("eventId"),
      type: sql.placeholder("type"),
      subject: sql.placeholder("subject"),
      occurredAt: sql.placeholder("occurredAt"),
      receivedAt: sql.placeholder("receivedAt"),
    })
    .onConflictDoNothing()
    .returning({ id: progressEvents.id })
    .prepare(),
);

const eventById = preparedOnce((db) =>
  db
    .select({ type: progressEvents.type, subject: progressEvents.subject })
    .from(progressEvents)
    .where(and(eq(progressEvents.learnerId, sql.placeholder("learnerId")), eq(progressEvents.eventId, sql.placeholder("eventId"))))
    .prepare(),
);

/**
 * True when this event id is new for the learner. An id seen before must be the same event again: one
 * reused for something else (another lesson, another kind) is refused rather than applied under it.
 */
function logEvent(tx: DbOrTx, learnerId: number, event: ProgressEvent, now: Date): boolean {
  const claimed = new Date(event.at);
  const subject = event.type === "attempt_started" || event.type === "answer" ? event.attemptId : event.lessonId;
  const inserted = insertEvent(tx).all({
    learnerId,
    eventId: event.id,
    type: event.type,
    subject,
    // A phone's clock can be anywhere; a time in the future is recorded as the time it arrived.
    occurredAt: claimed > now ? now : claimed,
    receivedAt: now,
  });
  if (inserted.length === 1) return true;
  const seen = eventById(tx).get({ learnerId, eventId: event.id });
  if (seen?.type !== event.type || seen.subject !== subject) throw new AppError("VALIDATION_FAILED", "event id reused for another event");
  return false;
}

/**
 * Every effect is idempotent on its own natural key as well (one completion per lesson, one attempt per
 * client id, the first answer per question), so a resend under a new event id cannot count twice either.
 */
function apply(
  tx: DbOrTx,
  learnerId: number,
  content: CurriculumIndex,
  event: ProgressEvent,
  now: Date,
  assistedBy: number | null,
): Effect {
  switch (event.type) {
    case "lesson_opened": {
      if (!content.lessons.has(event.lessonId)) throw new AppError("LESSON_NOT_FOUND");
      return {};
    }
    case "lesson_completed": {
      const found = content.lessons.get(event.lessonId);
      if (!found) throw new AppError("LESSON_NOT_FOUND");
      if (event.lessonVersion > found.lesson.version) throw new AppError("VALIDATION_FAILED", "lesson version from the future");
      return completeLesson(tx, learnerId, { id: found.lesson.id, version: event.lessonVersion }, now);
    }
    case "attempt_started":
      return startAttempt(tx, learnerId, content, event, now, assistedBy);
    case "answer":
      return answerQuestion(tx, learnerId, content, event, now);
  }
}

const insertCompletion = preparedOnce((db) =>
  db
    .insert(lessonCompletions)
    .values({
      learnerId: sql.placeholder("learnerId"),
      lessonId: sql.placeholder("lessonId"),
      lessonVersion: sql.placeholder("lessonVersion"),
      completedAt: sql.placeholder("completedAt"),
    })
    .onConflictDoNothing()
    .prepare(),
);

const completionOf = preparedOnce((db) =>
  db
    .select({ completedAt: lessonCompletions.completedAt })
    .from(lessonCompletions)
    .where(and(eq(lessonCompletions.learnerId, sql.placeholder("learnerId")), eq(lessonCompletions.lessonId, sql.placeholder("lessonId"))))
    .prepare(),
);

/** Finishing a lesson twice keeps the first completion. */
function completeLesson(tx: DbOrTx, learnerId: number, lesson: { id: string; version: number }, now: Date): Effect {
  const inserted = insertCompletion(tx).run({ learnerId, lessonId: lesson.id, lessonVersion: lesson.version, completedAt: now });
  const row = completionOf(tx).get({ learnerId, lessonId: lesson.id });
  if (!row) throw new Error("completion missing after insert");
  return { duplicate: inserted.changes === 0, completion: { lessonId: lesson.id, completedAt: row.completedAt.toISOString() } };
}

function attemptState(tx: DbOrTx, attempt: typeof quizAttempts.$inferSelect, passPercent: number): AttemptState {
  const answered = tx
    .select({ questionId: quizAnswers.questionId })
    .from(quizAnswers)
    .where(eq(quizAnswers.attemptId, attempt.id))
    .all()
    .map((a) => a.questionId);
  return {
    attemptId: attempt.clientId,
    quizId: attempt.quizId,
    quizVersion: attempt.quizVersion,
    answered: answered.length,
    answeredQuestionIds: answered,
    total: attempt.questionCount,
    result: attempt.correctCount === null ? null : scoreAttempt(passPercent, attempt.questionCount, attempt.correctCount),
  };
}

/** Scoped to the learner: someone else's attempt id is simply not found. */
function findAttempt(tx: DbOrTx, learnerId: number, clientId: string) {
  return tx
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.learnerId, learnerId), eq(quizAttempts.clientId, clientId)))
    .get();
}

function currentQuiz(content: CurriculumIndex, quizId: string, version: number): Quiz {
  const quiz = content.quizzes.get(quizId);
  if (!quiz) throw new AppError("QUIZ_NOT_FOUND");
  // Only the current version's answers are on the server: an attempt of an older one cannot be graded.
  if (quiz.version !== version) throw new AppError("QUIZ_CHANGED");
  return quiz;
}

/**
 * Opens the attempt the phone named, or returns it as it stands: starting again with the same id (after
 * leaving the quiz, or a lost response) resumes it rather than piling up empty attempts.
 */
function startAttempt(
  tx: DbOrTx,
  learnerId: number,
  content: CurriculumIndex,
  event: Extract<ProgressEvent, { type: "attempt_started" }>,
  now: Date,
  assistedBy: number | null,
): Effect {
  const existing = findAttempt(tx, learnerId, event.attemptId);
  if (existing) {
    if (existing.quizId !== event.quizId) throw new AppError("ATTEMPT_NOT_FOUND", "attempt id belongs to another quiz");
    return {
      duplicate: true,
      attempt: attemptState(tx, existing, currentQuiz(content, existing.quizId, existing.quizVersion).passPercent),
    };
  }
  const quiz = currentQuiz(content, event.quizId, event.quizVersion);
  // Retrying without end is how answers are harvested and certificates farmed; a learner who is really
  // studying never needs this many attempts at one quiz in an hour.
  const recent = tx
    .select({ n: count() })
    .from(quizAttempts)
    .where(
      and(
        eq(quizAttempts.learnerId, learnerId),
        eq(quizAttempts.quizId, quiz.id),
        gt(quizAttempts.startedAt, new Date(now.getTime() - 60 * 60 * 1000)),
      ),
    )
    .get();
  if ((recent?.n ?? 0) >= MAX_ATTEMPTS_PER_QUIZ_PER_HOUR) throw new AppError("TOO_MANY_ATTEMPTS");
  const created = tx
    .insert(quizAttempts)
    .values({
      learnerId,
      clientId: event.attemptId,
      quizId: quiz.id,
      quizVersion: quiz.version,
      questionCount: quiz.questions.length,
      startedAt: now,
      assistedBy,
    })
    .returning()
    .get();
  return { attempt: attemptState(tx, created, quiz.passPercent) };
}

/**
 * Records one answer and says whether it was right. The first answer to a question is final: a resend gets
 * the stored feedback back, and a different second answer cannot replace it. When the last question is
 * answered the attempt is graded, in the same transaction.
 */
function answerQuestion(
  tx: DbOrTx,
  learnerId: number,
  content: CurriculumIndex,
  event: Extract<ProgressEvent, { type: "answer" }>,
  now: Date,
): Effect & { feedback: AnswerFeedback } {
  let attempt = findAttempt(tx, learnerId, event.attemptId);
  if (!attempt) throw new AppError("ATTEMPT_NOT_FOUND");
  const quiz = currentQuiz(content, attempt.quizId, attempt.quizVersion);
  const question = quiz.questions.find((q) => q.id === event.questionId);
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
    const problem = answerShapeProblem(question, event.optionIds);
    if (problem) throw new AppError("INVALID_ANSWER", problem);
    chosen = event.optionIds;
    correct = isAnswerCorrect(question, chosen);
    tx.insert(quizAnswers).values({ attemptId: attempt.id, questionId: question.id, optionIds: chosen, correct, answeredAt: now }).run();

    const answers = tx.select({ correct: quizAnswers.correct }).from(quizAnswers).where(eq(quizAnswers.attemptId, attempt.id)).all();
    if (answers.length === attempt.questionCount) {
      const score = scoreAttempt(quiz.passPercent, attempt.questionCount, answers.filter((a) => a.correct).length);
      attempt = tx
        .update(quizAttempts)
        .set({ finishedAt: now, correctCount: score.correctCount, passed: score.passed })
        .where(eq(quizAttempts.id, attempt.id))
        .returning()
        .get();
      afterAttemptFinished(tx, attempt, quiz, content, now);
      if (attempt.passed) {
        recomputeCourseFinished(tx, milestoneRules(content), learnerId);
        refreshAfterQuizPass(tx, content, learnerId);
      }
    }
  }
  return {
    duplicate: stored !== undefined,
    feedback: {
      questionId: question.id,
      chosenOptionIds: chosen,
      correct,
      correctOptionIds: question.options.filter((o) => o.correct).map((o) => o.id),
      explanations: question.options.map((o) => ({ optionId: o.id, text: o.text, explanation: o.explanation })),
      attempt: attemptState(tx, attempt, quiz.passPercent),
    },
  };
}
