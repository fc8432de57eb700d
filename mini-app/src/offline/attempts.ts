import type { AnswerFeedback, AttemptResult, ProgressEvent, ProgressResult, QuizView } from "@hvs/shared/api";
import { loadJson, save, saveJson } from "../storage";
import { newClientId } from "./client-id";

/**
 * The learner's current attempt at each quiz, as the phone knows it: answers given (with the server's
 * feedback once it has graded them) and the result. Offline, an answer is kept here and in the outbox;
 * the feedback arrives when the network does.
 */
export interface LocalAttempt {
  attemptId: string;
  quizId: string;
  quizVersion: number;
  answers: Record<string, { optionIds: string[]; feedback: AnswerFeedback | null }>;
  result: AttemptResult | null;
  /** Set when the result screen has been shown, so reopening the quiz starts a new attempt. */
  resultSeen: boolean;
  /** Why the server refused the attempt (the quiz changed, …): the learner starts again. */
  problem: string | null;
}

type Store = Record<string, LocalAttempt>;
const key = (learnerId: number) => `hvs.attempts.${learnerId}`;
const read = (learnerId: number): Store => loadJson<Store>(key(learnerId)) ?? {};

export function currentAttempt(learnerId: number, quizId: string): LocalAttempt | null {
  return read(learnerId)[quizId] ?? null;
}

export function saveAttempt(learnerId: number, attempt: LocalAttempt): void {
  saveJson(key(learnerId), { ...read(learnerId), [attempt.quizId]: attempt });
}

/** A fresh attempt and the event that opens it on the server. */
export function newAttempt(quiz: QuizView): { attempt: LocalAttempt; event: ProgressEvent } {
  const attemptId = newClientId();
  return {
    attempt: { attemptId, quizId: quiz.id, quizVersion: quiz.version, answers: {}, result: null, resultSeen: false, problem: null },
    event: {
      id: newClientId(),
      at: new Date().toISOString(),
      type: "attempt_started",
      attemptId,
      quizId: quiz.id,
      quizVersion: quiz.version,
    },
  };
}

/** Folds the server's answer to one event into the attempt it concerns. True when something changed. */
export function applyToAttempt(learnerId: number, event: ProgressEvent, result: ProgressResult): boolean {
  if (event.type !== "attempt_started" && event.type !== "answer") return false;
  const store = read(learnerId);
  const attempt = Object.values(store).find((a) => a.attemptId === event.attemptId);
  if (!attempt) return false;
  if (result.status === "rejected") {
    attempt.problem = result.error?.message ?? "Bài kiểm tra này cần làm lại từ đầu.";
  } else if (event.type === "answer" && result.feedback) {
    // The server's record wins: if this question was answered before (another phone), that answer stands.
    attempt.answers[event.questionId] = { optionIds: result.feedback.chosenOptionIds, feedback: result.feedback };
    attempt.result = result.feedback.attempt.result ?? attempt.result;
  } else {
    return false;
  }
  saveJson(key(learnerId), store);
  return true;
}

export function forgetAttempts(learnerId: number): void {
  save(key(learnerId), null);
}
