import type { HouseholdRule } from "@hvs/shared/content";
import { householdCounts, householdStanding, type MemberTasks, type TaskEvidence } from "@hvs/shared/households";
import { type Rate, rate } from "@hvs/shared/indicators";
import { addDays, type Bucket, buckets, type Granularity, type Period } from "@hvs/shared/periods";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { householdMembers, households, learners, villages } from "../db/schema";
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
  /** Current members only: the data keeps no history of who left (see the rule text). */
  members: MemberFact[];
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
export function listedOn(h: HouseholdFact, day: string): boolean {
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
interface Readiness {
  selfReported: string | null;
  confirmed: string | null;
}

const readinessCache = new WeakMap<HouseholdRule, WeakMap<HouseholdFact, Readiness>>();

/**
 * When the household first met the rule, asked of the pure rule itself on each day something changed (a
 * member joined, a tick, a confirmation). The data only gains evidence and members over time, so from that
 * day on it keeps meeting it: every later day of a report or a trend is then one comparison.
 */
function readiness(h: HouseholdFact, rule: HouseholdRule): Readiness {
  let cache = readinessCache.get(rule);
  if (!cache) {
    cache = new WeakMap();
    readinessCache.set(rule, cache);
  }
  const known = cache.get(h);
  if (known) return known;
  const days = new Set<string>();
  for (const m of h.members) {
    days.add(m.joinedOn);
    for (const task of rule.requiredTasks) {
      const t = m.tasks.get(task);
      if (t?.selfOn) days.add(t.selfOn);
      if (t?.confirmedOn) days.add(t.confirmedOn);
    }
  }
  const out: Readiness = { selfReported: null, confirmed: null };
  for (const day of [...days].sort()) {
    const present = h.members.filter((m) => m.joinedOn <= day).map((m) => memberTasksOn(m, rule.requiredTasks, day));
    const standing = householdStanding(present, rule.requiredTasks);
    if (standing.selfReported && out.selfReported === null) out.selfReported = day;
    // Confirmed evidence is also "at least ticked", so the other day is known by now.
    if (standing.confirmed) {
      out.confirmed = day;
      break;
    }
  }
  cache.set(h, out);
  return out;
}

/** A household's status on `day`, or null when it was not on the list then. A member counts from the day they joined. */
export function statusOn(h: HouseholdFact, rule: HouseholdRule | null, day: string): HouseholdStatus | null {
  if (!listedOn(h, day)) return null;
  if (!h.hasSmartphone) return "noSmartphone";
  if (!rule) return "notYet";
  const ready = readiness(h, rule);
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
export function bestMember(h: HouseholdFact, required: ReadonlyArray<string>, day: string): Map<string, TaskEvidence> {
  let best = new Map<string, TaskEvidence>();
  let bestScore = -1;
  for (const m of h.members) {
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
  /** Every learner of the commune's villages (not merged away) with their task days, for the per-task counts. */
  learners: { villageId: number; tasks: Map<string, TaskDays> }[];
}

/**
 * Everything the indicator, the list and the files are computed from, in a handful of queries: the
 * commune's households (removed ones too, for past periods), their members, the commune's learners and
 * the evidence of all of them (taskEvidence reads it in bounded batches). Nothing is asked per household.
 */
export function loadCommuneHouseholds(db: DbOrTx, content: CurriculumIndex, communeId: number): CommuneHouseholds {
  const list = communeVillages(db, communeId);
  const ids = list.map((v) => v.id);
  const contentRule = content.curriculum.householdRule ?? null;
  const titles = new Map(content.curriculum.tasks.map((t) => [t.id, t.title]));
  const rule = contentRule ? { ...contentRule, tasks: contentRule.requiredTasks.map((id) => ({ id, title: titles.get(id) ?? id })) } : null;
  if (ids.length === 0) return { rule, villages: list, households: [], learners: [] };

  const rows = db
    .select({
      id: households.id,
      villageId: households.villageId,
      label: households.label,
      hasSmartphone: households.hasSmartphone,
      createdAt: households.createdAt,
      removedAt: households.removedAt,
    })
    .from(households)
    .where(inArray(households.villageId, ids))
    .orderBy(asc(households.label), asc(households.id))
    .all();
  const memberRows = db
    .select({
      householdId: householdMembers.householdId,
      learnerId: householdMembers.learnerId,
      joinedAt: householdMembers.joinedAt,
      displayName: learners.displayName,
      forgottenAt: learners.forgottenAt,
    })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .innerJoin(learners, eq(learners.id, householdMembers.learnerId))
    .where(inArray(households.villageId, ids))
    .orderBy(asc(householdMembers.learnerId))
    .all();
  const villageLearners = db
    .select({ id: learners.id, villageId: learners.villageId })
    .from(learners)
    .where(and(inArray(learners.villageId, ids), isNull(learners.mergedInto)))
    .all();

  const everyone = [...new Set([...memberRows.map((m) => m.learnerId), ...villageLearners.map((l) => l.id)])];
  const evidence = taskEvidence(db, content, everyone);
  const daysOf = (learnerId: number) => {
    const out = new Map<string, TaskDays>();
    for (const [taskId, row] of evidence.get(learnerId) ?? []) {
      out.set(taskId, { selfOn: dayOf(row.selfReportedAt), confirmedOn: dayOf(row.confirmedAt) });
    }
    return out;
  };

  const membersOf = new Map<number, MemberFact[]>();
  for (const m of memberRows) {
    const member: MemberFact = {
      learnerId: m.learnerId,
      // Deleting one's data also ends the membership; a name is never kept for someone who asked.
      displayName: m.forgottenAt ? null : m.displayName,
      joinedOn: vietnamDay(m.joinedAt),
      tasks: daysOf(m.learnerId),
    };
    membersOf.set(m.householdId, [...(membersOf.get(m.householdId) ?? []), member]);
  }
  return {
    rule,
    villages: list,
    households: rows.map((h) => ({
      id: h.id,
      villageId: h.villageId,
      label: h.label,
      hasSmartphone: h.hasSmartphone,
      createdOn: vietnamDay(h.createdAt),
      removedOn: dayOf(h.removedAt),
      members: membersOf.get(h.id) ?? [],
    })),
    learners: villageLearners.flatMap((l) => (l.villageId === null ? [] : [{ villageId: l.villageId, tasks: daysOf(l.id) }])),
  };
}

function figuresOf(facts: HouseholdFact[], rule: HouseholdRule | null, period: Period): HouseholdFigures {
  let withSmartphone = 0;
  let counted = 0;
  let selfReportedOnly = 0;
  let withoutSmartphone = 0;
  let newCounted = 0;
  for (const h of facts) {
    const status = statusOn(h, rule, period.to);
    if (status === null) continue;
    if (status === "noSmartphone") {
      withoutSmartphone++;
      continue;
    }
    withSmartphone++;
    if (status === "counted") counted++;
    if (status === "selfReportedOnly") selfReportedOnly++;
    if (status === "counted" && newlyCounted(h, rule, period)) newCounted++;
  }
  return {
    withSmartphone,
    counted,
    selfReportedOnly,
    withoutSmartphone,
    rate: rate(counted, withSmartphone, HOUSEHOLD_TARGET_PERCENT),
    newCounted,
  };
}

function uptake(people: ReadonlyArray<{ tasks: Map<string, TaskDays> }>, content: CurriculumIndex, day: string): TaskUptake[] {
  return content.curriculum.tasks.map((task) => {
    let confirmed = 0;
    let selfReportedOnly = 0;
    for (const l of people) {
      const e = evidenceOn(l.tasks.get(task.id), day);
      if (e === "confirmed") confirmed++;
      else if (e === "self_reported") selfReportedOnly++;
    }
    return { taskId: task.id, title: task.title, confirmed, selfReportedOnly };
  });
}

/**
 * The households indicator for a period: per village and for the commune, the households with a
 * smartphone on the period's last day, those counted under the content's rule that day, the rate
 * against 70%, what was ticked but not confirmed, the newly counted, a trend, and the per-task uptake.
 */
export function householdIndicator(
  data: CommuneHouseholds,
  content: CurriculumIndex,
  period: Period,
  granularity: Granularity,
  focusVillageId: number | null = null,
): HouseholdIndicator {
  const rule = data.rule;
  const byVillage = new Map<number, HouseholdFact[]>(data.villages.map((v) => [v.id, []]));
  for (const h of data.households) byVillage.get(h.villageId)?.push(h);
  const peopleOf = new Map<number, CommuneHouseholds["learners"]>(data.villages.map((v) => [v.id, []]));
  for (const l of data.learners) peopleOf.get(l.villageId)?.push(l);
  const villageRows: VillageHouseholds[] = data.villages.map((v) => ({
    villageId: v.id,
    name: v.name,
    ...figuresOf(byVillage.get(v.id) ?? [], rule, period),
    tasks: uptake(peopleOf.get(v.id) ?? [], content, period.to),
  }));
  const sum = (pick: (f: HouseholdFigures) => number) => villageRows.reduce((n, f) => n + pick(f), 0);
  const withSmartphone = sum((f) => f.withSmartphone);
  const counted = sum((f) => f.counted);

  const ids = data.villages.map((v) => v.id);
  const focused = focusVillageId !== null && ids.includes(focusVillageId) ? focusVillageId : null;
  const focusFacts = focused === null ? data.households : (byVillage.get(focused) ?? []);
  const trend = buckets(period, granularity).map((bucket): HouseholdTrendPoint => {
    const statuses = focusFacts.map((h) => statusOn(h, rule, bucket.end));
    const denominator = statuses.filter((s) => s !== null && s !== "noSmartphone").length;
    const numerator = statuses.filter((s) => s === "counted").length;
    return { ...bucket, rate: rate(numerator, denominator, HOUSEHOLD_TARGET_PERCENT) };
  });

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
      tasks: uptake(data.learners, content, period.to),
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

/** The households behind one number of the households table, chosen by exactly the condition that counted them. */
export function householdsBehind(data: CommuneHouseholds, q: HouseholdListQuery): HouseholdRow[] {
  const day = q.period.to;
  const names = new Map(data.villages.map((v) => [v.id, v.name]));
  const required = data.rule?.requiredTasks ?? [];
  const out: HouseholdRow[] = [];
  for (const h of data.households) {
    if (q.villageId !== null && h.villageId !== q.villageId) continue;
    const status = statusOn(h, data.rule, day);
    if (status === null) continue;
    if (q.status === "smartphone" ? status === "noSmartphone" : q.status !== null && status !== q.status) continue;
    if (q.scope === "new" && (status !== "counted" || !newlyCounted(h, data.rule, q.period))) continue;
    const present = h.members.filter((m) => m.joinedOn <= day);
    out.push({
      id: h.id,
      villageId: h.villageId,
      villageName: names.get(h.villageId) ?? "",
      label: h.label,
      hasSmartphone: h.hasSmartphone,
      memberCount: present.length,
      memberNames: present.map((m) => m.displayName),
      status,
      best: bestMember(h, required, day),
    });
  }
  // The villages' Vietnamese order, then the labels as the teams wrote them.
  const order = new Map(data.villages.map((v, i) => [v.id, i]));
  return out.sort((a, b) => (order.get(a.villageId) ?? 0) - (order.get(b.villageId) ?? 0) || a.label.localeCompare(b.label, "vi"));
}

/** Used by the staff pages to check a ?village= belongs to the commune. */
export function villageOfCommune(db: DbOrTx, communeId: number, villageId: number): { name: string } | null {
  const row = db.select({ name: villages.name, communeId: villages.communeId }).from(villages).where(eq(villages.id, villageId)).get();
  return row && row.communeId === communeId ? { name: row.name } : null;
}
