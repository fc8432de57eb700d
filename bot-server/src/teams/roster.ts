import { idleDays, type Roster, type RosterEntry, type RosterStatus, rosterStatus } from "@hvs/shared/team";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { fold } from "../chatbot/normalize";
import type { DbOrTx } from "../db/client";
import { certificates, classAttendance, classes, learnerIdentities, learners, lessonCompletions, progressEvents } from "../db/schema";

const MAX_ROWS = 200;

export interface VillageResident {
  learnerId: number;
  displayName: string | null;
  birthYear: number | null;
  phone: string | null;
  lessonsCompleted: number;
  lastActiveAt: Date | null;
  certified: boolean;
  usesZalo: boolean;
}

/**
 * Everyone living in the village as far as the system knows: not merged into another record, not deleted.
 * "Active" means a lesson opened or finished, an answer, in the app or the chat (all progress events), or a
 * class attended; whichever is latest.
 */
export function villageResidents(db: DbOrTx, villageId: number, learnerIds?: number[]): VillageResident[] {
  const lastEvent = db
    .select({ at: sql<number>`max(${progressEvents.receivedAt})` })
    .from(progressEvents)
    .where(eq(progressEvents.learnerId, learners.id));
  // A class is dated by its Vietnam day; its end of day stands for "when", which only matters in days.
  const lastClass = db
    .select({ on: sql<string>`max(${classes.heldOn})` })
    .from(classAttendance)
    .innerJoin(classes, eq(classes.id, classAttendance.classId))
    .where(eq(classAttendance.learnerId, learners.id));
  const rows = db
    .select({
      learnerId: learners.id,
      displayName: learners.displayName,
      birthYear: learners.birthYear,
      phone: learners.phone,
      lessonsCompleted: sql<number>`(select count(*) from ${lessonCompletions} where ${lessonCompletions.learnerId} = ${learners.id})`,
      lastEventAt: sql<number | null>`(${lastEvent})`,
      lastClassOn: sql<string | null>`(${lastClass})`,
      certified: sql<number>`exists (select 1 from ${certificates} where ${certificates.learnerId} = ${learners.id} and ${certificates.status} = 'valid')`,
      usesZalo: sql<number>`exists (select 1 from ${learnerIdentities} where ${learnerIdentities.learnerId} = ${learners.id} and ${learnerIdentities.provider} in ('zalo_app', 'zalo_oa'))`,
    })
    .from(learners)
    .where(
      and(
        eq(learners.villageId, villageId),
        isNull(learners.mergedInto),
        isNull(learners.forgottenAt),
        learnerIds ? inArray(learners.id, learnerIds) : undefined,
      ),
    )
    .all();
  return rows.map((r) => {
    const classAt = r.lastClassOn ? Date.parse(`${r.lastClassOn}T23:59:59+07:00`) : null;
    const latest = Math.max(r.lastEventAt ?? 0, classAt ?? 0);
    return {
      learnerId: r.learnerId,
      displayName: r.displayName,
      birthYear: r.birthYear,
      phone: r.phone,
      lessonsCompleted: Number(r.lessonsCompleted),
      lastActiveAt: latest > 0 ? new Date(latest) : null,
      certified: Boolean(r.certified),
      usesZalo: Boolean(r.usesZalo),
    };
  });
}

/** The roster a team member sees: searchable without diacritics ("nguyen van" finds "Nguyễn Văn"). */
export function roster(db: DbOrTx, villageId: number, filter: { q?: string; status?: RosterStatus }, now: Date): Roster {
  const counts: Record<RosterStatus, number> = { not_started: 0, learning: 0, stalled: 0, certified: 0 };
  const needle = filter.q ? fold(filter.q) : "";
  const matching: RosterEntry[] = [];
  for (const r of villageResidents(db, villageId)) {
    const status = rosterStatus(r, now);
    counts[status]++;
    if (filter.status && status !== filter.status) continue;
    if (needle && !fold(r.displayName ?? "").includes(needle) && !(r.phone ?? "").includes(needle)) continue;
    matching.push({
      learnerId: r.learnerId,
      displayName: r.displayName,
      birthYear: r.birthYear,
      phone: r.phone,
      status,
      idleDays: idleDays(r.lastActiveAt, now),
      lessonsCompleted: r.lessonsCompleted,
      usesZalo: r.usesZalo,
    });
  }
  // Those who need a nudge first: the longest idle, then the names in Vietnamese order.
  matching.sort((a, b) => (b.idleDays ?? -1) - (a.idleDays ?? -1) || (a.displayName ?? "").localeCompare(b.displayName ?? "", "vi"));
  return { residents: matching.slice(0, MAX_ROWS), counts, truncated: matching.length > MAX_ROWS };
}
