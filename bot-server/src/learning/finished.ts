import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { lessonCompletions, quizAttempts } from "../db/schema";

/** What a learner has finished: lessons read and quizzes passed. The course list, the chat and reminders all start from it. */
export function finishedBy(db: DbOrTx, learnerId: number): { completed: Set<string>; passed: Set<string> } {
  const completed = db
    .select({ id: lessonCompletions.lessonId })
    .from(lessonCompletions)
    .where(eq(lessonCompletions.learnerId, learnerId))
    .all();
  const passed = db
    .select({ id: quizAttempts.quizId })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.learnerId, learnerId), eq(quizAttempts.passed, true)))
    .all();
  return { completed: new Set(completed.map((r) => r.id)), passed: new Set(passed.map((r) => r.id)) };
}
