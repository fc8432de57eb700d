import type { PopulationEntry } from "@hvs/shared/indicators";
import { isDay } from "@hvs/shared/periods";
import { vietnamClock } from "@hvs/shared/vietnam-time";
import { asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { staff, villagePopulations, villages } from "../db/schema";
import { AppError } from "../http/app-error";
import { byVietnameseName } from "../villages/commune-villages";

export const MAX_ADULTS_PER_VILLAGE = 1_000_000;

export interface PopulationInput {
  villageId: number;
  adults: number;
  effectiveFrom: string;
}

/** Adds a figure to a village's history (nothing is overwritten). The village must be in the commune. */
export function recordPopulation(
  tx: DbOrTx,
  communeId: number,
  input: PopulationInput,
  by: { staffId: number | null; source: "form" | "import" | "setup" },
  now: Date,
): void {
  const village = tx.select({ communeId: villages.communeId }).from(villages).where(eq(villages.id, input.villageId)).get();
  if (!village || village.communeId !== communeId) throw new AppError("VILLAGE_NOT_FOUND");
  // A figure for a day not yet come would change today's report behind the staff's back.
  if (!isDay(input.effectiveFrom) || input.effectiveFrom > vietnamClock(now).date) {
    throw new AppError("VALIDATION_FAILED", "effectiveFrom invalid or in the future", "Ngày áp dụng không được sau hôm nay.");
  }
  if (!Number.isInteger(input.adults) || input.adults < 0 || input.adults > MAX_ADULTS_PER_VILLAGE) {
    throw new AppError(
      "VALIDATION_FAILED",
      "adults out of range",
      `Số người trưởng thành phải là số nguyên từ 0 đến ${MAX_ADULTS_PER_VILLAGE.toLocaleString("vi-VN")}.`,
    );
  }
  tx.insert(villagePopulations)
    .values({ ...input, source: by.source, recordedBy: by.staffId, recordedAt: now })
    .run();
}

/** Every village's figures, for `populationOn` to pick from. */
export function populationHistory(db: DbOrTx, villageIds: number[]): Map<number, PopulationEntry[]> {
  const out = new Map<number, PopulationEntry[]>(villageIds.map((id) => [id, []]));
  if (villageIds.length === 0) return out;
  for (const row of db
    .select({
      villageId: villagePopulations.villageId,
      effectiveFrom: villagePopulations.effectiveFrom,
      adults: villagePopulations.adults,
      seq: villagePopulations.id,
    })
    .from(villagePopulations)
    .where(inArray(villagePopulations.villageId, villageIds))
    .all()) {
    out.get(row.villageId)?.push(row);
  }
  return out;
}

/** The history as staff read it: newest first, with who entered it. */
export function populationLog(db: DbOrTx, communeId: number) {
  return (
    db
      .select({
        id: villagePopulations.id,
        villageName: villages.name,
        adults: villagePopulations.adults,
        effectiveFrom: villagePopulations.effectiveFrom,
        source: villagePopulations.source,
        recordedBy: staff.username,
        recordedAt: villagePopulations.recordedAt,
      })
      .from(villagePopulations)
      .innerJoin(villages, eq(villages.id, villagePopulations.villageId))
      .leftJoin(staff, eq(staff.id, villagePopulations.recordedBy))
      .where(eq(villages.communeId, communeId))
      .orderBy(asc(villagePopulations.effectiveFrom), asc(villagePopulations.id))
      .all()
      // Stable: each village's entries keep their date order under the villages' Vietnamese order.
      .sort((a, b) => byVietnameseName({ name: a.villageName }, { name: b.villageName }))
  );
}
