import { BASIC_SKILLS_PROGRAM_ID } from "@hvs/shared/indicators";
import { vietnamClock } from "@hvs/shared/vietnam-time";
import { and, eq, inArray, isNotNull, min, ne, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { preparedOnce } from "../db/prepared";
import {
  certificates,
  classAttendance,
  classes,
  indicatorState,
  learnerMilestones,
  learners,
  lessonCompletions,
  progressEvents,
  quizAttempts,
  taskRecords,
} from "../db/schema";
import type { CurriculumIndex } from "../learning/curriculum";

/**
 * Every learner's first day at each step the dashboard counts (schema/indicators.ts). Each write that can
 * move a step calls one of the functions below in its own transaction, so the table never lags the
 * records; `rebuildMilestones` recomputes it all from the records, and a test holds the two equal.
 */

export type TookPartBy = "lesson" | "quiz" | "class";

/** What only content knows: which quizzes end a course. (The basic-skills program is a shared constant.) */
export interface MilestoneRules {
  finalQuizIds: string[];
  basicProgramId: string;
}

const rulesOf = new WeakMap<CurriculumIndex, MilestoneRules>();

export function milestoneRules(content: CurriculumIndex): MilestoneRules {
  let rules = rulesOf.get(content);
  if (!rules) {
    const finals = content.curriculum.courses.map((c) => c.finalQuiz).filter((id): id is string => typeof id === "string");
    rules = { finalQuizIds: [...new Set(finals)].sort(), basicProgramId: BASIC_SKILLS_PROGRAM_ID };
    rulesOf.set(content, rules);
  }
  return rules;
}

export function vietnamDay(at: Date): string {
  return vietnamClock(at).date;
}

// On the same day a lesson explains "took part" better than a quiz, and a quiz better than a class; the
// rebuild applies the same order, so both ways of computing agree on ties.
const RANK: Record<TookPartBy, number> = { lesson: 1, quiz: 2, class: 3 };

/** Writes the learner's village and sign-up day (a new learner, a village chosen or changed, a merge). */
export function placeLearner(tx: DbOrTx, learnerId: number): void {
  const row = tx
    .select({ villageId: learners.villageId, createdAt: learners.createdAt, mergedInto: learners.mergedInto })
    .from(learners)
    .where(eq(learners.id, learnerId))
    .get();
  if (!row || row.mergedInto !== null) {
    // A merged record is the same person as another: counted there, never here.
    tx.delete(learnerMilestones).where(eq(learnerMilestones.learnerId, learnerId)).run();
    return;
  }
  // The person's earliest sign-up across the records merged into this one (a team's sign-up, then Zalo).
  const merged = tx
    .select({ at: min(learners.createdAt) })
    .from(learners)
    .where(eq(learners.mergedInto, learnerId))
    .get()?.at;
  // Task counts per village read the village from the task rows: they follow the person.
  tx.update(taskRecords).set({ villageId: row.villageId }).where(eq(taskRecords.learnerId, learnerId)).run();
  const signedUp = merged && merged < row.createdAt ? merged : row.createdAt;
  const place = { villageId: row.villageId, registeredOn: vietnamDay(signedUp) };
  const m = learnerMilestones;
  tx.insert(m)
    .values({ learnerId, ...place })
    .onConflictDoUpdate({
      target: m.learnerId,
      set: {
        villageId: place.villageId,
        // Never after the first thing they did: a class recorded for a day before they were entered.
        registeredOn: sql`case when ${m.startedOn} is not null and ${m.startedOn} < ${place.registeredOn} then ${m.startedOn} else ${place.registeredOn} end`,
      },
    })
    .run();
}

// Read on every progress event: prepared once (db/prepared.ts).
const firstDays = preparedOnce((db) =>
  db
    .select({
      registeredOn: learnerMilestones.registeredOn,
      startedOn: learnerMilestones.startedOn,
      tookPartOn: learnerMilestones.tookPartOn,
      tookPartBy: learnerMilestones.tookPartBy,
    })
    .from(learnerMilestones)
    .where(eq(learnerMilestones.learnerId, sql.placeholder("learnerId")))
    .prepare(),
);

/**
 * Something happened on `day`: the learner has started, and with `by` also took part. Only ever moves a
 * day earlier, so a resend or a late class record cannot push a first day later. Read first and written
 * only when a day moves: almost every event changes nothing, and a write would touch five indexes.
 */
export function noteActivity(tx: DbOrTx, learnerId: number, day: string, by: TookPartBy | null): void {
  let row = firstDays(tx).get({ learnerId });
  if (!row) {
    placeLearner(tx, learnerId);
    row = firstDays(tx).get({ learnerId });
    if (!row) return; // a merged-away record: counted with the person it was merged into
  }
  const next = {
    startedOn: earlier(row.startedOn, day),
    // Someone a class was recorded for before they were entered was known to the village by then.
    registeredOn: earlier(row.registeredOn, day) as string,
    tookPartOn: row.tookPartOn,
    tookPartBy: row.tookPartBy,
  };
  if (
    by &&
    (row.tookPartOn === null ||
      row.tookPartOn > day ||
      (row.tookPartOn === day && (row.tookPartBy === null || RANK[row.tookPartBy] > RANK[by])))
  ) {
    next.tookPartOn = day;
    next.tookPartBy = by;
  }
  if (
    next.startedOn === row.startedOn &&
    next.registeredOn === row.registeredOn &&
    next.tookPartOn === row.tookPartOn &&
    next.tookPartBy === row.tookPartBy
  ) {
    return;
  }
  tx.update(learnerMilestones).set(next).where(eq(learnerMilestones.learnerId, learnerId)).run();
}

/** After a final quiz is passed or released from review. */
export function recomputeCourseFinished(tx: DbOrTx, rules: MilestoneRules, learnerId: number): void {
  const finished =
    rules.finalQuizIds.length === 0
      ? undefined
      : tx
          .select({ at: min(quizAttempts.finishedAt) })
          .from(quizAttempts)
          .where(
            and(
              eq(quizAttempts.learnerId, learnerId),
              inArray(quizAttempts.quizId, rules.finalQuizIds),
              eq(quizAttempts.passed, true),
              eq(quizAttempts.heldForReview, false),
            ),
          )
          .get()?.at;
  setAchievement(tx, learnerId, { courseFinishedOn: finished ? vietnamDay(finished) : null });
}

/** After a certificate is issued, revoked or withdrawn. Withdrawn with the person's data still counts. */
export function recomputeCertified(tx: DbOrTx, learnerId: number): void {
  const certified = tx
    .select({ at: min(certificates.issuedAt) })
    .from(certificates)
    .where(
      and(
        // A record merged into this one may keep a certificate it could not hand over (learners/link.ts).
        or(
          eq(certificates.learnerId, learnerId),
          inArray(certificates.learnerId, tx.select({ id: learners.id }).from(learners).where(eq(learners.mergedInto, learnerId))),
        ),
        eq(certificates.programId, BASIC_SKILLS_PROGRAM_ID),
        ne(certificates.status, "revoked"),
      ),
    )
    .get()?.at;
  setAchievement(tx, learnerId, { certifiedOn: certified ? vietnamDay(certified) : null });
}

function setAchievement(tx: DbOrTx, learnerId: number, set: { courseFinishedOn?: string | null; certifiedOn?: string | null }): void {
  const apply = () => tx.update(learnerMilestones).set(set).where(eq(learnerMilestones.learnerId, learnerId)).run().changes;
  if (apply() === 0) {
    placeLearner(tx, learnerId);
    apply();
  }
}

function earlier(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}

/**
 * Two records turned out to be one person (learners/link.ts moved everything of `from` to `into`): each
 * first day is the earlier of the two. The certificate kept is `into`'s when both had one.
 */
export function mergeMilestones(tx: DbOrTx, into: number, from: number): void {
  const rowOf = (id: number) => tx.select().from(learnerMilestones).where(eq(learnerMilestones.learnerId, id)).get();
  const a = rowOf(into);
  const b = rowOf(from);
  placeLearner(tx, from);
  placeLearner(tx, into);
  if (!b) return;
  // The first "took part" of the two, by day and then by the same order as everywhere else.
  const [first] = [a, b]
    .flatMap((r) => (r?.tookPartOn && r.tookPartBy ? [{ on: r.tookPartOn, by: r.tookPartBy }] : []))
    .sort((x, y) => (x.on === y.on ? RANK[x.by] - RANK[y.by] : x.on < y.on ? -1 : 1));
  tx.update(learnerMilestones)
    .set({
      startedOn: earlier(a?.startedOn ?? null, b.startedOn),
      tookPartOn: first?.on ?? null,
      tookPartBy: first?.by ?? null,
      courseFinishedOn: earlier(a?.courseFinishedOn ?? null, b.courseFinishedOn),
    })
    .where(eq(learnerMilestones.learnerId, into))
    .run();
  // With the first days merged: the sign-up day can take the other record's, and the certificate counts wherever it stayed.
  placeLearner(tx, into);
  recomputeCertified(tx, into);
}

type Row = typeof learnerMilestones.$inferInsert;

/**
 * Recomputes every learner's milestones from the records themselves, in one transaction. Run when the
 * rules change (new final quizzes, another basic-skills program) and by the consistency test; a province
 * of a million learners takes tens of seconds, so it is not run at every start.
 */
export function rebuildMilestones(db: Db, rules: MilestoneRules, now: Date): { learners: number } {
  return db.transaction(
    (tx) => {
      const rows = new Map<number, Row & { rank?: number }>();
      for (const l of tx
        .select({ id: learners.id, villageId: learners.villageId, createdAt: learners.createdAt })
        .from(learners)
        .where(sql`${learners.mergedInto} is null`)
        .all()) {
        rows.set(l.id, { learnerId: l.id, villageId: l.villageId, registeredOn: vietnamDay(l.createdAt) });
      }
      for (const r of tx
        .select({ into: learners.mergedInto, at: min(learners.createdAt) })
        .from(learners)
        .where(isNotNull(learners.mergedInto))
        .groupBy(learners.mergedInto)
        .all()) {
        const row = r.into === null ? undefined : rows.get(r.into);
        if (row && r.at) row.registeredOn = earlier(row.registeredOn, vietnamDay(r.at)) as string;
      }
      const started = (learnerId: number, day: string) => {
        const row = rows.get(learnerId);
        if (row) row.startedOn = earlier(row.startedOn ?? null, day);
      };
      const tookPart = (learnerId: number, day: string, by: TookPartBy) => {
        const row = rows.get(learnerId);
        if (!row) return;
        started(learnerId, day);
        const current = row.tookPartOn ?? null;
        if (current === null || current > day || (current === day && (row.rank ?? 9) > RANK[by])) {
          row.tookPartOn = day;
          row.tookPartBy = by;
          row.rank = RANK[by];
        }
      };
      const firstDays = (q: { learnerId: number; at: Date | null }[], use: (learnerId: number, day: string) => void) => {
        for (const r of q) if (r.at) use(r.learnerId, vietnamDay(r.at));
      };
      firstDays(
        tx
          .select({ learnerId: progressEvents.learnerId, at: min(progressEvents.receivedAt) })
          .from(progressEvents)
          .groupBy(progressEvents.learnerId)
          .all(),
        started,
      );
      firstDays(
        tx
          .select({ learnerId: quizAttempts.learnerId, at: min(quizAttempts.startedAt) })
          .from(quizAttempts)
          .groupBy(quizAttempts.learnerId)
          .all(),
        started,
      );
      firstDays(
        tx
          .select({ learnerId: lessonCompletions.learnerId, at: min(lessonCompletions.completedAt) })
          .from(lessonCompletions)
          .groupBy(lessonCompletions.learnerId)
          .all(),
        (id, day) => tookPart(id, day, "lesson"),
      );
      firstDays(
        tx
          .select({ learnerId: quizAttempts.learnerId, at: min(quizAttempts.finishedAt) })
          .from(quizAttempts)
          .where(isNotNull(quizAttempts.finishedAt))
          .groupBy(quizAttempts.learnerId)
          .all(),
        (id, day) => tookPart(id, day, "quiz"),
      );
      for (const r of tx
        .select({ learnerId: classAttendance.learnerId, day: min(classes.heldOn) })
        .from(classAttendance)
        .innerJoin(classes, eq(classes.id, classAttendance.classId))
        .groupBy(classAttendance.learnerId)
        .all()) {
        if (r.day) tookPart(r.learnerId, r.day, "class");
      }
      if (rules.finalQuizIds.length > 0) {
        firstDays(
          tx
            .select({ learnerId: quizAttempts.learnerId, at: min(quizAttempts.finishedAt) })
            .from(quizAttempts)
            .where(
              and(inArray(quizAttempts.quizId, rules.finalQuizIds), eq(quizAttempts.passed, true), eq(quizAttempts.heldForReview, false)),
            )
            .groupBy(quizAttempts.learnerId)
            .all(),
          (id, day) => {
            const row = rows.get(id);
            if (row) row.courseFinishedOn = day;
          },
        );
      }
      // Counted for the person: a certificate left on a record merged into another counts for that one.
      const person = sql<number>`coalesce(${learners.mergedInto}, ${certificates.learnerId})`;
      firstDays(
        tx
          .select({ learnerId: person, at: min(certificates.issuedAt) })
          .from(certificates)
          .innerJoin(learners, eq(learners.id, certificates.learnerId))
          .where(and(eq(certificates.programId, BASIC_SKILLS_PROGRAM_ID), ne(certificates.status, "revoked")))
          .groupBy(person)
          .all(),
        (id, day) => {
          const row = rows.get(id);
          if (row) row.certifiedOn = day;
        },
      );

      tx.delete(learnerMilestones).run();
      // One statement prepared once and run per learner: building multi-row inserts took most of a
      // million-learner rebuild (npm run bench:dashboard).
      const m = learnerMilestones;
      const insert = tx
        .insert(m)
        .values({
          learnerId: sql.placeholder("learnerId"),
          villageId: sql.placeholder("villageId"),
          registeredOn: sql.placeholder("registeredOn"),
          startedOn: sql.placeholder("startedOn"),
          tookPartOn: sql.placeholder("tookPartOn"),
          tookPartBy: sql.placeholder("tookPartBy"),
          courseFinishedOn: sql.placeholder("courseFinishedOn"),
          certifiedOn: sql.placeholder("certifiedOn"),
        })
        .prepare();
      for (const row of rows.values()) {
        insert.run({
          learnerId: row.learnerId,
          villageId: row.villageId ?? null,
          registeredOn: earlier(row.registeredOn, row.startedOn ?? null),
          startedOn: row.startedOn ?? null,
          tookPartOn: row.tookPartOn ?? null,
          tookPartBy: row.tookPartBy ?? null,
          courseFinishedOn: row.courseFinishedOn ?? null,
          certifiedOn: row.certifiedOn ?? null,
        });
      }
      const fingerprint = JSON.stringify(rules);
      tx.insert(indicatorState)
        .values({ id: 1, rulesFingerprint: fingerprint, builtAt: now })
        .onConflictDoUpdate({ target: indicatorState.id, set: { rulesFingerprint: fingerprint, builtAt: now } })
        .run();
      return { learners: rows.size };
    },
    { behavior: "immediate" },
  );
}

/** At start: rebuild only when the rules differ from the ones the table was built with (or it never was). */
export function ensureMilestones(db: Db, rules: MilestoneRules, now: Date): { rebuilt: boolean } {
  const state = db.select().from(indicatorState).where(eq(indicatorState.id, 1)).get();
  if (state?.rulesFingerprint === JSON.stringify(rules)) return { rebuilt: false };
  rebuildMilestones(db, rules, now);
  return { rebuilt: true };
}
