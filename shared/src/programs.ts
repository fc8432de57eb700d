/**
 * A program's rule, read from content: a learner completes the program when, for every required course,
 * their best attempt at that course's final quiz reaches the program's pass mark.
 */

export interface ProgramRule {
  courses: readonly string[];
  passPercent: number;
}

export interface BestScore {
  correctCount: number;
  questionCount: number;
}

export interface CourseStanding {
  courseId: string;
  finalQuizId: string;
  /** Rounded percent of the best attempt, or null when the final quiz was never finished. */
  bestPercent: number | null;
  passed: boolean;
}

/** Integer comparison, as in quiz scoring: 8/10 against 80% passes without float error. */
export function meetsPassMark(score: BestScore, passPercent: number): boolean {
  return score.questionCount > 0 && score.correctCount * 100 >= passPercent * score.questionCount;
}

export function programStanding(
  rule: ProgramRule,
  finalQuizOf: (courseId: string) => string | undefined,
  bestScoreOf: (quizId: string) => BestScore | undefined,
): { courses: CourseStanding[]; passedCount: number; completed: boolean } {
  const courses = rule.courses.map((courseId) => {
    const finalQuizId = finalQuizOf(courseId) ?? "";
    const best = finalQuizId ? bestScoreOf(finalQuizId) : undefined;
    return {
      courseId,
      finalQuizId,
      bestPercent: best && best.questionCount > 0 ? Math.round((best.correctCount * 100) / best.questionCount) : null,
      passed: best !== undefined && meetsPassMark(best, rule.passPercent),
    };
  });
  const passedCount = courses.filter((c) => c.passed).length;
  return { courses, passedCount, completed: passedCount === courses.length };
}

/**
 * Reading a question and its options takes a person a few seconds at the very least; a final quiz answered
 * faster than this was not read. Such a pass earns no certificate until a staff member has looked at it.
 */
export const MIN_SECONDS_PER_QUESTION = 3;

export function answeredTooFast(questionCount: number, elapsedMs: number): boolean {
  return elapsedMs < questionCount * MIN_SECONDS_PER_QUESTION * 1000;
}

/** The program's rule in words, for the dashboard and the certificate's criteria. */
export function programRuleText(courseTitles: readonly string[], passPercent: number): string {
  return `Đạt khi bài kiểm tra cuối khóa của cả ${courseTitles.length} khóa học (${courseTitles.join("; ")}) được từ ${passPercent}% trở lên.`;
}

/** Each quiz's best finished attempt, compared in integers (a fraction is better when a*d > c*b). */
export function bestScores(
  attempts: ReadonlyArray<{ quizId: string; correctCount: number | null; questionCount: number }>,
): Map<string, BestScore> {
  const best = new Map<string, BestScore>();
  for (const a of attempts) {
    const score = { correctCount: a.correctCount ?? 0, questionCount: a.questionCount };
    const known = best.get(a.quizId);
    if (!known || score.correctCount * known.questionCount > known.correctCount * score.questionCount) best.set(a.quizId, score);
  }
  return best;
}
