import { eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { householdMembers, householdState, households } from "../db/schema";
import { vietnamDay } from "../indicators/milestones";
import type { CurriculumIndex } from "../learning/curriculum";

/**
 * The first day each household met the household rule, kept on the household row so the dashboard
 * compares days instead of reading every member's evidence (decision 011). A member is ready on the
 * latest day of their required tasks; the household on the earliest day a member was both ready and
 * joined. That is shared/src/households.ts's rule stated as days; a test holds the two equal.
 */

/** What the ready days depend on: the required tasks, and for a course task its final quiz. */
interface ReadinessRule {
  tasks: { id: string; finalQuiz: string | null }[];
}

export function readinessRuleOf(content: CurriculumIndex): ReadinessRule {
  const required = content.curriculum.householdRule?.requiredTasks ?? [];
  return {
    tasks: required.map((id) => {
      const task = content.curriculum.tasks.find((t) => t.id === id);
      const finalQuiz = task?.evidence === "course" ? content.curriculum.courses.find((c) => c.id === task.course)?.finalQuiz : null;
      return { id, finalQuiz: finalQuiz ?? null };
    }),
  };
}

function storedRule(tx: DbOrTx): ReadinessRule | null {
  const row = tx.select({ rule: householdState.rule }).from(householdState).where(eq(householdState.id, 1)).get();
  return row ? (JSON.parse(row.rule) as ReadinessRule) : null;
}

const list = (values: ReadonlyArray<number | string>) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The later of two instants, null when either is (SQLite's max(a, b) is not PostgreSQL's greatest). */
const later = (a: string, b: string) =>
  sql.raw(`(case when ${a} is null or ${b} is null then null when ${a} > ${b} then ${a} else ${b} end)`);

/** One row per (learner, required task) with the day evidence arrived: any kind, and confirmed. */
function evidence(rule: ReadinessRule, learners: SQL): SQL {
  const parts: SQL[] = [];
  const checked = rule.tasks.filter((t) => t.finalQuiz === null).map((t) => t.id);
  if (checked.length > 0) {
    parts.push(sql`select t.learner_id as learner_id,
      case when t.confirmed_at is not null and (t.self_reported_at is null or t.confirmed_at < t.self_reported_at)
        then t.confirmed_at else t.self_reported_at end as any_at,
      t.confirmed_at as confirmed_at from task_records t where t.task_id in (${list(checked)}) and t.learner_id in (${learners})`);
  }
  for (const task of rule.tasks) {
    if (task.finalQuiz === null) continue;
    // Named as the first part names them: when the rule requires only courses, this part comes first.
    parts.push(sql`select q.learner_id as learner_id, min(q.finished_at) as any_at, min(q.finished_at) as confirmed_at from quiz_attempts q
      where q.quiz_id = ${task.finalQuiz} and q.passed = 1 and q.held_for_review = 0 and q.learner_id in (${learners}) group by q.learner_id`);
  }
  return sql.join(parts, sql` union all `);
}

/** Recomputes the ready days of these households from their current members' evidence. */
export function refreshReadiness(tx: DbOrTx, householdIds: ReadonlyArray<number>): void {
  const ids = [...new Set(householdIds)];
  if (ids.length === 0) return;
  const rule = storedRule(tx);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const ready = new Map<number, { selfAt: number | null; confirmedAt: number | null }>();
    if (rule && rule.tasks.length > 0) {
      const members = sql`select learner_id from household_members where household_id in (${list(chunk)})`;
      const rows = tx.all<{ householdId: number; selfAt: number | null; confirmedAt: number | null }>(sql`
        with ev as (${evidence(rule, members)}),
        member_ready as (
          select learner_id,
            case when count(*) = ${rule.tasks.length} then max(any_at) end as self_ready,
            case when count(confirmed_at) = ${rule.tasks.length} then max(confirmed_at) end as confirmed_ready
          from ev group by learner_id
        )
        select m.household_id as householdId, min(${later("m.joined_at", "r.self_ready")}) as selfAt,
          min(${later("m.joined_at", "r.confirmed_ready")}) as confirmedAt
        from household_members m join member_ready r on r.learner_id = m.learner_id
        where m.household_id in (${list(chunk)})
        group by m.household_id`);
      for (const r of rows) ready.set(r.householdId, r);
    }
    const day = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : vietnamDay(new Date(ms)));
    for (const id of chunk) {
      tx.update(households)
        .set({ selfReadyOn: day(ready.get(id)?.selfAt), confirmedReadyOn: day(ready.get(id)?.confirmedAt) })
        .where(eq(households.id, id))
        .run();
    }
  }
}

/** Every household's days: at start for a new rule, and after rows were written directly (demo, load data). */
export function refreshAllReadiness(tx: DbOrTx): void {
  refreshReadiness(
    tx,
    tx
      .select({ id: households.id })
      .from(households)
      .all()
      .map((h) => h.id),
  );
}

/** The households these learners belong to now. */
export function householdsOf(tx: DbOrTx, learnerIds: ReadonlyArray<number>): number[] {
  if (learnerIds.length === 0) return [];
  return tx
    .select({ id: householdMembers.householdId })
    .from(householdMembers)
    .where(inArray(householdMembers.learnerId, [...learnerIds]))
    .all()
    .map((r) => r.id);
}

/** After a learner's evidence changed (a tick, a confirmation, a passed final quiz). */
export function refreshReadinessOf(tx: DbOrTx, learnerId: number): void {
  refreshReadiness(tx, householdsOf(tx, [learnerId]));
}

const needsQuizzes = new WeakMap<CurriculumIndex, boolean>();

/** After a final quiz is passed (or released from review): only matters when the rule requires a course. */
export function refreshAfterQuizPass(tx: DbOrTx, content: CurriculumIndex, learnerId: number): void {
  let needed = needsQuizzes.get(content);
  if (needed === undefined) {
    needed = readinessRuleOf(content).tasks.some((t) => t.finalQuiz !== null);
    needsQuizzes.set(content, needed);
  }
  if (needed) refreshReadinessOf(tx, learnerId);
}

/**
 * At start: when the content's rule differs from the one the stored days were computed with (or none
 * was), every household's days are recomputed, in one transaction.
 */
export function ensureHouseholdReadiness(db: Db, content: CurriculumIndex, now: Date): { rebuilt: boolean } {
  const rule = readinessRuleOf(content);
  const json = JSON.stringify(rule);
  return db.transaction(
    (tx) => {
      const row = tx.select({ rule: householdState.rule }).from(householdState).where(eq(householdState.id, 1)).get();
      if (row?.rule === json) return { rebuilt: false };
      tx.insert(householdState)
        .values({ id: 1, rule: json, builtAt: now })
        .onConflictDoUpdate({ target: householdState.id, set: { rule: json, builtAt: now } })
        .run();
      refreshAllReadiness(tx);
      return { rebuilt: true };
    },
    { behavior: "immediate" },
  );
}
