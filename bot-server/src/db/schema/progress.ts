import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { learners } from "./learners";

export const lessonCompletions = sqliteTable(
  "lesson_completions",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    learnerId: integer()
      .notNull()
      .references(() => learners.id, { onDelete: "cascade" }),
    lessonId: text().notNull(),
    /** The content version read, so a later rewrite of the lesson does not rewrite history. */
    lessonVersion: integer().notNull(),
    completedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("lesson_completions_learner_lesson").on(t.learnerId, t.lessonId)],
);

export const quizAttempts = sqliteTable(
  "quiz_attempts",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    learnerId: integer()
      .notNull()
      .references(() => learners.id, { onDelete: "cascade" }),
    quizId: text().notNull(),
    /** Graded against this version, even if the quiz changes while the attempt is open. */
    quizVersion: integer().notNull(),
    questionCount: integer().notNull(),
    startedAt: integer({ mode: "timestamp_ms" }).notNull(),
    finishedAt: integer({ mode: "timestamp_ms" }),
    correctCount: integer(),
    passed: integer({ mode: "boolean" }),
  },
  (t) => [index("quiz_attempts_learner_quiz").on(t.learnerId, t.quizId)],
);

/** One row per question answered; the primary key is what makes the first answer final. */
export const quizAnswers = sqliteTable(
  "quiz_answers",
  {
    attemptId: integer()
      .notNull()
      .references(() => quizAttempts.id, { onDelete: "cascade" }),
    questionId: text().notNull(),
    optionIds: text({ mode: "json" }).$type<string[]>().notNull(),
    correct: integer({ mode: "boolean" }).notNull(),
    answeredAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionId] })],
);
