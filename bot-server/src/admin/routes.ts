import { getConnInfo } from "@hono/node-server/conninfo";
import { ERRORS, type ErrorCode } from "@hvs/shared/errors";
import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { createSession, deleteSession, STAFF_SESSION_MS } from "../auth/sessions";
import type { Db } from "../db/client";
import { communes, staff } from "../db/schema";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";
import { vietnamDay } from "../indicators/milestones";
import type { CurriculumIndex } from "../learning/curriculum";
import { reportToCsv } from "../reports/csv";
import { reportToXlsx } from "../reports/xlsx";
import { createInvite, removeMember } from "../teams/invites";
import { certificatesPage, resolveFlag, revokeCertificate } from "./certificate-review";
import { createIndicatorApi, createIndicatorPages, download, XLSX_TYPE } from "./indicator-routes";
import { LoginLimiter } from "./login-limiter";
import { errorPage, loginPage } from "./pages";
import { hashPassword, verifyPassword } from "./passwords";
import { EARLIEST_DAY, readPeriodQuery } from "./period-query";
import { requireStaff, STAFF_COOKIE } from "./staff-auth";
import { communeMember, communeTeams, inviteLink, removeConfirmPage, teamPage, teamReportTable } from "./team-page";

let decoy: Promise<string> | undefined;
function decoyHash(): Promise<string> {
  decoy ??= hashPassword("decoy password never used by anyone");
  return decoy;
}

interface Deps {
  db: Db;
  content: CurriculumIndex;
  now: () => Date;
  /** Where the mini app opens (MINI_APP_URL or https://zalo.me/s/<ZALO_APP_ID>/): invitations link to it. "" shows only the code. */
  miniAppUrl?: string;
}

