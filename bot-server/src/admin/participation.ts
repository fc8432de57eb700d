import { type Rate, rate, totalRate } from "@hvs/shared/indicators";
import { and, asc, eq, exists, isNotNull, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { classAttendance, learners, lessonCompletions, quizAttempts, villages } from "../db/schema";

export interface VillageParticipation {
  villageId: number;
  villageName: string;
  rate: Rate;
}

/**
 * "Took part" = finished at least one lesson or one quiz (in the app or the chat), or attended a village
 * team's class. Merely opening the app does not count, so the number a commune reports upward can be
 * explained learner by learner.
 */
export function participationByVillage(
  db: Db,
  communeId: number,
): { villages: VillageParticipation[]; total: ReturnType<typeof totalRate> } {
  const tookPart = or(
    exists(db.select({ one: sql`1` }).from(lessonCompletions).where(eq(lessonCompletions.learnerId, learners.id))),
    exists(
      db
        .select({ one: sql`1` })
        .from(quizAttempts)
        .where(and(eq(quizAttempts.learnerId, learners.id), isNotNull(quizAttempts.finishedAt))),
    ),
    exists(db.select({ one: sql`1` }).from(classAttendance).where(eq(classAttendance.learnerId, learners.id))),
  );
  const rows = db
    .select({
      villageId: villages.id,
      villageName: villages.name,
      adults: villages.adultPopulation,
      participants: sql<number>`count(${learners.id})`.mapWith(Number),
    })
    .from(villages)
    .leftJoin(learners, and(eq(learners.villageId, villages.id), tookPart))
    .where(eq(villages.communeId, communeId))
    .groupBy(villages.id)
    .orderBy(asc(villages.name))
    .all();
  const result = rows.map((r) => ({ villageId: r.villageId, villageName: r.villageName, rate: rate(r.participants, r.adults) }));
  return { villages: result, total: totalRate(result.map((v) => v.rate)) };
}
