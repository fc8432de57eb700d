import type { HouseholdRule } from "@hvs/shared/content";
import { householdCounts, type MemberTasks, type TaskEvidence } from "@hvs/shared/households";
import { type Rate, rate } from "@hvs/shared/indicators";
import { addDays, type Bucket, buckets, type Granularity, type Period } from "@hvs/shared/periods";
import { atVietnamTime } from "@hvs/shared/vietnam-time";
import { asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { householdMembers, learners } from "../db/schema";
import { vietnamDay } from "../indicators/milestones";
import type { CurriculumIndex } from "../learning/curriculum";
import { taskEvidence } from "../tasks/task-records";
import { communeVillages } from "../villages/commune-villages";

/** The commune plans' target: 70% of the households that have a smartphone. */
export const HOUSEHOLD_TARGET_PERCENT = 70;

/**
 * Where one household stands on a day. `noSmartphone` households are listed but outside the rate;
 * `selfReportedOnly` means a member ticked every required task but the rule asks for confirmation.
 */
export const HOUSEHOLD_STATUSES = ["counted", "selfReportedOnly", "notYet", "noSmartphone"] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

/** The day each piece of evidence arrived (Vietnam days), so any day of a period can be asked about. */
interface TaskDays {
  selfOn: string | null;
  confirmedOn: string | null;
}

export interface MemberFact {
  learnerId: number;
  displayName: string | null;
  joinedOn: string;
  tasks: Map<string, TaskDays>;
}

export interface HouseholdFact {
  id: number;
  villageId: number;
  label: string;
  hasSmartphone: boolean;
  createdOn: string;
  removedOn: string | null;
  /** The first day the household met the rule's requirement, from its current members (see the rule text). */
  ready: Readiness;
}

export interface HouseholdFigures {
  /** Households with a smartphone listed on the period's last day: the rate's denominator. */
  withSmartphone: number;
  /** Of those, the ones that count under the content's rule on that day. */
  counted: number;
  /** Every required task ticked by one member, but not counted (the rule asks for confirmation). */
  selfReportedOnly: number;
  /** Listed without a smartphone: shown, never in the rate. */
  withoutSmartphone: number;
  rate: Rate;
  /** Counted on the period's last day but not on the day before it began. */
  newCounted: number;
}

export interface TaskUptake {
  taskId: string;
  title: string;
  /** Learners of the village with the task confirmed by the period's end (people who deleted their data included). */
  confirmed: number;
  /** Ticked by the learner themself but not confirmed by then. */
  selfReportedOnly: number;
}

export interface VillageHouseholds extends HouseholdFigures {
  villageId: number;
  name: string;
  tasks: TaskUptake[];
}

export interface HouseholdTrendPoint extends Bucket {
  rate: Rate;
}

export interface HouseholdIndicator {
  /** Null when the content has no household rule: then nothing counts and the page says so. */
  rule: (HouseholdRule & { tasks: { id: string; title: string }[] }) | null;
  period: Period;
  granularity: Granularity;
  villages: VillageHouseholds[];
  total: HouseholdFigures & { tasks: TaskUptake[] };
  focus: { villageId: number | null; trend: HouseholdTrendPoint[] };
}

const dayOf = (at: Date | null) => (at ? vietnamDay(at) : null);
const byDay = (on: string | null, day: string) => on !== null && on <= day;

function evidenceOn(days: TaskDays | undefined, day: string): TaskEvidence | undefined {
  if (!days) return undefined;
  if (byDay(days.confirmedOn, day)) return "confirmed";
  if (byDay(days.selfOn, day)) return "self_reported";
  return undefined;
}

/** The household is on the list that day: added by then and not removed by then. */
function listedOn(h: HouseholdFact, day: string): boolean {
  return h.createdOn <= day && (h.removedOn === null || h.removedOn > day);
}

function memberTasksOn(member: MemberFact, required: ReadonlyArray<string>, day: string): MemberTasks {
  const done = new Map<string, TaskEvidence>();
  for (const task of required) {
    const e = evidenceOn(member.tasks.get(task), day);
    if (e) done.set(task, e);
  }
  return { done };
}

/** The first day a household's members had every required task, at least ticked and confirmed (null: not yet). */
export interface Readiness {
  selfReported: string | null;
  confirmed: string | null;
}

/** A household's status on `day`, or null when it was not on the list then. A member counts from the day they joined. */
export function statusOn(h: HouseholdFact, rule: HouseholdRule | null, day: string): HouseholdStatus | null {
  if (!listedOn(h, day)) return null;
  if (!h.hasSmartphone) return "noSmartphone";
  if (!rule) return "notYet";
  const ready = h.ready;
  const standing = { selfReported: byDay(ready.selfReported, day), confirmed: byDay(ready.confirmed, day) };
  if (householdCounts(standing, rule.evidence)) return "counted";
  return standing.selfReported ? "selfReportedOnly" : "notYet";
}

/** Counted on the period's end but not on the day before it began. */
export function newlyCounted(h: HouseholdFact, rule: HouseholdRule | null, period: Period): boolean {
  return statusOn(h, rule, period.to) === "counted" && statusOn(h, rule, addDays(period.from, -1)) !== "counted";
}

/**
 * The member whose tasks come closest to the rule on `day` (most confirmed, then most ticked): the one
 * the drill-down shows, since one member must have every task for the household to count.
 */
export function bestMember(members: ReadonlyArray<MemberFact>, required: ReadonlyArray<string>, day: string): Map<string, TaskEvidence> {
  let best = new Map<string, TaskEvidence>();
  let bestScore = -1;
  for (const m of members) {
    if (m.joinedOn > day) continue;
    const { done } = memberTasksOn(m, required, day);
    const confirmed = [...done.values()].filter((e) => e === "confirmed").length;
    const score = confirmed * 1000 + done.size;
    if (score > bestScore) {
      best = new Map(done);
      bestScore = score;
    }
  }
  return best;
}

export interface CommuneHouseholds {
  rule: HouseholdIndicator["rule"];
  villages: { id: number; name: string }[];
  households: HouseholdFact[];
}

const idList = (ids: ReadonlyArray<number>) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** The end of a Vietnam day as an instant: "by day D" is "before the next day's midnight". */
const endOf = (day: string) => atVietnamTime(addDays(day, 1), 0).getTime();

/** The content's household rule with the required tasks' titles, or null when the content has none. */
function ruleOf(content: CurriculumIndex): HouseholdIndicator["rule"] {
  const rule = content.curriculum.householdRule;
  if (!rule) return null;
  const titles = new Map(content.curriculum.tasks.map((t) => [t.id, t.title]));
  return { ...rule, tasks: rule.requiredTasks.map((id) => ({ id, title: titles.get(id) ?? id })) };
}

/**
 * The commune's households (removed ones too, for past periods) with the days the indicator compares,
 * as stored on each row (households/readiness.ts keeps the ready days up to date on every write). One
 * query, no per-household work: a commune's thousands of households cost a few milliseconds.
 */
export function loadCommuneHouseholds(db: DbOrTx, content: CurriculumIndex, communeId: number): CommuneHouseholds {
  const list = communeVillages(db, communeId);
  const ids = list.map((v) => v.id);
  const rule = ruleOf(content);
  if (ids.length === 0) return { rule, villages: list, households: [] };
  // Arrays rather than objects: this is the one read that grows with the commune.
  const rows = db.values<[number, number, string, number, string, string | null, string | null, string | null]>(sql`
    select id, village_id, label, has_smartphone, created_on, removed_on, self_ready_on, confirmed_ready_on
    from households where village_id in (${idList(ids)}) order by label, id`);
  return {
    rule,
    villages: list,
    households: rows.map(([id, villageId, label, hasSmartphone, createdOn, removedOn, selfReported, confirmed]) => ({
      id,
      villageId,
      label,
      hasSmartphone: hasSmartphone === 1,
      createdOn,
      removedOn,
      ready: { selfReported, confirmed },
    })),
  };
}

/**
 * Per village and task, the learners (not merged away; people who deleted their data included) with the
 * task confirmed by the end of `day`, and those who only ticked it by then. Aggregated in SQL on the
 * village copied onto each task row (one covering index); a course task counts its final quiz's passes.
 */
function taskUptake(db: DbOrTx, content: CurriculumIndex, villageIds: number[], day: string): Map<number, TaskUptake[]> {
  const tasks = content.curriculum.tasks;
  const counts = new Map<string, { confirmed: number; selfReportedOnly: number }>();
  const end = endOf(day);
  if (villageIds.length > 0 && tasks.length > 0) {
    const rows = db.values<[number, string, number | null, number | null]>(sql`
      select village_id, task_id, sum(confirmed_at < ${end}),
        sum((confirmed_at is null or confirmed_at >= ${end}) and self_reported_at < ${end})
      from task_records where village_id in (${idList(villageIds)})
      group by village_id, task_id`);
    for (const [villageId, taskId, confirmed, selfOnly] of rows) {
      counts.set(`${villageId}:${taskId}`, { confirmed: confirmed ?? 0, selfReportedOnly: selfOnly ?? 0 });
    }
    for (const task of tasks) {
      const finalQuiz = task.evidence === "course" ? content.curriculum.courses.find((c) => c.id === task.course)?.finalQuiz : undefined;
      if (!finalQuiz) continue;
      const passes = db.values<[number, number]>(sql`
        select l.village_id, count(distinct q.learner_id) from quiz_attempts q join learners l on l.id = q.learner_id
        where q.quiz_id = ${finalQuiz} and q.passed = 1 and q.held_for_review = 0 and q.finished_at < ${end}
          and l.village_id in (${idList(villageIds)}) and +l.merged_into is null
        group by l.village_id`);
      for (const [villageId, n] of passes) counts.set(`${villageId}:${task.id}`, { confirmed: n, selfReportedOnly: 0 });
    }
  }
  return new Map(
    villageIds.map((id) => [
      id,
      tasks.map((t) => ({ taskId: t.id, title: t.title, ...(counts.get(`${id}:${t.id}`) ?? { confirmed: 0, selfReportedOnly: 0 }) })),
    ]),
  );
}

/** The rule's ready day, no earlier than the household was added. */
const readyDay = (rule: HouseholdRule) =>
  later(
    sql.raw("created_on"),
    sql.raw(rule.evidence === "confirmed" ? "confirmed_ready_on" : "coalesce(self_ready_on, confirmed_ready_on)"),
  );

/** The later of two days, null when either is: written out because SQLite's max(a, b) is not PostgreSQL's. */
const later = (a: SQL, b: SQL) => sql`(case when ${a} is null or ${b} is null then null when ${a} > ${b} then ${a} else ${b} end)`;

/**
 * Per village, the households' figures on the period's last day, in one aggregate over the stored days
 * (a covering index): the same conditions as statusOn, which the drill-down applies row by row.
 */
function periodFigures(db: DbOrTx, rule: HouseholdRule | null, villageIds: number[], period: Period): Map<number, HouseholdFigures> {
  const d = period.to;
  const before = addDays(period.from, -1);
  const listed = (day: string) => sql`(created_on <= ${day} and (removed_on is null or removed_on > ${day}))`;
  const ready = rule ? readyDay(rule) : sql.raw("null");
  // Confirmed evidence is also at least ticked: the ticked day is never later than the confirmed one.
  const self = rule ? later(sql.raw("created_on"), sql.raw("coalesce(self_ready_on, confirmed_ready_on)")) : sql.raw("null");
  const rows = db.values<[number, number, number, number, number, number]>(sql`
    select village_id,
      count(*) filter (where has_smartphone = 1 and ${listed(d)}),
      count(*) filter (where has_smartphone = 1 and ${listed(d)} and ${ready} <= ${d}),
      count(*) filter (where has_smartphone = 1 and ${listed(d)} and ${self} <= ${d}),
      count(*) filter (where has_smartphone = 0 and ${listed(d)}),
      count(*) filter (where has_smartphone = 1 and ${listed(d)} and ${ready} <= ${d} and not coalesce(${listed(before)} and ${ready} <= ${before}, 0))
    from households where village_id in (${idList(villageIds)})
    group by village_id`);
  const out = new Map<number, HouseholdFigures>();
  for (const [villageId, withSmartphone, counted, selfReported, withoutSmartphone, newCounted] of rows) {
    out.set(villageId, {
      withSmartphone,
      counted,
      // Under the default rule a household that only ticked is shown apart; when ticks count, none is.
      selfReportedOnly: rule?.evidence === "confirmed" ? selfReported - counted : 0,
      withoutSmartphone,
      rate: rate(counted, withSmartphone, HOUSEHOLD_TARGET_PERCENT),
      newCounted,
    });
  }
  return out;
}

const NO_FIGURES: HouseholdFigures = {
  withSmartphone: 0,
  counted: 0,
  selfReportedOnly: 0,
  withoutSmartphone: 0,
  rate: rate(0, 0, HOUSEHOLD_TARGET_PERCENT),
  newCounted: 0,
};

/**
 * The trend from per-day tallies, as the adults' trend: how many households with a smartphone were added,
 * removed, became counted, and stopped counting (removed once counted) on each day; any day's figures are
 * then running sums, whatever the number of buckets.
 */
function trendOf(
  db: DbOrTx,
  rule: HouseholdRule | null,
  villageIds: number[],
  period: Period,
  granularity: Granularity,
): HouseholdTrendPoint[] {
  const ready = rule ? readyDay(rule) : sql.raw("null");
  const tally = db.values<[string, number]>(sql`
    select 'a' || created_on, count(*) from households where village_id in (${idList(villageIds)}) and has_smartphone = 1 group by created_on
    union all
    select 'r' || removed_on, count(*) from households where village_id in (${idList(villageIds)}) and has_smartphone = 1 and removed_on is not null group by removed_on
    union all
    select 'c' || ${ready}, count(*) from households where village_id in (${idList(villageIds)}) and has_smartphone = 1 and ${ready} is not null group by ${ready}
    union all
    select 'x' || ${later(ready, sql.raw("removed_on"))}, count(*) from households
      where village_id in (${idList(villageIds)}) and has_smartphone = 1 and ${ready} is not null and removed_on is not null
      group by ${later(ready, sql.raw("removed_on"))}`);
  const series = (kind: string) =>
    tally
      .filter(([key]) => key.startsWith(kind))
      .map(([key, n]) => [key.slice(1), n] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const upTo = (list: ReadonlyArray<readonly [string, number]>, day: string) => list.reduce((n, [d, k]) => (d <= day ? n + k : n), 0);
  const [added, removed, counted, uncounted] = ["a", "r", "c", "x"].map(series) as [
    ReturnType<typeof series>,
    ReturnType<typeof series>,
    ReturnType<typeof series>,
    ReturnType<typeof series>,
  ];
  return buckets(period, granularity).map((bucket): HouseholdTrendPoint => {
    const denominator = upTo(added, bucket.end) - upTo(removed, bucket.end);
    const numerator = upTo(counted, bucket.end) - upTo(uncounted, bucket.end);
    return { ...bucket, rate: rate(numerator, denominator, HOUSEHOLD_TARGET_PERCENT) };
  });
}

/**
 * The households indicator for a period: per village and for the commune, the households with a
 * smartphone on the period's last day, those counted under the content's rule that day, the rate
 * against 70%, what was ticked but not confirmed, the newly counted, a trend, and the per-task uptake.
 * Every figure is an aggregate over stored days; nothing here reads households one by one.
 */
export function householdIndicator(
  db: DbOrTx,
  content: CurriculumIndex,
  communeId: number,
  period: Period,
  granularity: Granularity,
  focusVillageId: number | null = null,
): HouseholdIndicator {
  const villages = communeVillages(db, communeId);
  const ids = villages.map((v) => v.id);
  const rule = ruleOf(content);
  const figures = ids.length > 0 ? periodFigures(db, rule, ids, period) : new Map<number, HouseholdFigures>();
  const uptake = taskUptake(db, content, ids, period.to);
  const villageRows: VillageHouseholds[] = villages.map((v) => ({
    villageId: v.id,
    name: v.name,
    ...(figures.get(v.id) ?? NO_FIGURES),
    tasks: uptake.get(v.id) ?? [],
  }));
  const sum = (pick: (f: HouseholdFigures) => number) => villageRows.reduce((n, f) => n + pick(f), 0);
  const withSmartphone = sum((f) => f.withSmartphone);
  const counted = sum((f) => f.counted);
  const focused = focusVillageId !== null && ids.includes(focusVillageId) ? focusVillageId : null;
  const trendIds = focused === null ? ids : [focused];
  const trend = trendIds.length > 0 ? trendOf(db, rule, trendIds, period, granularity) : [];

  return {
    rule,
    period,
    granularity,
    villages: villageRows,
    total: {
      withSmartphone,
      counted,
      selfReportedOnly: sum((f) => f.selfReportedOnly),
      withoutSmartphone: sum((f) => f.withoutSmartphone),
      rate: rate(counted, withSmartphone, HOUSEHOLD_TARGET_PERCENT),
      newCounted: sum((f) => f.newCounted),
      tasks: content.curriculum.tasks.map((t) => {
        const each = villageRows.map((v) => v.tasks.find((x) => x.taskId === t.id));
        return {
          taskId: t.id,
          title: t.title,
          confirmed: each.reduce((n, x) => n + (x?.confirmed ?? 0), 0),
          selfReportedOnly: each.reduce((n, x) => n + (x?.selfReportedOnly ?? 0), 0),
        };
      }),
    },
    focus: { villageId: focused, trend },
  };
}

export interface HouseholdListQuery {
  /** Null: every household listed on the day; "smartphone": those with one (the rate's denominator). */
  status: HouseholdStatus | "smartphone" | null;
  /** "new": counted households that were not counted the day before the period began. */
  scope: "cumulative" | "new";
  period: Period;
  villageId: number | null;
}

export interface HouseholdRow {
  id: number;
  villageId: number;
  villageName: string;
  label: string;
  hasSmartphone: boolean;
  memberCount: number;
  /** Names of the members joined by the day; null for someone who deleted their data. */
  memberNames: (string | null)[];
  status: HouseholdStatus;
  /** Required task → the best member's evidence on the day. */
  best: Map<string, TaskEvidence>;
}

/**
 * The members of the given households with their task days: read only for the households a list shows,
 * in bounded batches (taskEvidence), never for the whole dashboard.
 */
function membersOf(db: DbOrTx, content: CurriculumIndex, householdIds: number[]): Map<number, MemberFact[]> {
  const out = new Map<number, MemberFact[]>();
  for (let i = 0; i < householdIds.length; i += 500) {
    const rows = db
      .select({
        householdId: householdMembers.householdId,
        learnerId: householdMembers.learnerId,
        joinedAt: householdMembers.joinedAt,
        displayName: learners.displayName,
        forgottenAt: learners.forgottenAt,
      })
      .from(householdMembers)
      .innerJoin(learners, eq(learners.id, householdMembers.learnerId))
      .where(inArray(householdMembers.householdId, householdIds.slice(i, i + 500)))
      .orderBy(asc(householdMembers.learnerId))
      .all();
    const evidence = taskEvidence(
      db,
      content,
      rows.map((r) => r.learnerId),
    );
    for (const m of rows) {
      const tasks = new Map<string, TaskDays>();
      for (const [taskId, row] of evidence.get(m.learnerId) ?? []) {
        tasks.set(taskId, { selfOn: dayOf(row.selfReportedAt), confirmedOn: dayOf(row.confirmedAt) });
      }
      const member: MemberFact = {
        learnerId: m.learnerId,
        // Deleting one's data also ends the membership; a name is never kept for someone who asked.
        displayName: m.forgottenAt ? null : m.displayName,
        joinedOn: vietnamDay(m.joinedAt),
        tasks,
      };
      out.set(m.householdId, [...(out.get(m.householdId) ?? []), member]);
    }
  }
  return out;
}

/**
 * The households behind one number of the households table, chosen by exactly the condition that counted
 * them, in the villages' order then by label. Members (names, best member's tasks) are read only for the
 * rows of `page` when one is given: a whole commune's list is thousands of households, a page is 100.
 */
export function householdsBehind(
  db: DbOrTx,
  content: CurriculumIndex,
  data: CommuneHouseholds,
  q: HouseholdListQuery,
  page?: { number: number; size: number },
): HouseholdRow[] {
  const day = q.period.to;
  const names = new Map(data.villages.map((v) => [v.id, v.name]));
  const order = new Map(data.villages.map((v, i) => [v.id, i]));
  const required = data.rule?.requiredTasks ?? [];
  const chosen: { h: HouseholdFact; status: HouseholdStatus }[] = [];
  for (const h of data.households) {
    if (q.villageId !== null && h.villageId !== q.villageId) continue;
    const status = statusOn(h, data.rule, day);
    if (status === null) continue;
    if (q.status === "smartphone" ? status === "noSmartphone" : q.status !== null && status !== q.status) continue;
    if (q.scope === "new" && (status !== "counted" || !newlyCounted(h, data.rule, q.period))) continue;
    chosen.push({ h, status });
  }
  chosen.sort((a, b) => (order.get(a.h.villageId) ?? 0) - (order.get(b.h.villageId) ?? 0) || a.h.label.localeCompare(b.h.label, "vi"));
  // A page past the end shows the last one (as the list page does).
  const number = page ? Math.min(page.number, Math.max(1, Math.ceil(chosen.length / page.size))) : 1;
  const detailed = page ? chosen.slice((number - 1) * page.size, number * page.size) : chosen;
  const members = membersOf(
    db,
    content,
    detailed.map((c) => c.h.id),
  );
  return chosen.map(({ h, status }): HouseholdRow => {
    const present = (members.get(h.id) ?? []).filter((m) => m.joinedOn <= day);
    return {
      id: h.id,
      villageId: h.villageId,
      villageName: names.get(h.villageId) ?? "",
      label: h.label,
      hasSmartphone: h.hasSmartphone,
      memberCount: present.length,
      memberNames: present.map((m) => m.displayName),
      status,
      best: bestMember(present, required, day),
    };
  });
}
