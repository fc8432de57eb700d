import { populationOn } from "@hvs/shared/indicators";
import type { Period } from "@hvs/shared/periods";
import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { communes, learnerMilestones, provinces, villages } from "../db/schema";
import { byVietnameseName } from "../villages/commune-villages";
import { sumFigures, villageFigures } from "./figures";
import { populationHistory } from "./populations";

export type CommuneFigures = ReturnType<typeof sumFigures> & { communeId: number; name: string };

export interface ProvinceRollup {
  provinceId: number;
  provinceName: string;
  period: Period;
  communes: CommuneFigures[];
  total: ReturnType<typeof sumFigures>;
}

const m = learnerMilestones;
const NONE = { tookPart: 0, newTookPart: 0, certified: 0, newCertified: 0 };
const countIf = (condition: ReturnType<typeof and>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`.mapWith(Number);

/**
 * Every commune of a province for a period, by the same rules as the commune page, without names (a
 * province reads figures, not people). One pass over the milestones' covering index: a million learners
 * take a few hundred milliseconds (npm run bench:dashboard).
 */
export function provinceRollup(db: DbOrTx, provinceId: number, period: Period): ProvinceRollup | undefined {
  const province = db.select({ name: provinces.name }).from(provinces).where(eq(provinces.id, provinceId)).get();
  if (!province) return undefined;
  const places = db
    .select({ villageId: villages.id, communeId: communes.id, communeName: communes.name })
    .from(villages)
    .innerJoin(communes, eq(communes.id, villages.communeId))
    .where(eq(communes.provinceId, provinceId))
    .all();
  const villageIds = places.map((p) => p.villageId);
  const counts = new Map<number, { tookPart: number; newTookPart: number; certified: number; newCertified: number }>();
  if (villageIds.length > 0) {
    for (const row of db
      .select({
        villageId: m.villageId,
        tookPart: countIf(lte(m.tookPartOn, period.to)),
        newTookPart: countIf(and(gte(m.tookPartOn, period.from), lte(m.tookPartOn, period.to))),
        certified: countIf(lte(m.certifiedOn, period.to)),
        newCertified: countIf(and(gte(m.certifiedOn, period.from), lte(m.certifiedOn, period.to))),
      })
      .from(m)
      .where(inArray(m.villageId, villageIds))
      .groupBy(m.villageId)
      .all()) {
      if (row.villageId !== null) counts.set(row.villageId, row);
    }
  }
  const history = populationHistory(db, villageIds);

  const byCommune = new Map<number, { name: string; villages: number[] }>();
  for (const p of places) {
    const entry = byCommune.get(p.communeId) ?? { name: p.communeName, villages: [] };
    entry.villages.push(p.villageId);
    byCommune.set(p.communeId, entry);
  }
  const figures = [...byCommune]
    .sort(([, a], [, b]) => byVietnameseName(a, b))
    .map(
      ([communeId, c]): CommuneFigures => ({
        communeId,
        name: c.name,
        ...sumFigures(c.villages.map((id) => villageFigures(populationOn(history.get(id) ?? [], period.to), counts.get(id) ?? NONE))),
      }),
    );
  return {
    provinceId,
    provinceName: province.name,
    period,
    communes: figures,
    // From the communes' own totals, whose rates already left out villages without a population figure.
    total: sumFigures(figures),
  };
}
