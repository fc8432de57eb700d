import { ProgressBatch, type ProgressResponse } from "@hvs/shared/api";
import { Hono } from "hono";
import type { Db } from "../db/client";
import type { AppEnv } from "../http/context";
import { jsonBody } from "../http/validate";
import type { CurriculumIndex } from "./curriculum";
import { recordEvents } from "./progress";

/**
 * The one way progress reaches the server, online or from the phone's offline queue. The answer is 200 with
 * a result per event; a rejected event is a result, not an error, so the phone can drop it and send the rest.
 */
export function createProgressRoutes({ db, content, now }: { db: Db; content: CurriculumIndex; now: () => Date }) {
  return new Hono<AppEnv>().post("/", jsonBody(ProgressBatch), (c) => {
    const { events } = c.req.valid("json");
    const results = db.transaction((tx) => recordEvents(tx, c.get("learnerId"), content, events, now()), { behavior: "immediate" });
    const body: ProgressResponse = { results };
    return c.json(body, 200);
  });
}
