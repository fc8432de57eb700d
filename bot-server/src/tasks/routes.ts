import { Slug } from "@hvs/shared/content";
import { SelfCheckRequest, type TaskList, type TaskView } from "@hvs/shared/family";
import { Hono } from "hono";
import { z } from "zod";
import type { Db, DbOrTx } from "../db/client";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";
import { jsonBody, params } from "../http/validate";
import type { CurriculumIndex } from "../learning/curriculum";
import { accountOwnerOf } from "../profiles/store";
import { residentOfVillage } from "../teams/residents";
import { confirmTask, evidenceOf, recordSelfCheck, taskEvidence, withdrawConfirmation, withdrawSelfCheck } from "./task-records";

interface Deps {
  db: Db;
  content: CurriculumIndex;
  now: () => Date;
}

const TaskParam = z.object({ taskId: Slug });
const ResidentTaskParam = z.object({ id: z.coerce.number().int().positive(), taskId: Slug });

/** Every task with this learner's evidence. The confirm hint is for team members' eyes only. */
export function taskList(db: DbOrTx, content: CurriculumIndex, learnerId: number, forTeam: boolean): TaskList {
  const evidence = taskEvidence(db, content, [learnerId]);
  const tasks: TaskView[] = content.curriculum.tasks.map((task) => {
    const row = evidenceOf(evidence, learnerId, task.id);
    return {
      id: task.id,
      title: task.title,
      summary: task.summary,
      evidence: task.evidence,
      selfCheck: task.selfCheck,
      courseId: task.course ?? null,
      confirmHint: forTeam ? (task.confirmHint ?? null) : null,
      status: row.status,
      selfReportedAt: row.selfReportedAt?.toISOString() ?? null,
      confirmedAt: row.confirmedAt?.toISOString() ?? null,
      confirmedBy: row.confirmedBy,
    };
  });
  return { tasks };
}

/** `/api/tasks`: the resident's own real tasks and their self-check. Mounted behind requireLearner. */
export function createTaskRoutes({ db, content, now }: Deps) {
  const write = (fn: (tx: DbOrTx) => void) => db.transaction(fn, { behavior: "immediate" });
  return new Hono<AppEnv>()
    .get("/", (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(taskList(db, content, c.get("learnerId"), false), 200);
    })
    .post("/:taskId/self-check", params(TaskParam), jsonBody(SelfCheckRequest), (c) => {
      const learnerId = c.get("learnerId");
      write((tx) => recordSelfCheck(tx, content, learnerId, c.req.valid("param").taskId, c.req.valid("json").statements, now()));
      return c.json(taskList(db, content, learnerId, false), 200);
    })
    .delete("/:taskId/self-check", params(TaskParam), (c) => {
      const learnerId = c.get("learnerId");
      write((tx) => withdrawSelfCheck(tx, content, learnerId, c.req.valid("param").taskId));
      return c.json(taskList(db, content, learnerId, false), 200);
    });
}

/**
 * `/api/team/residents/:id/tasks`: a team member sees a resident's tasks and confirms one after seeing it
 * done. Mounted inside the team routes, so only for residents of the member's own village (404 otherwise).
 */
export function createTeamTaskRoutes({ db, content, now }: Deps) {
  return new Hono<AppEnv>()
    .get("/:id/tasks", params(z.object({ id: z.coerce.number().int().positive() })), (c) => {
      c.header("Cache-Control", "no-store");
      const resident = residentOfVillage(db, c.get("team").villageId, c.req.valid("param").id);
      return c.json(taskList(db, content, resident.id, true), 200);
    })
    .post("/:id/tasks/:taskId/confirm", params(ResidentTaskParam), (c) => {
      const team = c.get("team");
      const { id, taskId } = c.req.valid("param");
      // Nobody confirms their own evidence, nor that of the family profiles on their own phone.
      if (accountOwnerOf(db, c.get("learnerId")) === accountOwnerOf(db, id))
        throw new AppError("FORBIDDEN", "confirming a task of one's own account");
      db.transaction(
        (tx) => {
          residentOfVillage(tx, team.villageId, id);
          confirmTask(tx, content, id, taskId, team.memberId, now());
        },
        { behavior: "immediate" },
      );
      return c.json(taskList(db, content, id, true), 200);
    })
    .delete("/:id/tasks/:taskId/confirm", params(ResidentTaskParam), (c) => {
      const team = c.get("team");
      const { id, taskId } = c.req.valid("param");
      db.transaction(
        (tx) => {
          residentOfVillage(tx, team.villageId, id);
          withdrawConfirmation(tx, content, id, taskId);
        },
        { behavior: "immediate" },
      );
      return c.json(taskList(db, content, id, true), 200);
    });
}
