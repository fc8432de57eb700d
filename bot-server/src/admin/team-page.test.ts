import { OneTimeCode } from "@hvs/shared/team";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  certificates,
  classAttendance,
  classes,
  communes,
  learners,
  quizAttempts,
  staff,
  teamInvites,
  teamMembers,
  villages,
} from "../db/schema";
import type { AppEnv } from "../http/context";
import { readXlsxRows } from "../reports/xlsx";
import { joinTeam } from "../teams/invites";
import { membershipOf } from "../teams/membership";
import { createTestSystem, type TestSystem } from "../test-support/system";
import { hashPassword } from "./passwords";
import { createAdminRoutes } from "./routes";
import { csrfTokenFor } from "./staff-auth";

const ORIGIN = "http://localhost";
const PASSWORD = "mat-khau-du-dai-16";

// Two communes: the test system's "Xã Thử" (Thôn A, Thôn B) and "Xã Khác" (Thôn C), one staff account each.
let system: TestSystem;
let villageC: { id: number };
beforeAll(async () => {
  system = await createTestSystem();
  const other = system.db.insert(communes).values({ name: "Xã Khác" }).returning().get();
  villageC = system.db.insert(villages).values({ communeId: other.id, name: "Thôn C" }).returning().get();
  const passwordHash = await hashPassword(PASSWORD);
  system.db
    .insert(staff)
    .values([
      { communeId: system.communeId, username: "canbo.thu", passwordHash, createdAt: new Date() },
      { communeId: other.id, username: "canbo.khac", passwordHash, createdAt: new Date() },
    ])
    .run();
});
afterAll(() => system.close());

