import type { Program } from "@hvs/shared/content";
import { type Rate, rate, totalRate } from "@hvs/shared/indicators";
import { programRuleText } from "@hvs/shared/programs";
import { and, count, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { learners, quizAttempts, villages } from "../db/schema";

export interface ProgramAttainment {
  programId: string;
  title: string;
  /** The rule in words, so the number explains itself. */
  rule: string;
  villages: { villageId: number; rate: Rate }[];
  total: ReturnType<typeof totalRate>;
}

/**
 * Adults who meet a program's rule, per village, over the adult population: for every required course,
 * some finished attempt at its final quiz reached the pass mark. The rule comes from content; this only
 * turns it into one portable query.
 */
export function attainmentByVillage(
  db: Db,
  communeId: number,
  program: Program,
  courses: ReadonlyArray<{ id: string; title: string; finalQuiz: string }>,
): ProgramAttainment {
  const finalQuizOf = (courseId: string) => courses.find((c) => c.id === courseId)?.finalQuiz;
  const titles = program.courses.map((id) => courses.find((c) => c.id === id)?.title ?? id);
  const finals = [...new Set(program.courses.map(finalQuizOf).filter((id): id is string => id !== undefined))];
  const passedAll = db
    .select({ learnerId: quizAttempts.learnerId })
    .from(quizAttempts)
    .where(
      and(
        inArray(quizAttempts.quizId, finals),
        isNotNull(quizAttempts.finishedAt),
        // A pass held for review (answered faster than anyone can read) does not count until accepted.
        eq(quizAttempts.heldForReview, false),
        sql`${quizAttempts.correctCount} * 100 >= ${program.passPercent} * ${quizAttempts.questionCount}`,
      ),
    )
    .groupBy(quizAttempts.learnerId)
    .having(sql`count(distinct ${quizAttempts.quizId}) = ${finals.length}`);

  // A required course without a final quiz cannot be passed: nobody meets the rule.
  const counts = new Map<number, number>();
  if (finals.length === program.courses.length) {
    const rows = db
      .select({ villageId: learners.villageId, n: count() })
      .from(learners)
      .where(and(inArray(learners.id, passedAll), isNotNull(learners.villageId)))
      .groupBy(learners.villageId)
      .all();
    for (const row of rows) if (row.villageId !== null) counts.set(row.villageId, row.n);
  }
  const all = db
    .select({ id: villages.id, adults: villages.adultPopulation })
    .from(villages)
    .where(eq(villages.communeId, communeId))
    .orderBy(villages.name)
    .all();
  const perVillage = all.map((v) => ({ villageId: v.id, rate: rate(counts.get(v.id) ?? 0, v.adults) }));
  return {
    programId: program.id,
    title: program.title,
    rule: programRuleText(titles, program.passPercent),
    villages: perVillage,
    total: totalRate(perVillage.map((v) => v.rate)),
  };
}
