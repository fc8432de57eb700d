import { ErrorBody } from "@hvs/shared/api";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communes, provinces, sessions, staff, villagePopulations, villages } from "../db/schema";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";
import { hashPassword } from "./passwords";
import { STAFF_COOKIE } from "./staff-auth";

// One system for the file: scrypt at ASVS cost takes ~0.4 s per hash, so the accounts are made once.
let system: TestSystem;
let otherVillageId: number;
const PASSWORD = "mat-khau-du-dai-16";
beforeAll(async () => {
  system = await createTestSystem();
  const passwordHash = await hashPassword(PASSWORD);
  const province = system.db.insert(provinces).values({ name: "Tỉnh Thử" }).returning().get();
  system.db.update(communes).set({ provinceId: province.id }).where(eq(communes.id, system.communeId)).run();
  const other = system.db.insert(communes).values({ name: "Xã Khác", provinceId: province.id }).returning().get();
  otherVillageId = system.db.insert(villages).values({ communeId: other.id, name: "Thôn Khác" }).returning().get().id;
  system.db
    .insert(staff)
    .values([
      { communeId: system.communeId, username: "canbo", passwordHash, createdAt: new Date() },
      { communeId: system.communeId, username: "canbo2", passwordHash, createdAt: new Date() },
      { communeId: other.id, username: "canbo-khac", passwordHash, createdAt: new Date() },
      { communeId: system.communeId, username: "tinh", passwordHash, role: "province", createdAt: new Date() },
    ])
    .run();
});
afterAll(() => system.close());

const ORIGIN = "http://localhost";

