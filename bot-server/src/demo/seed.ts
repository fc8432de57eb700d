import { eq } from "drizzle-orm";
import { issueStaffPassword } from "../admin/staff-accounts";
import type { Db } from "../db/client";
import { communes, learnerIdentities, learners, lessonCompletions, villagePopulations, villages } from "../db/schema";
import { noteActivity, placeLearner, vietnamDay } from "../indicators/milestones";
import type { CurriculumIndex } from "../learning/curriculum";
import { seedDemoHistory } from "./history";
import { DEMO_COMMUNE, DEMO_RESIDENTS, DEMO_STAFF_USERNAME, DEMO_VILLAGES } from "./residents";

/**
 * Demo data: one commune, three villages, a few residents, one staff account. Places and people are
 * created once; the staff password is replaced on every start, because it is only ever shown, never stored.
 */
export async function seedDemo(
  db: Db,
  content: CurriculumIndex,
  now: Date,
  options: { history: boolean },
): Promise<{ username: string; password: string }> {
  const firstLesson = content.curriculum.courses[0]?.lessons[0];
  if (!firstLesson) throw new Error("curriculum has no lesson");
  const communeId = db.transaction(
    (tx) => {
      let commune = tx.select({ id: communes.id }).from(communes).where(eq(communes.name, DEMO_COMMUNE)).get();
      if (!commune) {
        commune = tx.insert(communes).values({ name: DEMO_COMMUNE }).returning({ id: communes.id }).get();
        const villageIds = new Map<string, number>();
        const placed: { id: number; adults: number }[] = [];
        for (const v of DEMO_VILLAGES) {
          const row = tx.insert(villages).values({ communeId: commune.id, name: v.name }).returning({ id: villages.id }).get();
          tx.insert(villagePopulations)
            .values({ villageId: row.id, adults: v.adults, effectiveFrom: "2025-01-01", source: "setup", recordedAt: now })
            .run();
          villageIds.set(v.name, row.id);
          placed.push({ id: row.id, adults: v.adults });
        }
        for (const r of DEMO_RESIDENTS) {
          const learner = tx
            .insert(learners)
            .values({ displayName: r.name, villageId: villageIds.get(r.village) ?? null, createdAt: now })
            .returning({ id: learners.id })
            .get();
          tx.insert(learnerIdentities).values({ learnerId: learner.id, provider: "zalo_app", subject: r.zaloId, createdAt: now }).run();
          placeLearner(tx, learner.id);
          if (r.alreadyLearned) {
            tx.insert(lessonCompletions)
              .values({ learnerId: learner.id, lessonId: firstLesson.id, lessonVersion: firstLesson.version, completedAt: now })
              .run();
            noteActivity(tx, learner.id, vietnamDay(now), "lesson");
          }
        }
        if (options.history) seedDemoHistory(tx, content, placed, DEMO_COMMUNE, now);
      }
      return commune.id;
    },
    { behavior: "immediate" },
  );
  const password = await issueStaffPassword(db, { communeId, username: DEMO_STAFF_USERNAME }, now);
  return { username: DEMO_STAFF_USERNAME, password };
}
