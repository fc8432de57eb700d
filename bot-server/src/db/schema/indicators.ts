import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { staff } from "./accounts";
import { learners } from "./learners";
import { villages } from "./places";

/**
 * The indicator's denominator with its history: adults living in a village from a date on. A report for
 * a period uses the figure in effect on its last day, so correcting next year's figure never rewrites
 * a report already sent upward. Rows are only added; the latest row for a date wins.
 */
export const villagePopulations = sqliteTable(
  "village_populations",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    villageId: integer()
      .notNull()
      .references(() => villages.id),
    adults: integer().notNull(),
    /** YYYY-MM-DD (Vietnam): the first day this figure applies. */
    effectiveFrom: text().notNull(),
    source: text({ enum: ["form", "import", "setup"] }).notNull(),
    recordedBy: integer().references(() => staff.id),
    recordedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("village_populations_village").on(t.villageId, t.effectiveFrom)],
);

/**
 * Each learner's first day at every step the dashboard counts, kept up to date in the transaction that
 * records the step (indicators/milestones.ts) and rebuildable from the records themselves. The dashboard
 * reads this one narrow table instead of millions of progress rows; the village is copied here for the
 * same reason. Days are Vietnam dates (YYYY-MM-DD), the unit every report is asked in.
 */
export const learnerMilestones = sqliteTable(
  "learner_milestones",
  {
    learnerId: integer()
      .primaryKey()
      .references(() => learners.id, { onDelete: "cascade" }),
    villageId: integer(),
    registeredOn: text().notNull(),
    /** Opened a lesson or a quiz, in the app or the chat, or attended a class. */
    startedOn: text(),
    /** Finished a lesson or a quiz, or attended a class: the participation rule (decision 003). */
    tookPartOn: text(),
    tookPartBy: text({ enum: ["lesson", "quiz", "class"] }),
    /** Passed the final quiz of some course (a pass held for review does not count until accepted). */
    courseFinishedOn: text(),
    /** Issued the basic-skills certificate, not revoked (withdrawn with the person's data still counts). */
    certifiedOn: text(),
  },
  (t) => [
    // Covering: the province roll-up reads a million rows from this index alone, never the table.
    index("learner_milestones_village").on(t.villageId, t.tookPartOn, t.certifiedOn, t.startedOn, t.courseFinishedOn, t.registeredOn),
    // The commune page counts each step per village and day; in this order no step needs a sort
    // (npm run bench:dashboard: the five counts of a 30,000-adult commune went from ~53 to ~29 ms).
    index("learner_milestones_registered").on(t.villageId, t.registeredOn),
    index("learner_milestones_started").on(t.villageId, t.startedOn),
    index("learner_milestones_course").on(t.villageId, t.courseFinishedOn),
    index("learner_milestones_certified").on(t.villageId, t.certifiedOn),
  ],
);

/** What the milestones were computed with (final quizzes, the basic-skills program): a change rebuilds them. */
export const indicatorState = sqliteTable("indicator_state", {
  id: integer().primaryKey(),
  rulesFingerprint: text().notNull(),
  builtAt: integer({ mode: "timestamp_ms" }).notNull(),
});
