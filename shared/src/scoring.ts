/**
 * Quiz scoring. Pure, so the server grades with it and tests can pin it down; the client never needs it
 * because grading happens on the server.
 */

interface GradableQuestion {
  kind: "single" | "multiple" | "true_false";
  options: ReadonlyArray<{ id: string; correct: boolean }>;
}

/** Why an answer cannot be graded at all, or null when it has a valid shape. */
export function answerShapeProblem(question: GradableQuestion, optionIds: readonly string[]): string | null {
  if (optionIds.length === 0) return "chưa chọn phương án nào";
  if (new Set(optionIds).size !== optionIds.length) return "một phương án được chọn hai lần";
  const known = new Set(question.options.map((o) => o.id));
  if (optionIds.some((id) => !known.has(id))) return "phương án không có trong câu hỏi";
  if (question.kind !== "multiple" && optionIds.length !== 1) return "câu này chỉ được chọn một phương án";
  return null;
}

/** An answer is right when the chosen set is exactly the set of correct options: no partial credit. */
export function isAnswerCorrect(question: GradableQuestion, optionIds: readonly string[]): boolean {
  const correct = question.options.filter((o) => o.correct).map((o) => o.id);
  const chosen = new Set(optionIds);
  return chosen.size === correct.length && correct.every((id) => chosen.has(id));
}

export interface Score {
  correctCount: number;
  total: number;
  scorePercent: number;
  passed: boolean;
}

export function scoreAttempt(passPercent: number, total: number, correctCount: number): Score {
  if (total <= 0 || correctCount < 0 || correctCount > total) {
    throw new RangeError(`invalid score ${correctCount}/${total}`);
  }
  return {
    correctCount,
    total,
    scorePercent: Math.round((correctCount * 100) / total),
    // Compared in integers so that 3/4 against a 75% bar passes regardless of float rounding.
    passed: correctCount * 100 >= passPercent * total,
  };
}
