import type { Me } from "@hvs/shared/api";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { learners, teamMembers, villages } from "../db/schema";
import { familyOf } from "../profiles/store";
import { membershipOf } from "../teams/membership";

/** Who is signed in, their village, their team role, and (on a helper's phone) who is helping them. */
export function loadMe(db: DbOrTx, learnerId: number, assistedBy: number | null = null): Me {
  const row = db
    .select({ id: learners.id, displayName: learners.displayName, villageId: villages.id, villageName: villages.name })
    .from(learners)
    .leftJoin(villages, eq(villages.id, learners.villageId))
    .where(eq(learners.id, learnerId))
    .get();
  if (!row) throw new Error(`learner ${learnerId} vanished`);
  // The helper's own role is not the resident's: an assisted session shows no team section.
  const member = assistedBy === null ? membershipOf(db, learnerId) : undefined;
  const helper =
    assistedBy === null
      ? undefined
      : db.select({ name: teamMembers.displayName }).from(teamMembers).where(eq(teamMembers.id, assistedBy)).get();
  return {
    id: row.id,
    displayName: row.displayName,
    village: row.villageId !== null && row.villageName !== null ? { id: row.villageId, name: row.villageName } : null,
    team: member ? { memberId: member.memberId, villageId: member.villageId, villageName: member.villageName } : null,
    assistedBy: helper ? { name: helper.name } : null,
    family: familyOf(db, learnerId),
  };
}
