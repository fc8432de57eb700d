import { idleDays, type Roster, type RosterEntry, type RosterStatus, rosterStatus } from "@hvs/shared/team";
import { sql } from "drizzle-orm";
import { fold } from "../chatbot/normalize";
import type { DbOrTx } from "../db/client";

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
export function villageResidents(db: DbOrTx, villageId: number): VillageResident[] {
  // Raw SQL with aliases: drizzle leaves columns unqualified in a single-table select, and the correlated
  // subqueries must name the outer learner explicitly. Standard SQL, PostgreSQL runs it as written.
  const rows = db.all<{
    learnerId: number;
    displayName: string | null;
    birthYear: number | null;
    phone: string | null;
    lessonsCompleted: number;
    lastEventAt: number | null;
    lastClassOn: string | null;
    certified: number;
    usesZalo: number;
  }>(sql`
    select l.id as learnerId, l.display_name as displayName, l.birth_year as birthYear, l.phone as phone,
      (select count(*) from lesson_completions c where c.learner_id = l.id) as lessonsCompleted,
      (select max(e.received_at) from progress_events e where e.learner_id = l.id) as lastEventAt,
      (select max(k.held_on) from class_attendance a join classes k on k.id = a.class_id where a.learner_id = l.id) as lastClassOn,
      exists (select 1 from certificates x where x.learner_id = l.id and x.status = 'valid') as certified,
      exists (select 1 from learner_identities i where i.learner_id = l.id and i.provider in ('zalo_app', 'zalo_oa')) as usesZalo
    from learners l
    where l.village_id = ${villageId} and l.merged_into is null and l.forgotten_at is null`);
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
