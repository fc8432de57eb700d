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
    /** The id the phone gave the attempt (a UUID), so answers queued offline can name it. */
    clientId: text().notNull(),
    quizId: text().notNull(),
    /** Graded against this version, even if the quiz changes while the attempt is open. */
    quizVersion: integer().notNull(),
    questionCount: integer().notNull(),
    startedAt: integer({ mode: "timestamp_ms" }).notNull(),
    finishedAt: integer({ mode: "timestamp_ms" }),
    correctCount: integer(),
    passed: integer({ mode: "boolean" }),
    /** A pass held back for a staff member to look at (see review_flags): it earns no certificate meanwhile. */
    heldForReview: integer({ mode: "boolean" }).notNull().default(false),
    /** The team member (team_members.id) who helped the learner take it, if one did. */
    assistedBy: integer(),
  },
  (t) => [
    index("quiz_attempts_learner_quiz").on(t.learnerId, t.quizId),
    // Passes of one final quiz, by when, with who: the households dashboard counts a course task from it alone.
    index("quiz_attempts_quiz_passes").on(t.quizId, t.passed, t.heldForReview, t.finishedAt, t.learnerId),
    uniqueIndex("quiz_attempts_learner_client").on(t.learnerId, t.clientId),
  ],
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

/**
 * Every progress event the phone reported, once: the unique (learner, event id) pair is what turns a resend
 * into a no-op. It is also the learner's activity trail (when they last opened a lesson).
 */
export const progressEvents = sqliteTable(
  "progress_events",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    learnerId: integer()
      .notNull()
      .references(() => learners.id, { onDelete: "cascade" }),
    eventId: text().notNull(),
    type: text({ enum: ["lesson_opened", "lesson_completed", "attempt_started", "answer"] }).notNull(),
    /** The lesson id, or the attempt's client id. */
    subject: text().notNull(),
    /** The phone's clock: shown to the learner, never used for counting. */
    occurredAt: integer({ mode: "timestamp_ms" }).notNull(),
    receivedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("progress_events_learner_event").on(t.learnerId, t.eventId),
    index("progress_events_learner_received").on(t.learnerId, t.receivedAt),
  ],
);
