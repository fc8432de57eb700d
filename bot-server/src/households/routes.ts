import { AddHouseholdMemberRequest, CreateHouseholdRequest, JoinHouseholdRequest, UpdateHouseholdRequest } from "@hvs/shared/family";
import { Hono } from "hono";
import { z } from "zod";
import type { Db, DbOrTx } from "../db/client";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";
import { jsonBody, params } from "../http/validate";
import type { CurriculumIndex } from "../learning/curriculum";
import {
  addHouseholdMember,
  createHousehold,
  issueHouseholdCode,
  joinHousehold,
  leaveHousehold,
  myHousehold,
  removeHousehold,
  removeHouseholdMember,
  teamHouseholds,
  updateHousehold,
} from "./store";

interface Deps {
  db: Db;
  content: CurriculumIndex;
  now: () => Date;
}

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const MemberParam = z.object({ id: z.coerce.number().int().positive(), learnerId: z.coerce.number().int().positive() });

/** `/api/me/household`: a resident's own household, joined with the code a team member showed. */
export function createMyHouseholdRoutes({ db, now }: Omit<Deps, "content">) {
  return new Hono<AppEnv>()
    .get("/", (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(myHousehold(db, c.get("learnerId")), 200);
    })
    .post("/join", jsonBody(JoinHouseholdRequest), (c) => {
      if (c.get("assistedBy") !== null) throw new AppError("FORBIDDEN", "joining a household in an assisted session");
      const learnerId = c.get("learnerId");
      db.transaction((tx) => joinHousehold(tx, learnerId, c.req.valid("json").code, now()), { behavior: "immediate" });
      return c.json(myHousehold(db, learnerId), 200);
    })
    .delete("/", (c) => {
      if (c.get("assistedBy") !== null) throw new AppError("FORBIDDEN", "leaving a household in an assisted session");
      const learnerId = c.get("learnerId");
      db.transaction((tx) => leaveHousehold(tx, learnerId), { behavior: "immediate" });
      return c.json(myHousehold(db, learnerId), 200);
    });
}

/**
 * `/api/team/households`: the village's households, kept by its team. Mounted inside the team routes, so
 * the village is always the member's own; another village's household is simply not found.
 */
export function createTeamHouseholdRoutes({ db, content, now }: Deps) {
  const write = <T>(fn: (tx: DbOrTx) => T) => db.transaction(fn, { behavior: "immediate" });
  const list = (villageId: number) => teamHouseholds(db, content, villageId);
  return new Hono<AppEnv>()
    .get("/", (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(list(c.get("team").villageId), 200);
    })
    .post("/", jsonBody(CreateHouseholdRequest), (c) => {
      const team = c.get("team");
      const { created } = write((tx) => createHousehold(tx, team, c.req.valid("json"), now()));
      return c.json(list(team.villageId), created ? 201 : 200);
    })
    .put("/:id", params(IdParam), jsonBody(UpdateHouseholdRequest), (c) => {
      const team = c.get("team");
      write((tx) => updateHousehold(tx, team.villageId, c.req.valid("param").id, c.req.valid("json")));
      return c.json(list(team.villageId), 200);
    })
    .delete("/:id", params(IdParam), (c) => {
      const team = c.get("team");
      write((tx) => removeHousehold(tx, team.villageId, c.req.valid("param").id, now()));
      return c.json(list(team.villageId), 200);
    })
    .post("/:id/code", params(IdParam), (c) => {
      const team = c.get("team");
      return c.json(
        write((tx) => issueHouseholdCode(tx, team, c.req.valid("param").id, now())),
        200,
      );
    })
    .post("/:id/members", params(IdParam), jsonBody(AddHouseholdMemberRequest), (c) => {
      const team = c.get("team");
      write((tx) => addHouseholdMember(tx, team.villageId, c.req.valid("param").id, c.req.valid("json").learnerId, now()));
      return c.json(list(team.villageId), 200);
    })
    .delete("/:id/members/:learnerId", params(MemberParam), (c) => {
      const team = c.get("team");
      const { id, learnerId } = c.req.valid("param");
      write((tx) => removeHouseholdMember(tx, team.villageId, id, learnerId));
      return c.json(list(team.villageId), 200);
    });
}
