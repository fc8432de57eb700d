import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { findSession } from "../auth/sessions";
import type { Db } from "../db/client";
import { staff } from "../db/schema";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";

/**
 * `__Host-` makes the browser refuse the cookie unless it is Secure, has Path=/ and no Domain: another
 * site on a sub-domain cannot plant or read it. Browsers treat http://localhost as secure, so the demo
 * still signs in; anywhere else the dashboard must be served over HTTPS.
 */
export const STAFF_COOKIE = "__Host-hvs_staff";

/**
 * The anti-forgery token of a staff session: an HMAC of the session token, which only the signed-in
 * browser holds (HttpOnly). Nothing to store, and it dies with the session at logout.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac("sha256", sessionToken).update("hvs-staff-csrf").digest("base64url");
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type StaffRole = "commune" | "province";

/**
 * Signed-in staff of the given role, read from the database on every request (a removed account or a
 * logout takes effect at once). Every write — form or JSON — must carry the session's CSRF token, in the
 * `_csrf` field or the `X-CSRF-Token` header: SameSite=Strict and the Origin check are the other two locks.
 */
export function requireStaff(db: Db, now: () => Date, role: StaffRole | "any", onMissing: "redirect" | "error") {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, STAFF_COOKIE);
    const session = token ? findSession(db, token, now()) : undefined;
    const row = session?.staffId
      ? db
          .select({ id: staff.id, communeId: staff.communeId, username: staff.username, role: staff.role })
          .from(staff)
          .where(eq(staff.id, session.staffId))
          .get()
      : undefined;
    if (!row || !token) {
      if (onMissing === "redirect") return c.redirect("/admin/login", 303);
      throw new AppError("UNAUTHENTICATED");
    }
    if (role !== "any" && row.role !== role) {
      if (onMissing === "redirect") return c.redirect(row.role === "province" ? "/admin/province" : "/admin", 303);
      throw new AppError("FORBIDDEN");
    }
    const csrf = csrfTokenFor(token);
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const sent = c.req.header("x-csrf-token") ?? (await formField(c, "_csrf"));
      if (!sent || !sameToken(sent, csrf)) throw new AppError("FORBIDDEN", "missing or wrong CSRF token");
    }
    c.set("staff", { id: row.id, communeId: row.communeId, username: row.username, role: row.role });
    c.set("csrf", csrf);
    await next();
  });
}

/** Reads one field of a form body; Hono caches the parsed body, so the handler can read it again. */
async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return undefined;
  const body = await c.req.parseBody();
  const value = body[name];
  return typeof value === "string" ? value : undefined;
}
