import { populationOn, type Rate, totalRate } from "@hvs/shared/indicators";
import { type Bucket, buckets, type Granularity, type Period } from "@hvs/shared/periods";
import { and, count, eq, inArray, isNotNull, lte } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { communes, learnerMilestones } from "../db/schema";
import { communeVillages } from "../villages/commune-villages";
import { type Figures, sumFigures, villageFigures } from "./figures";
import { populationHistory } from "./populations";

/** The steps of the funnel, in order; `tookPart` and `certified` are the two indicators. */
export const STEPS = ["registered", "started", "tookPart", "courseFinished", "certified"] as const;
export type Step = (typeof STEPS)[number];

const COLUMN = {
  registered: learnerMilestones.registeredOn,
  started: learnerMilestones.startedOn,
  tookPart: learnerMilestones.tookPartOn,
  courseFinished: learnerMilestones.courseFinishedOn,
  certified: learnerMilestones.certifiedOn,
} as const;

export function stepColumn(step: Step) {
  return COLUMN[step];
}

/**
 * How many learners reached each step on each day, per village, up to the period's end: at most
 * villages × days rows, from which every figure of the page (the table, the trend, the funnel) is summed.
 */
class DayTally {
  private readonly series = new Map<string, { days: string[]; cumulative: number[] }>();

  add(villageId: number, step: Step, rows: { day: string; n: number }[]): void {
    let running = 0;
    const sorted = [...rows].sort((a, b) => (a.day < b.day ? -1 : 1));
    this.series.set(`${villageId}:${step}`, {
      days: sorted.map((r) => r.day),
      cumulative: sorted.map((r) => (running += r.n)),
    });
  }

  /** Learners of the village who had reached the step by the end of `day`. */
  upTo(villageId: number, step: Step, day: string): number {
    const s = this.series.get(`${villageId}:${step}`);
    if (!s) return 0;
    let lo = 0;
    let hi = s.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((s.days[mid] as string) <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : (s.cumulative[lo - 1] as number);
  }

  /** Learners who reached the step for the first time inside the period. */
  within(villageId: number, step: Step, period: Period): number {
    const dayBefore = new Date(Date.parse(`${period.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    return this.upTo(villageId, step, period.to) - this.upTo(villageId, step, dayBefore);
  }
}

export type Funnel = Record<Step, number>;

export interface VillageFigures extends Figures {
  villageId: number;
  name: string;
  funnel: Funnel;
}

export interface TrendPoint extends Bucket {
  participation: Rate;
  basicSkills: Rate;
}

export interface CommuneReport {
  communeId: number;
  communeName: string;
  period: Period;
  granularity: Granularity;
  villages: VillageFigures[];
  total: ReturnType<typeof sumFigures> & { funnel: Funnel };
  /** For the commune, or the one village asked for. */
  focus: { villageId: number | null; trend: TrendPoint[]; funnel: Funnel };
}

function tally(db: DbOrTx, villageIds: number[], to: string): DayTally {
  const t = new DayTally();
  if (villageIds.length === 0) return t;
  for (const step of STEPS) {
    const column = COLUMN[step];
    const rows = db
      .select({ villageId: learnerMilestones.villageId, day: column, n: count() })
      .from(learnerMilestones)
      .where(and(inArray(learnerMilestones.villageId, villageIds), isNotNull(column), lte(column, to)))
      .groupBy(learnerMilestones.villageId, column)
      .all();
    const byVillage = new Map<number, { day: string; n: number }[]>();
    for (const r of rows) {
      if (r.villageId === null || r.day === null) continue;
      const list = byVillage.get(r.villageId) ?? [];
      list.push({ day: r.day, n: r.n });
      byVillage.set(r.villageId, list);
    }
    for (const [villageId, list] of byVillage) t.add(villageId, step, list);
  }
  return t;
}

/**
 * The commune's indicators for a period (decision 010): each rate is the learners who had reached the step
 * by the period's last day over the adults in effect that day; "new" counts those who reached it inside
 * the period. Learners who chose no village cannot be placed and are in no row.
 */
export function communeReport(
  db: DbOrTx,
  communeId: number,
  period: Period,
  granularity: Granularity,
  focusVillageId: number | null = null,
): CommuneReport {
  const commune = db.select({ name: communes.name }).from(communes).where(eq(communes.id, communeId)).get();
  const list = communeVillages(db, communeId);
  const ids = list.map((v) => v.id);
  const t = tally(db, ids, period.to);
  const history = populationHistory(db, ids);
  const adultsOn = (villageId: number, day: string) => populationOn(history.get(villageId) ?? [], day);
  const funnelOf = (villageIds: number[], day: string): Funnel =>
    Object.fromEntries(STEPS.map((step) => [step, villageIds.reduce((sum, id) => sum + t.upTo(id, step, day), 0)])) as Funnel;

  const rows: VillageFigures[] = list.map((v) => ({
    villageId: v.id,
    name: v.name,
    ...villageFigures(adultsOn(v.id, period.to), {
      tookPart: t.upTo(v.id, "tookPart", period.to),
      certified: t.upTo(v.id, "certified", period.to),
      newTookPart: t.within(v.id, "tookPart", period),
      newCertified: t.within(v.id, "certified", period),
    }),
    funnel: funnelOf([v.id], period.to),
  }));

  // A village of another commune (or none) focuses on the whole commune: never on nobody.
  const focused = focusVillageId !== null && ids.includes(focusVillageId) ? focusVillageId : null;
  const focusIds = focused === null ? ids : [focused];
  const trend = buckets(period, granularity).map((bucket): TrendPoint => {
    const counted = focusIds.map((id) => ({
      adults: adultsOn(id, bucket.end),
      tookPart: t.upTo(id, "tookPart", bucket.end),
      certified: t.upTo(id, "certified", bucket.end),
    }));
    return {
      ...bucket,
      participation: totalRate(counted.map((c) => ({ numerator: c.tookPart, denominator: c.adults }))),
      basicSkills: totalRate(counted.map((c) => ({ numerator: c.certified, denominator: c.adults }))),
    };
  });

  return {
    communeId,
    communeName: commune?.name ?? "",
    period,
    granularity,
    villages: rows,
    total: { ...sumFigures(rows), funnel: funnelOf(ids, period.to) },
    focus: {
      villageId: focused,
      trend,
      funnel: funnelOf(focusIds, period.to),
    },
  };
}