async function login(username: string): Promise<string> {
  const response = await system.app.request(`${ORIGIN}/admin/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Host: "localhost", Origin: ORIGIN },
    body: new URLSearchParams({ username, password: PASSWORD }).toString(),
  });
  expect(response.status).toBe(303);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

function post(
  cookie: string,
  path: string,
  fields: Record<string, string>,
  origin = ORIGIN,
  app: { request: Hono["request"] } = system.app,
) {
  return app.request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Host: "localhost", Origin: origin, Cookie: cookie },
    // The form's hidden field, as the page renders it for this session.
    body: new URLSearchParams({ _csrf: csrfTokenFor(cookie.slice(cookie.indexOf("=") + 1)), ...fields }).toString(),
  });
}

async function teamPageHtml(cookie: string): Promise<string> {
  const response = await system.app.request("/admin/team", { headers: { Cookie: cookie } });
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return response.text();
}

/** The village card's HTML, from its opening tag to the next card. */
function villageSection(page: string, villageId: number): string {
  const start = page.indexOf(`data-village-id="${villageId}"`);
  expect(start).toBeGreaterThan(-1);
  const next = page.indexOf("data-village-id=", start + 1);
  return page.slice(start, next === -1 ? undefined : next);
}

/** What the page says about one member: the row's figures and whether it is greyed. */
function memberRow(page: string, memberId: number) {
  const row = new RegExp(`<tr data-member-id="${memberId}"([^>]*)>([\\s\\S]*?)</tr>`).exec(page);
  if (!row) return undefined;
  const cell = (name: string) => new RegExp(`<td class="num" data-${name}>([^<]*)</td>`).exec(row[2] ?? "")?.[1];
  return {
    removed: (row[1] ?? "").includes('class="removed"'),
    classes: cell("classes"),
    helped: cell("helped"),
    certified: cell("certified"),
    canRemove: (row[2] ?? "").includes(`/admin/team/members/${memberId}/remove`),
    html: row[2] ?? "",
  };
}

function learner(displayName: string, extra: Partial<typeof learners.$inferInsert> = {}): number {
  return system.db
    .insert(learners)
    .values({ displayName, villageId: system.villageA.id, createdAt: new Date(), ...extra })
    .returning()
    .get().id;
}

function member(villageId: number, displayName: string, extra: Partial<typeof teamMembers.$inferInsert> = {}): number {
  return system.db
    .insert(teamMembers)
    .values({ villageId, displayName, joinedAt: new Date("2026-03-01T02:00:00Z"), ...extra })
    .returning()
    .get().id;
}

let classSeq = 0;
function heldClass(memberId: number, villageId: number, attendees: number[]): void {
  const row = system.db
    .insert(classes)
    .values({
      clientId: `lop-${++classSeq}`,
      villageId,
      teamMemberId: memberId,
      heldOn: "2026-03-10",
      courseId: "khoa-thu",
      createdAt: new Date(),
    })
    .returning()
    .get();
  for (const learnerId of attendees) system.db.insert(classAttendance).values({ classId: row.id, learnerId }).run();
}

function assistedQuiz(learnerId: number, memberId: number): void {
  system.db
    .insert(quizAttempts)
    .values({
      learnerId,
      clientId: `attempt-${learnerId}-${memberId}-${++classSeq}`,
      quizId: "kiem-tra-1",
      quizVersion: 3,
      questionCount: 4,
      startedAt: new Date(),
      assistedBy: memberId,
    })
    .run();
}

function certificate(learnerId: number, status: "valid" | "revoked" = "valid"): void {
  system.db
    .insert(certificates)
    .values({
      serial: `HVS-TEST-${learnerId}`,
      learnerId,
      programId: "ky-nang-so-co-ban",
      programTitle: "Kỹ năng số cơ bản",
      displayName: "Người học",
      communeName: "Xã Thử",
      contentVersion: "test",
      issuedAt: new Date(),
      status,
    })
    .run();
}

describe("/admin/team", () => {
  // Hand-built: who a member helped is counted once per person, across classes, assisted quizzes and sign-ups.
  let mai: number;
  let hung: number;
  let lan: number;
  let outsider: number;
  beforeAll(() => {
    const { villageA, villageB } = system;
    const maiSelf = learner("Trần Thị Mai");
    // Joined 01:30 on 1 April in Vietnam, still 31 March in UTC: the page shows the Vietnam date.
    mai = member(villageA.id, "Trần Thị Mai", { learnerId: maiSelf, joinedAt: new Date("2026-03-31T18:30:00Z") });
    hung = member(villageA.id, "Lê Văn Hùng", { removedAt: new Date("2026-04-02T03:00:00Z") });
    lan = member(villageB.id, "Hoàng Thị Lan");
    outsider = member(villageC.id, "Người Xã Khác");

    const [l1, l2, l3, l4, l5, l6] = ["Một", "Hai", "Ba", "Bốn", "Năm", "Sáu"].map((n) => learner(`Người ${n}`));
    if (l1 === undefined || l2 === undefined || l3 === undefined || l4 === undefined || l5 === undefined || l6 === undefined) {
      throw new Error("seed failed");
    }
    heldClass(mai, villageA.id, [l1, l2, maiSelf]); // Mai in her own class is not someone she helped.
    heldClass(mai, villageA.id, [l2, l3]);
    assistedQuiz(l4, mai);
    assistedQuiz(l1, mai);
    system.db.update(learners).set({ registeredBy: mai }).where(eq(learners.id, l5)).run();
    // A sign-up later merged into Người Một's own record is still Người Một: counted once.
    learner("(đã gộp)", { registeredBy: mai, mergedInto: l1, displayName: null });
    certificate(l2);
    certificate(l4, "revoked");
    certificate(l5);

    heldClass(hung, villageA.id, []);
    system.db.update(learners).set({ registeredBy: hung }).where(eq(learners.id, l6)).run();
    certificate(l6);

    // Another commune's member who helped Người Một: it changes nothing for Mai.
    heldClass(outsider, villageC.id, [l1]);
    assistedQuiz(l1, outsider);
  });

  it("sends a visitor without a session to the login page, and the dashboard links here", async () => {
    const response = await system.app.request("/admin/team");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin/login");
    const cookie = await login("canbo.thu");
    const dashboard = await (await system.app.request("/admin", { headers: { Cookie: cookie } })).text();
    expect(dashboard).toContain('href="/admin/team"');
  });

  it("lists each village's members with classes held, people helped and people certified", async () => {
    const page = await teamPageHtml(await login("canbo.thu"));
    const a = villageSection(page, system.villageA.id);
    expect(memberRow(a, mai)).toMatchObject({ removed: false, classes: "2", helped: "5", certified: "2", canRemove: true });
    expect(memberRow(a, mai)?.html).toContain("01/04/2026");
    // Removed: still listed with what they did, greyed, and nothing left to remove.
    expect(memberRow(a, hung)).toMatchObject({ removed: true, classes: "1", helped: "1", certified: "1", canRemove: false });
    expect(memberRow(a, hung)?.html).toContain("Đã thôi vai trò từ 02/04/2026");
    // Active members come before removed ones.
    expect(a.indexOf(`data-member-id="${mai}"`)).toBeLessThan(a.indexOf(`data-member-id="${hung}"`));
    const b = villageSection(page, system.villageB.id);
    expect(memberRow(b, lan)).toMatchObject({ removed: false, classes: "0", helped: "0", certified: "0" });
    expect(memberRow(b, mai)).toBeUndefined();
    // The other commune is nowhere on this page.
    expect(page).not.toContain("Người Xã Khác");
    expect(page).not.toContain("Thôn C");
    expect(memberRow(page, outsider)).toBeUndefined();
  });

  it("adds each team's total, counting a person once, and narrows everything to a period", async () => {
    const cookie = await login("canbo.thu");
    const totalOf = (page: string) => {
      const row = /<tr data-team-total>([\s\S]*?)<\/tr>/.exec(villageSection(page, system.villageA.id))?.[1] ?? "";
      return [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
    };
    // Mai helped five people, Hùng one other; certified: two of Mai's, Hùng's one.
    expect(totalOf(await teamPageHtml(cookie))).toEqual(["3", "6", "3"]);
    // March only: the classes of 10 March and the three people in them; the certificates came later.
    const march = await (await system.app.request("/admin/team?from=2026-03-01&to=2026-03-31", { headers: { Cookie: cookie } })).text();
    expect(memberRow(villageSection(march, system.villageA.id), mai)).toMatchObject({ classes: "2", helped: "3", certified: "0" });
    expect(totalOf(march)).toEqual(["3", "3", "0"]);
    expect(march).toContain("từ ngày 01/03/2026 đến ngày 31/03/2026");

    // The commendation file holds the same figures, member by member and per team.
    const file = await system.app.request("/admin/team.xlsx?from=2026-03-01&to=2026-03-31", { headers: { Cookie: cookie } });
    expect(file.headers.get("content-disposition")).toContain("to-cong-nghe-so-2026-03-01-den-2026-03-31.xlsx");
    const rows = await readXlsxRows(new Uint8Array(await file.arrayBuffer()));
    expect(rows[0]).toEqual(["Thôn", "Thành viên", "Lớp đã tổ chức", "Người đã giúp", "Trong đó đã đạt chứng nhận"]);
    expect(rows).toContainEqual(["Thôn A", "Trần Thị Mai", "2", "3", "0"]);
    expect(rows).toContainEqual(["Thôn A", "Cả tổ", "3", "3", "0"]);
    expect(rows.flat()).not.toContain("Người Xã Khác");
  });

  it("shows an invitation's code once; the code works with joinTeam exactly once", async () => {
    const cookie = await login("canbo.thu");
    const response = await post(cookie, "/admin/team/invites", {
      villageId: String(system.villageB.id),
      displayName: "  Phạm <b>Thu</b>  ",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const page = await response.text();
    const shown = /data-invite-code>([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(page)?.[1] ?? "";
    expect(shown).not.toBe("");
    // Escaped, never markup.
    expect(page).toContain("Phạm &lt;b&gt;Thu&lt;/b&gt;");
    expect(page).not.toContain("<b>Thu</b>");
    expect(page).toMatch(/Hết hạn lúc <strong>\d\d:\d\d ngày \d\d\/\d\d\/\d{4}<\/strong> \(giờ Việt Nam\)/);
    expect(page).toContain("tận tay hoặc đọc qua điện thoại");
    expect(page).toContain("Mã chỉ dùng được một lần, trong vòng 7 ngày.");
    // Not on the page again.
    expect(await teamPageHtml(cookie)).not.toContain(shown);

    const code = OneTimeCode.parse(shown); // what the mini app sends when the person types the shown code
    const first = learner("Phạm Thu");
    const memberId = joinTeam(system.db, first, code, new Date());
    expect(membershipOf(system.db, first)).toMatchObject({ memberId, villageId: system.villageB.id, displayName: "Phạm <b>Thu</b>" });
    // A double tap by the same person changes nothing; anyone else is refused.
    expect(joinTeam(system.db, first, code, new Date())).toBe(memberId);
    const second = learner("Người Khác");
    expect(() => joinTeam(system.db, second, code, new Date())).toThrow("INVITE_INVALID");
    expect(membershipOf(system.db, second)).toBeUndefined();

    const after = villageSection(await teamPageHtml(cookie), system.villageB.id);
    expect(memberRow(after, memberId)).toMatchObject({ removed: false, classes: "0", helped: "0" });
    expect(after).toContain("Phạm &lt;b&gt;Thu&lt;/b&gt;");
  });

  it("links the invitation into the mini app when its address is known", async () => {
    const cookie = await login("canbo.thu");
    const admin = createAdminRoutes({
      db: system.db,
      content: system.chat.content,
      now: () => new Date(),
      miniAppUrl: "https://zalo.me/s/test-app/",
    });
    const app = new Hono<AppEnv>().route("/admin", admin.pages);
    const response = await post(
      cookie,
      "/admin/team/invites",
      { villageId: String(system.villageA.id), displayName: "Đỗ Văn Nam" },
      ORIGIN,
      app,
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    const shown = /data-invite-code>([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(page)?.[1] ?? "";
    const raw = shown.replace("-", "");
    expect(page).toContain(
      `<a href="https://zalo.me/s/test-app/?invite=${raw}" data-invite-link>https://zalo.me/s/test-app/?invite=${raw}</a>`,
    );

    // Without an address, the code alone and how to use it.
    const bare = new Hono<AppEnv>().route(
      "/admin",
      createAdminRoutes({ db: system.db, content: system.chat.content, now: () => new Date() }).pages,
    );
    const codeOnly = await (
      await post(cookie, "/admin/team/invites", { villageId: String(system.villageA.id), displayName: "Đỗ Thị Hoa" }, ORIGIN, bare)
    ).text();
    expect(codeOnly).toMatch(/data-invite-code>[0-9A-Z]{4}-[0-9A-Z]{4}</);
    expect(codeOnly).not.toContain("?invite=");
    expect(codeOnly).toContain("mở Học Vụ Số trong Zalo rồi nhập mã này");
  });

  it("refuses a name that is too short with the error page, and makes no invitation", async () => {
    const cookie = await login("canbo.thu");
    const before = system.db.select().from(teamInvites).all().length;
    const response = await post(cookie, "/admin/team/invites", { villageId: String(system.villageA.id), displayName: " A " });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expect(await response.text()).toContain("Hãy nhập họ tên người được mời (2–80 ký tự).");
    expect(system.db.select().from(teamInvites).all().length).toBe(before);
  });

  it("removes a member only after the second, confirming button", async () => {
    const cookie = await login("canbo.thu");
    const ask = await post(cookie, `/admin/team/members/${lan}/remove`, {});
    expect(ask.status).toBe(200);
    const confirmPage = await ask.text();
    expect(confirmPage).toContain("Hoàng Thị Lan");
    expect(confirmPage).toContain("Xác nhận thôi vai trò");
    expect(confirmPage).toContain('name="confirm" value="yes"');
    expect(system.db.select().from(teamMembers).where(eq(teamMembers.id, lan)).get()?.removedAt).toBeNull();

    const done = await post(cookie, `/admin/team/members/${lan}/remove`, { confirm: "yes" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/admin/team?done=removed");
    expect(system.db.select().from(teamMembers).where(eq(teamMembers.id, lan)).get()?.removedAt).toBeInstanceOf(Date);
    const page = await (await system.app.request("/admin/team?done=removed", { headers: { Cookie: cookie } })).text();
    expect(page).toContain("Đã thôi vai trò thành viên.");
    expect(memberRow(page, lan)).toMatchObject({ removed: true, canRemove: false });
  });

  it("keeps each commune to its own: another commune's staff see none of it and get 404 acting on it", async () => {
    const cookie = await login("canbo.khac");
    const page = await teamPageHtml(cookie);
    expect(memberRow(villageSection(page, villageC.id), outsider)).toMatchObject({ classes: "1", helped: "1" });
    for (const name of ["Trần Thị Mai", "Lê Văn Hùng", "Thôn A", "Thôn B"]) expect(page).not.toContain(name);
    expect(memberRow(page, mai)).toBeUndefined();

    for (const fields of [{}, { confirm: "yes" }] as Record<string, string>[]) {
      const response = await post(cookie, `/admin/team/members/${mai}/remove`, fields);
      expect(response.status).toBe(404);
      const text = await response.text();
      expect(text).toContain("Không tìm thấy nội dung bạn yêu cầu.");
      expect(text).not.toContain("Trần Thị Mai");
    }
    expect(system.db.select().from(teamMembers).where(eq(teamMembers.id, mai)).get()?.removedAt).toBeNull();

    // Nor can they invite into another commune's village.
    const before = system.db.select().from(teamInvites).all().length;
    const invite = await post(cookie, "/admin/team/invites", { villageId: String(system.villageA.id), displayName: "Kẻ Lạ" });
    expect(invite.status).toBe(404);
    expect(await invite.text()).toContain("Không tìm thấy thôn này.");
    expect(system.db.select().from(teamInvites).all().length).toBe(before);

    // And the first commune's staff cannot touch theirs.
    const mine = await post(await login("canbo.thu"), `/admin/team/members/${outsider}/remove`, { confirm: "yes" });
    expect(mine.status).toBe(404);
    expect(system.db.select().from(teamMembers).where(eq(teamMembers.id, outsider)).get()?.removedAt).toBeNull();
  });

  it("refuses forms posted from another site (CSRF), even with a valid session", async () => {
    const cookie = await login("canbo.thu");
    const before = system.db.select().from(teamInvites).all().length;
    const invite = await post(
      cookie,
      "/admin/team/invites",
      { villageId: String(system.villageA.id), displayName: "Nguyễn Văn Giả" },
      "http://evil.example",
    );
    expect(invite.status).toBe(403);
    expect(await invite.text()).toContain("Bạn không có quyền thực hiện việc này.");
    expect(system.db.select().from(teamInvites).all().length).toBe(before);

    const remove = await post(cookie, `/admin/team/members/${mai}/remove`, { confirm: "yes" }, "http://evil.example");
    expect(remove.status).toBe(403);
    expect(system.db.select().from(teamMembers).where(eq(teamMembers.id, mai)).get()?.removedAt).toBeNull();
  });
});
