import { CreateProfileRequest, SetPinRequest, SwitchProfileRequest } from "@hvs/shared/family";
import { Hono } from "hono";
import { z } from "zod";
import { createSession, deleteSession, LEARNER_SESSION_MS } from "../auth/sessions";
import type { Db } from "../db/client";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";
import { jsonBody, params } from "../http/validate";
import { forgetLearner } from "../learners/forget";
import { loadMe } from "../learners/me";
import { checkPin, createProfile, listProfiles, profileToRemove, setPin } from "./store";

const IdParam = z.object({ id: z.coerce.number().int().positive() });

/**
 * `/api/profiles`: several people learning on one family phone. Mounted behind requireLearner. A phone
 * lent by a team member (assisted session) cannot see or switch the family's profiles.
 */
export function createProfileRoutes({ db, now }: { db: Db; now: () => Date }) {
  return (
    new Hono<AppEnv>()
      .use("*", async (c, next) => {
        if (c.get("assistedBy") !== null) throw new AppError("FORBIDDEN", "profiles in an assisted session");
        await next();
      })
      .get("/", (c) => {
        c.header("Cache-Control", "no-store");
        return c.json(listProfiles(db, c.get("learnerId")), 200);
      })
      .post("/", jsonBody(CreateProfileRequest), async (c) => {
        const { created } = await createProfile(db, c.get("learnerId"), c.req.valid("json"), now());
        return c.json(listProfiles(db, c.get("learnerId")), created ? 201 : 200);
      })
      // Switching hands out a session for the chosen person and ends the current one (also when the same
      // person is chosen again as the app opens), so going back to a profile with a PIN needs the PIN again
      // and a phone holds one live session, not one per opening.
      .post("/:id/switch", params(IdParam), jsonBody(SwitchProfileRequest), async (c) => {
        const target = c.req.valid("param").id;
        await checkPin(db, c.get("learnerId"), target, c.req.valid("json").pin, now());
        const current = /^Bearer (\S+)$/.exec(c.req.header("Authorization") ?? "")?.[1];
        const session = db.transaction(
          (tx) => {
            if (current) deleteSession(tx, current);
            return createSession(tx, { learnerId: target }, LEARNER_SESSION_MS, now());
          },
          { behavior: "immediate" },
        );
        return c.json({ sessionToken: session.token, expiresAt: session.expiresAt.toISOString(), me: loadMe(db, target) }, 200);
      })
      .put("/:id/pin", params(IdParam), jsonBody(SetPinRequest), async (c) => {
        await setPin(db, c.get("learnerId"), c.req.valid("param").id, c.req.valid("json").pin);
        return c.json(listProfiles(db, c.get("learnerId")), 200);
      })
      .delete("/:id", params(IdParam), (c) => {
        db.transaction(
          (tx) => {
            const profileId = profileToRemove(tx, c.get("learnerId"), c.req.valid("param").id);
            forgetLearner(tx, profileId, now());
          },
          { behavior: "immediate" },
        );
        return c.json(listProfiles(db, c.get("learnerId")), 200);
      })
  );
}
