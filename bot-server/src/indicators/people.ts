import type { Period } from "@hvs/shared/periods";
import { and, asc, count, desc, eq, gte, isNotNull, isNull, lte, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { learnerMilestones, learners, villages } from "../db/schema";
import { type Step, stepColumn } from "./commune-report";

export const PEOPLE_PAGE_SIZE = 100;

export interface PeopleQuery {
  step: Step;
  /** cumulative: reached the step by the period's end; new: reached it first inside the period. */
  scope: "cumulative" | "new";
  period: Period;
  villageId: number | null;
  page: number;
  /** The page's length; a file of the whole list asks for everyone at once. */
  pageSize?: number;
}

export interface PersonRow {
  learnerId: number;
  displayName: string;
  birthYear: number | null;
  villageName: string;
  day: string;
  tookPartBy: "lesson" | "quiz" | "class" | null;
}

/**
 * The people behind one number of the dashboard, counted by exactly the same condition. People who
 * deleted their data stay in the number but not in the list: `forgotten` says how many, so the list and
 * the number still add up.
 */
export function peopleBehind(db: DbOrTx, communeId: number, q: PeopleQuery): { rows: PersonRow[]; listed: number; forgotten: number } {
  const column = stepColumn(q.step);
  const conditions: SQL[] = [eq(villages.communeId, communeId), isNotNull(column), lte(column, q.period.to)];
  if (q.scope === "new") conditions.push(gte(column, q.period.from));
  if (q.villageId !== null) conditions.push(eq(learnerMilestones.villageId, q.villageId));
  const base = and(...conditions);
  const counted = (extra: SQL) =>
    db
      .select({ n: count() })
      .from(learnerMilestones)
      .innerJoin(villages, eq(villages.id, learnerMilestones.villageId))
      .innerJoin(learners, eq(learners.id, learnerMilestones.learnerId))
      .where(and(base, extra))
      .get()?.n ?? 0;
  const rows = db
    .select({
      learnerId: learners.id,
      displayName: learners.displayName,
      birthYear: learners.birthYear,
      villageName: villages.name,
      day: column,
      tookPartBy: learnerMilestones.tookPartBy,
    })
    .from(learnerMilestones)
    .innerJoin(villages, eq(villages.id, learnerMilestones.villageId))
    .innerJoin(learners, eq(learners.id, learnerMilestones.learnerId))
    .where(and(base, isNull(learners.forgottenAt)))
    .orderBy(desc(column), asc(learners.displayName), asc(learners.id))
    .limit(q.pageSize ?? PEOPLE_PAGE_SIZE)
    .offset((q.page - 1) * (q.pageSize ?? PEOPLE_PAGE_SIZE))
    .all();
  return {
    rows: rows.map((r) => ({ ...r, displayName: r.displayName ?? "(chưa có tên)", day: r.day ?? "" })),
    listed: counted(isNull(learners.forgottenAt)),
    forgotten: counted(isNotNull(learners.forgottenAt)),
  };
}