/**
 * The peer's address from the socket. X-Forwarded-For is not trusted: any client can write it. Behind a
 * reverse proxy every staff member shares the proxy's bucket, and the per-username limit still applies.
 */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // not on a Node socket (tests calling app.request)
  }
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The staff dashboard: server-rendered pages under /admin, cookie session, CSRF-checked forms. */
export function createAdminRoutes({ db, content, now, miniAppUrl = "" }: Deps) {
  const commune = requireStaff(db, now, "commune", "redirect");
  const viewer = (c: Context<AppEnv>) => ({ username: c.get("staff").username, csrf: c.get("csrf") });
  // Teams are judged over the whole movement unless a period is asked for (commendations cover a year or more).
  const teamPeriod = (c: Context<AppEnv>) => readPeriodQuery({ from: EARLIEST_DAY, ...c.req.query() }, vietnamDay(now()));
  const teamTable = (c: Context<AppEnv>) => {
    const { period } = teamPeriod(c);
    const me = c.get("staff");
    const name = db.select({ name: communes.name }).from(communes).where(eq(communes.id, me.communeId)).get()?.name ?? "";
    return { period, table: teamReportTable(communeTeams(db, me.communeId, period), period, name, vietnamDay(now())) };
  };
  const limiter = new LoginLimiter();
  const pages = new Hono<AppEnv>()
    // Compared with the Host header, not the request URL: behind a TLS proxy the URL says http:// while
    // the browser's Origin says https://.
    .use(csrf({ origin: (origin, c) => sameHost(origin, c.req.header("host")) }))
    .get("/login", (c) => c.html(loginPage()))
    .post("/login", async (c) => {
      const form = await c.req.parseBody();
      const username = typeof form.username === "string" ? form.username.trim().toLowerCase().slice(0, 100) : "";
      const password = typeof form.password === "string" ? form.password.slice(0, 200) : "";
      const keys = [`u:${username}`, `a:${clientAddress(c)}`];
      const at = now();
      if (limiter.isBlocked(keys, at.getTime())) {
        return c.html(loginPage("Đăng nhập sai quá nhiều lần. Vui lòng đợi 15 phút rồi thử lại."), 429);
      }
      // Counted before the slow hash, so guesses sent in parallel cannot all pass the check above.
      limiter.recordAttempt(keys, at.getTime());
      const account = db.select().from(staff).where(eq(staff.username, username)).get();
      // An unknown name costs the same hash as a known one, so timing does not reveal which names exist.
      const valid = await verifyPassword(password, account?.passwordHash ?? (await decoyHash()));
      if (!account || !valid) {
        return c.html(loginPage("Tên đăng nhập hoặc mật khẩu không đúng."), 401);
      }
      limiter.reset(keys);
      const session = createSession(db, { staffId: account.id }, STAFF_SESSION_MS, at);
      // The prefix makes Secure, Path=/ and no Domain mandatory (admin/staff-auth.ts says why).
      setCookie(c, STAFF_COOKIE, session.token, {
        httpOnly: true,
        sameSite: "Strict",
        secure: true,
        path: "/",
        expires: session.expiresAt,
      });
      return c.redirect(account.role === "province" ? "/admin/province" : "/admin", 303);
    })
    // Ends the session on the server, not only in this browser: a copied cookie is dead from now on.
    .post("/logout", requireStaff(db, now, "any", "redirect"), (c) => {
      const token = getCookie(c, STAFF_COOKIE);
      if (token) deleteSession(db, token);
      deleteCookie(c, STAFF_COOKIE, { path: "/", secure: true });
      return c.redirect("/admin/login", 303);
    })
    .route("/", createIndicatorPages({ db, now, content }))
    .get("/certificates", commune, (c) => {
      c.header("Cache-Control", "no-store");
      const notice = { revoked: "Đã thu hồi chứng nhận.", accepted: "Đã chấp nhận kết quả.", rejected: "Đã không chấp nhận kết quả." }[
        c.req.query("done") ?? ""
      ];
      return c.html(certificatesPage(db, content, c.get("staff").communeId, viewer(c), notice));
    })
    .post("/certificates/:serial/revoke", commune, async (c) => {
      const form = await c.req.parseBody();
      const me = c.get("staff");
      revokeCertificate(db, me.communeId, me.id, c.req.param("serial"), typeof form.reason === "string" ? form.reason : "", now());
      return c.redirect("/admin/certificates?done=revoked", 303);
    })
    .post("/flags/:id", commune, async (c) => {
      const form = await c.req.parseBody();
      const id = Number(c.req.param("id"));
      const decision = form.decision === "accepted" ? "accepted" : form.decision === "rejected" ? "rejected" : null;
      if (!Number.isSafeInteger(id) || !decision) throw new AppError("VALIDATION_FAILED");
      const me = c.get("staff");
      resolveFlag(db, content, me.communeId, me.id, id, decision, now());
      return c.redirect(`/admin/certificates?done=${decision}`, 303);
    })
    .get("/team", commune, (c) => {
      c.header("Cache-Control", "no-store");
      const notice = c.req.query("done") === "removed" ? "Đã thôi vai trò thành viên." : undefined;
      const { period } = teamPeriod(c);
      return c.html(teamPage({ teams: communeTeams(db, c.get("staff").communeId, period), period, notice, viewer: viewer(c) }));
    })
    .get("/team.csv", commune, (c) => {
      const { period, table } = teamTable(c);
      return download(c, reportToCsv(table), "text/csv; charset=utf-8", `to-cong-nghe-so-${period.from}-den-${period.to}.csv`);
    })
    .get("/team.xlsx", commune, async (c) => {
      const { period, table } = teamTable(c);
      return download(c, await reportToXlsx(table), XLSX_TYPE, `to-cong-nghe-so-${period.from}-den-${period.to}.xlsx`);
    })
    .post("/team/invites", commune, async (c) => {
      const form = await c.req.parseBody();
      const me = c.get("staff");
      const villageId = Number(form.villageId);
      if (!Number.isSafeInteger(villageId)) throw new AppError("VILLAGE_NOT_FOUND");
      const displayName = typeof form.displayName === "string" ? form.displayName : "";
      // createInvite checks the village is in this staff member's commune.
      const invite = createInvite(db, { staffId: me.id, communeId: me.communeId, villageId, displayName }, now());
      const { period } = teamPeriod(c);
      const teams = communeTeams(db, me.communeId, period);
      // The code exists only in this response (the database keeps its hash): never cached, never redirected.
      c.header("Cache-Control", "no-store");
      return c.html(
        teamPage({
          teams,
          period,
          viewer: viewer(c),
          invite: {
            ...invite,
            displayName: displayName.trim(),
            villageName: teams.find((t) => t.villageId === villageId)?.villageName ?? "",
            link: inviteLink(miniAppUrl, invite.code),
          },
        }),
      );
    })
    .post("/team/members/:id/remove", commune, async (c) => {
      const form = await c.req.parseBody();
      const me = c.get("staff");
      const id = Number(c.req.param("id"));
      // Another commune's member is "not found", exactly like a member who does not exist.
      const member = Number.isSafeInteger(id) ? communeMember(db, me.communeId, id) : undefined;
      if (!member) throw new AppError("NOT_FOUND");
      if (form.confirm !== "yes") {
        c.header("Cache-Control", "no-store");
        return c.html(removeConfirmPage(member, viewer(c)));
      }
      removeMember(db, me.communeId, member.id, now());
      return c.redirect("/admin/team?done=removed", 303);
    });

  // Staff read pages, not JSON: errors on these routes are shown as a page with the same message.
  pages.onError((error, c) => {
    const code: ErrorCode =
      error instanceof AppError ? error.code : error instanceof HTTPException && error.status === 403 ? "FORBIDDEN" : "INTERNAL";
    const status = ERRORS[code].status as ContentfulStatusCode;
    // A more precise message (which field, why) is written for the reader too.
    const message = (error instanceof AppError ? error.publicMessage : undefined) ?? ERRORS[code].message;
    return c.html(errorPage(message, c.get("requestId") ?? ""), status);
  });

  const api = createIndicatorApi({ db, now });
  return { pages, api };
}
