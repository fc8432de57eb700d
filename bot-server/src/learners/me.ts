import type { Me } from "@hvs/shared/api";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { learners, villages } from "../db/schema";

export function loadMe(db: DbOrTx, learnerId: number): Me {
  const row = db
    .select({ id: learners.id, displayName: learners.displayName, villageId: villages.id, villageName: villages.name })
    .from(learners)
    .leftJoin(villages, eq(villages.id, learners.villageId))
    .where(eq(learners.id, learnerId))
    .get();
  if (!row) throw new Error(`learner ${learnerId} vanished`);
  return {
    id: row.id,
    displayName: row.displayName,
    village: row.villageId !== null && row.villageName !== null ? { id: row.villageId, name: row.villageName } : null,
  };
}