function login(username: string, password: string, headers: Record<string, string> = {}) {
  return system.app.request(`${ORIGIN}/admin/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Host: "localhost", Origin: ORIGIN, ...headers },
    body: new URLSearchParams({ username, password }).toString(),
  });
}

function cookieFrom(response: Response): string {
  const cookie = response.headers.get("set-cookie") ?? "";
  expect(cookie.startsWith(`${STAFF_COOKIE}=`)).toBe(true);
  expect(cookie).toMatch(/; HttpOnly/);
  expect(cookie).toMatch(/; Secure/);
  expect(cookie).toMatch(/; SameSite=Strict/);
  expect(cookie).toMatch(/; Path=\//);
  expect(cookie).not.toMatch(/Domain=/i);
  return cookie.split(";")[0] ?? "";
}

async function signedIn(username = "canbo") {
  const cookie = cookieFrom(await login(username, PASSWORD));
  const page = await (await system.app.request(`${ORIGIN}/admin/populations`, { headers: { Cookie: cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error("no CSRF token on the page");
  return { cookie, csrf };
}

function postForm(path: string, cookie: string, fields: Record<string, string>) {
  return system.app.request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { Cookie: cookie, Host: "localhost", Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

const figuresOf = (villageId: number) =>
  system.db.select().from(villagePopulations).where(eq(villagePopulations.villageId, villageId)).all();

describe("staff sign-in", () => {
  it("sends a visitor without a session to the login page", async () => {
    const response = await system.app.request("/admin");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin/login");
    const api = await system.app.request("/api/admin/indicators");
    expect(api.status).toBe(401);
    expect(ErrorBody.parse(await api.json()).code).toBe("UNAUTHENTICATED");
  });

  it("refuses a wrong password with a Vietnamese message and no session", async () => {
    const before = system.db.select().from(sessions).all().length;
    const response = await login("canbo", "sai-mat-khau");
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("Tên đăng nhập hoặc mật khẩu không đúng.");
    expect(system.db.select().from(sessions).all().length).toBe(before);
  });

  it("sets a __Host- cookie (Secure, HttpOnly, SameSite=Strict, Path=/, no Domain)", async () => {
    const response = await login("canbo", PASSWORD);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin");
    cookieFrom(response);
  });

  it("refuses a login form posted from another site", async () => {
    const response = await login("canbo", PASSWORD, { Origin: "http://evil.example" });
    expect(response.status).toBe(403);
  });

  it("ends the session on the server at logout, and logout itself needs the CSRF token", async () => {
    const { cookie, csrf } = await signedIn();
    const forged = await postForm("/admin/logout", cookie, {});
    expect(forged.status).toBe(403);
    const out = await postForm("/admin/logout", cookie, { _csrf: csrf });
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toMatch(new RegExp(`${STAFF_COOKIE}=;`));
    // The same cookie, replayed: the server no longer knows it.
    expect((await system.app.request("/admin", { headers: { Cookie: cookie } })).status).toBe(303);
    expect((await system.app.request("/api/admin/indicators", { headers: { Cookie: cookie } })).status).toBe(401);
  });
});

describe("CSRF on every staff write", () => {
  it("stores a form only with the session's token; without or with another's nothing is stored", async () => {
    const mine = await signedIn("canbo");
    const theirs = await signedIn("canbo2");
    const fields = { villageId: String(system.villageB.id), adults: "250", effectiveFrom: "2026-01-01" };
    for (const token of [undefined, "", theirs.csrf, `${mine.csrf}x`]) {
      const response = await postForm("/admin/populations", mine.cookie, token === undefined ? fields : { ...fields, _csrf: token });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("Bạn không có quyền thực hiện việc này.");
    }
    expect(figuresOf(system.villageB.id)).toHaveLength(0);
    const ok = await postForm("/admin/populations", mine.cookie, { ...fields, _csrf: mine.csrf });
    expect(ok.status).toBe(303);
    expect(figuresOf(system.villageB.id)).toMatchObject([{ adults: 250, effectiveFrom: "2026-01-01", source: "form" }]);
  });

  it("needs the X-CSRF-Token header on a JSON write", async () => {
    const { cookie, csrf } = await signedIn();
    const write = (headers: Record<string, string>, body: unknown) =>
      system.app.request(`${ORIGIN}/api/admin/populations`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
    const body = { villageId: system.villageA.id, adults: 12, effectiveFrom: "2026-06-01" };
    expect((await write({}, body)).status).toBe(403);
    const bad = await write({ "X-CSRF-Token": csrf }, { ...body, adults: -3 });
    expect(bad.status).toBe(400);
    expect(ErrorBody.parse(await bad.json()).message).toContain("Số người trưởng thành không được âm.");
    expect((await write({ "X-CSRF-Token": csrf }, body)).status).toBe(201);
    expect(figuresOf(system.villageA.id).map((f) => f.adults)).toEqual([10, 12]);
  });

  it("refuses a form with an impossible figure in Vietnamese and keeps what was stored", async () => {
    const { cookie, csrf } = await signedIn();
    const before = figuresOf(system.villageA.id).length;
    const response = await postForm("/admin/populations", cookie, {
      _csrf: csrf,
      villageId: String(system.villageA.id),
      adults: "mười",
      effectiveFrom: "2026-02-30",
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain("Số người trưởng thành phải là số nguyên không âm.");
    expect(page).toContain("Ngày áp dụng không hợp lệ.");
    // A figure for a day not yet come is refused by the same rule for the form and the JSON write.
    const future = { villageId: String(system.villageA.id), adults: "20", effectiveFrom: "2099-01-01" };
    const late = await postForm("/admin/populations", cookie, { _csrf: csrf, ...future });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("Ngày áp dụng không được sau hôm nay.");
    const json = await system.app.request(`${ORIGIN}/api/admin/populations`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ ...future, villageId: system.villageA.id, adults: 20 }),
    });
    expect(json.status).toBe(400);
    expect(ErrorBody.parse(await json.json()).message).toContain("Ngày áp dụng không được sau hôm nay.");
    expect(figuresOf(system.villageA.id)).toHaveLength(before);
  });
});

describe("roles and scope", () => {
  it("keeps a commune's people and figures to its own staff", async () => {
    const { cookie, csrf } = await signedIn("canbo");
    const list = await system.app.request(`/admin/people?step=registered&village=${otherVillageId}`, { headers: { Cookie: cookie } });
    expect(list.status).toBe(404);
    const write = await postForm("/admin/populations", cookie, {
      _csrf: csrf,
      villageId: String(otherVillageId),
      adults: "5",
      effectiveFrom: "2026-01-01",
    });
    expect(write.status).toBe(404);
    expect(figuresOf(otherVillageId)).toHaveLength(0);
    // Commune staff have no province page; province staff have only that.
    expect((await system.app.request("/admin/province", { headers: { Cookie: cookie } })).headers.get("location")).toBe("/admin");
  });

  it("gives province staff the roll-up per commune and nothing with names", async () => {
    const response = await login("tinh", PASSWORD);
    expect(response.headers.get("location")).toBe("/admin/province");
    const cookie = cookieFrom(response);
    const rollup = await system.app.request("/admin/province", { headers: { Cookie: cookie } });
    expect(rollup.status).toBe(200);
    const page = await rollup.text();
    expect(page).toContain("Tỉnh Thử");
    expect(page).toContain("Xã Thử");
    expect(page).toContain("Xã Khác");
    for (const path of ["/admin", "/admin/people?step=registered", "/admin/populations", "/admin/team", "/admin/report.csv"]) {
      const denied = await system.app.request(path, { headers: { Cookie: cookie } });
      expect(denied.status, path).toBe(303);
      expect(denied.headers.get("location"), path).toBe("/admin/province");
    }
    expect((await system.app.request("/api/admin/indicators", { headers: { Cookie: cookie } })).status).toBe(403);
  });

  it("shows the dashboard going from 0 to 1 participant when a resident finishes a lesson", async () => {
    const { cookie } = await signedIn();
    const count = async () => {
      const page = await (await system.app.request("/admin", { headers: { Cookie: cookie } })).text();
      return /data-village-id="\d+"><td>Thôn A<\/td>[\s\S]*?data-count="tookPart"><a [^>]*>(\d+)<\/a>/.exec(page)?.[1];
    };
    expect(await count()).toBe("0");
    const token = await system.signIn(TEST_USERS[4]?.id ?? "");
    expect(await count()).toBe("0");
    await system.completeLesson(token, "bai-1", 2);
    expect(await count()).toBe("1");
  });
});

// Last in the file: the address every request here comes from is blocked afterwards too.
describe("login throttling", () => {
  it("blocks an account after 10 failed logins, even with the right password", async () => {
    // Sent all at once: each guess is counted before its slow hash, so none slips past the limit.
    const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => login("canbo-khac", `sai-${i}`)));
    expect(guesses.map((r) => r.status).sort()).toEqual([...Array(10).fill(401), 429, 429]);
    const blocked = await login("canbo-khac", PASSWORD);
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Đăng nhập sai quá nhiều lần");
  });
});
