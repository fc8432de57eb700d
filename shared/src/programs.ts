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
