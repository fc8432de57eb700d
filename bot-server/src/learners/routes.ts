import { SetVillageRequest } from "@hvs/shared/api";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import type { Db } from "../db/client";
import { certificates, learnerIdentities, learners, sessions, villages } from "../db/schema";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";
import { jsonBody } from "../http/validate";
import type { CurriculumIndex } from "../learning/curriculum";
import { loadMe } from "./me";
import { loadMyData } from "./my-data";

/** `/me`: the signed-in resident's own record. Mounted behind requireLearner. */
export function createMeRoutes({ db, content, now }: { db: Db; content: CurriculumIndex; now: () => Date }) {
  return new Hono<AppEnv>()
    .get("/", (c) => c.json(loadMe(db, c.get("learnerId")), 200))
    .get("/data", (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(loadMyData(db, content, c.get("learnerId")), 200);
    })
    .put("/village", jsonBody(SetVillageRequest), (c) => {
      const { villageId } = c.req.valid("json");
      const village = db.select({ id: villages.id }).from(villages).where(eq(villages.id, villageId)).get();
      if (!village) throw new AppError("VILLAGE_NOT_FOUND");
      db.update(learners)
        .set({ villageId })
        .where(eq(learners.id, c.get("learnerId")))
        .run();
      return c.json(loadMe(db, c.get("learnerId")), 200);
    })
    .delete("/", (c) => {
      const learnerId = c.get("learnerId");
      // What identifies the person goes: name, Zalo id, sessions. What they did stays, unattributable, so
      // the village's count the commune already reported does not silently shrink.
      db.transaction(
        (tx) => {
          tx.update(learners).set({ displayName: null }).where(eq(learners.id, learnerId)).run();
          // A certificate prints the name, so it goes too: the verify page then says "withdrawn at the
          // learner's request", and the commune's count of people certified stays as it was.
          tx.update(certificates)
            .set({ displayName: null, status: "withdrawn", statusReason: "Người học yêu cầu xóa dữ liệu", statusChangedAt: now() })
            .where(eq(certificates.learnerId, learnerId))
            .run();
          tx.delete(learnerIdentities).where(eq(learnerIdentities.learnerId, learnerId)).run();
          tx.delete(sessions).where(eq(sessions.learnerId, learnerId)).run();
        },
        { behavior: "immediate" },
      );
      return c.json({ deleted: true }, 200);
    });
}
