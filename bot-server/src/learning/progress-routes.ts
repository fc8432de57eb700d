import { ProgressBatch, type ProgressResponse } from "@hvs/shared/api";
import { Hono } from "hono";
import type { Db } from "../db/client";
import { createGroupCommitter } from "../db/group-commit";
import type { WriteTurns } from "../db/write-turns";
import type { AppEnv } from "../http/context";
import { jsonBody } from "../http/validate";
import type { CurriculumIndex } from "./curriculum";
import { recordEvents } from "./progress";

interface Deps {
  db: Db;
  content: CurriculumIndex;
  now: () => Date;
  /** Share one commit (one fsync) among the requests of a turn of the event loop; off only to measure it. */
  groupCommit?: boolean;
  writeTurns?: WriteTurns;
}

/**
 * The one way progress reaches the server, online or from the phone's offline queue. The answer is 200 with
 * a result per event; a rejected event is a result, not an error, so the phone can drop it and send the rest.
 * It is sent only after the commit, so an acknowledged event survives a crash; if the commit fails the
 * request fails and the phone resends (the events are idempotent by their ids).
 */
export function createProgressRoutes({ db, content, now, groupCommit = true, writeTurns }: Deps) {
  const commits = createGroupCommitter(db, { enabled: groupCommit, turns: writeTurns });
  return new Hono<AppEnv>().post("/", jsonBody(ProgressBatch), async (c) => {
    const { events } = c.req.valid("json");
    const learnerId = c.get("learnerId");
    const assistedBy = c.get("assistedBy");
    const at = now();
    const results = await commits.run((tx) => recordEvents(tx, learnerId, content, events, at, assistedBy));
    const body: ProgressResponse = { results };
    return c.json(body, 200);
  });
}
