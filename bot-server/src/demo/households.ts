import { addDays } from "@hvs/shared/periods";
import { atVietnamTime } from "@hvs/shared/vietnam-time";
import { and, asc, eq, isNull, notExists } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { householdMembers, households, learnerIdentities, learners, taskRecords, teamMembers } from "../db/schema";
import { refreshAllReadiness } from "../households/readiness";
import { vietnamDay } from "../indicators/milestones";
import type { CurriculumIndex } from "../learning/curriculum";

/**
 * Invented households for the demo's invented people (demo/history.ts), so the households indicator has
 * a trend, a gap between self-reported and confirmed, and lists to open. Deterministic, like the history.
 * The first invented person of each village serves on its team and is who confirmed what was confirmed.
 */
export function seedDemoHouseholds(tx: DbOrTx, content: CurriculumIndex, villageIds: number[], r: () => number, now: Date): void {
  const today = vietnamDay(now);
  const tasks = content.curriculum.tasks.filter((t) => t.evidence === "self_check").map((t) => t.id);
  // How likely a person has done each task: Zalo is common, an online public-service file much less so.
  const uptake: Record<string, number> = { zalo: 0.85, "vneid-muc-2": 0.55, "dich-vu-cong": 0.35, "thanh-toan": 0.5 };
  for (const villageId of villageIds) {
    const people = tx
      .select({ id: learners.id, createdAt: learners.createdAt, name: learners.displayName })
      .from(learners)
      .where(
        and(
          eq(learners.villageId, villageId),
          isNull(learners.accountOwnerId),
          notExists(tx.select().from(learnerIdentities).where(eq(learnerIdentities.learnerId, learners.id))),
        ),
      )
      .orderBy(asc(learners.id))
      .all();
    const helper = people[0];
    if (!helper) continue;
    const member = tx
      .insert(teamMembers)
      .values({ villageId, learnerId: helper.id, displayName: helper.name ?? "Tổ viên", joinedAt: helper.createdAt })
      .returning({ id: teamMembers.id })
      .get().id;
    let i = 1;
    while (i < people.length) {
      const size = 1 + Math.floor(r() * 4);
      const family = people.slice(i, i + size);
      i += size;
      const head = family[0];
      if (!head) break;
      const household = tx
        .insert(households)
        .values({
          villageId,
          label: `Hộ ${head.name ?? "gia đình"}`,
          hasSmartphone: r() < 0.88,
          createdByMember: member,
          createdAt: head.createdAt,
          createdOn: vietnamDay(head.createdAt),
        })
        .returning({ id: households.id })
        .get().id;
      for (const person of family) {
        tx.insert(householdMembers).values({ learnerId: person.id, householdId: household, joinedAt: person.createdAt }).run();
        const joined = vietnamDay(person.createdAt);
        // Someone at ease with the phone tends to have done several of the tasks, not one of each at random;
        // a team member who visits confirms, that day, everything the person shows them.
        const ease = 0.6 + 1.2 * r();
        const visit = r() < 0.6 ? addDays(joined, 20 + Math.floor(r() * 60)) : null;
        for (const task of tasks) {
          if (r() > (uptake[task] ?? 0.4) * ease) continue;
          const ticked = addDays(joined, Math.floor(r() * 40));
          if (ticked > today) continue;
          const confirmed = visit && visit <= today && visit >= ticked ? visit : null;
          tx.insert(taskRecords)
            .values({
              learnerId: person.id,
              taskId: task,
              selfReportedAt: atVietnamTime(ticked, 9 * 60),
              confirmedBy: confirmed ? member : null,
              confirmedAt: confirmed ? atVietnamTime(confirmed, 15 * 60) : null,
              villageId,
            })
            .run();
        }
      }
    }
  }
  // Written directly: the ready days are computed as every write path computes them (once the server has
  // recorded its rule; on a fresh database the server's start computes them all).
  refreshAllReadiness(tx);
}
