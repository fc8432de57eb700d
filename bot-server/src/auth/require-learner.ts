import { createMiddleware } from "hono/factory";
import type { Db } from "../db/client";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";
import { findSession } from "./sessions";

/** Residents send `Authorization: Bearer <session token>`; no cookies, so no CSRF surface on the API. */
export function requireLearner(db: Db, now: () => Date) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("Authorization") ?? "";
    const token = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header)?.[1];
    const session = token ? findSession(db, token, now()) : undefined;
    if (!session?.learnerId) throw new AppError("UNAUTHENTICATED");
    c.set("learnerId", session.learnerId);
    c.set("assistedBy", session.assistedBy);
    await next();
  });
}
