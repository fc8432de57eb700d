import { SetVillageRequest } from "@hvs/shared/api";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import type { Db } from "../db/client";
import { learners, villages } from "../db/schema";
import { leaveHouseholdOutside } from "../households/store";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";
import { jsonBody } from "../http/validate";
import { placeLearner } from "../indicators/milestones";
import type { CurriculumIndex } from "../learning/curriculum";
import { forgetLearner } from "./forget";
import { loadMe } from "./me";
import { loadMyData } from "./my-data";

/** `/me`: the signed-in resident's own record. Mounted behind requireLearner. */
export function createMeRoutes({ db, content, now }: { db: Db; content: CurriculumIndex; now: () => Date }) {
  return new Hono<AppEnv>()
    .get("/", (c) => c.json(loadMe(db, c.get("learnerId"), c.get("assistedBy")), 200))
    .get("/data", (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(loadMyData(db, content, c.get("learnerId")), 200);
    })
    .put("/village", jsonBody(SetVillageRequest), (c) => {
      const { villageId } = c.req.valid("json");
      const village = db.select({ id: villages.id }).from(villages).where(eq(villages.id, villageId)).get();
      if (!village) throw new AppError("VILLAGE_NOT_FOUND");
      db.transaction(
        (tx) => {
          tx.update(learners)
            .set({ villageId })
            .where(eq(learners.id, c.get("learnerId")))
            .run();
          placeLearner(tx, c.get("learnerId"));
          leaveHouseholdOutside(tx, c.get("learnerId"), villageId);
        },
        { behavior: "immediate" },
      );
      return c.json(loadMe(db, c.get("learnerId"), c.get("assistedBy")), 200);
    })
    .delete("/", (c) => {
      const learnerId = c.get("learnerId");
      db.transaction((tx) => forgetLearner(tx, learnerId, now()), { behavior: "immediate" });
      return c.json({ deleted: true }, 200);
    });
}
