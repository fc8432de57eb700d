import { ErrorBody } from "@hvs/shared/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, staff } from "../db/schema";
import { CORRECT_ANSWERS } from "../test-support/fixture-curriculum";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";
import { participationByVillage } from "./participation";
import { hashPassword } from "./passwords";

// One system for the file: scrypt at ASVS cost takes ~0.4 s per hash, so the account is made once.
let system: TestSystem;
const PASSWORD = "mat-khau-du-dai-16";
beforeAll(async () => {
  system = await createTestSystem();
  system.db
    .insert(staff)
    .values({ communeId: system.communeId, username: "canbo", passwordHash: await hashPassword(PASSWORD), createdAt: new Date() })
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
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return cookie.split(";")[0] ?? "";
}

describe("staff dashboard", () => {
  it("sends a visitor without a session to the login page", async () => {
    const response = await system.app.request("/admin");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin/login");
    const api = await system.app.request("/api/admin/participation");
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

  it("refuses a login form posted from another site (CSRF)", async () => {
    const response = await login("canbo", PASSWORD, { Origin: "http://evil.example" });
    expect(response.status).toBe(403);
    // Staff read pages: the refusal is a page with the Vietnamese message, not JSON.
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expect(await response.text()).toContain("Bạn không có quyền thực hiện việc này.");
  });

  it("shows participation per village, going from 0 to 1 when a resident finishes a lesson", async () => {
    const response = await login("canbo", PASSWORD);
    expect(response.status).toBe(303);
    const cookie = cookieFrom(response);
    const page = async () => (await system.app.request("/admin", { headers: { Cookie: cookie } })).text();

    const before = await page();
    expect(before).toContain("Thôn A");
    expect(before).toMatch(/id="participation"[\s\S]*?Thôn A<\/td>\s*<td class="num">10<\/td>\s*<td class="num" data-count>0<\/td>/);

    // Signing in and choosing a village is not taking part; finishing a lesson is.
    const token = await system.signIn(TEST_USERS[0]?.id ?? "");
    expect(participationByVillage(system.db, system.communeId).villages[0]?.rate.numerator).toBe(0);
    await system.completeLesson(token, "bai-1");

    const after = await page();
    expect(after).toMatch(
      /id="participation"[\s\S]*?Thôn A<\/td>\s*<td class="num">10<\/td>\s*<td class="num" data-count>1<\/td>\s*<td class="num">10%<\/td>/,
    );
    // A village with no population figure says so instead of showing a rate.
    expect(after).toContain("Chưa nhập số người trưởng thành");
    expect(after).toContain("chưa tính 1 thôn chưa nhập số người trưởng thành");

    const api = await system.app.request("/api/admin/participation", { headers: { Cookie: cookie } });
    const report = (await api.json()) as ReturnType<typeof participationByVillage>;
    expect(report.villages.map((v) => [v.villageName, v.rate.numerator, v.rate.denominator])).toEqual([
      ["Thôn A", 1, 10],
      ["Thôn B", 0, 0],
    ]);
    expect(report.total).toMatchObject({ numerator: 1, denominator: 10, percent: 10, meetsTarget: false });
  });

  it("counts adults who meet the program rule read from content, and states the rule", async () => {
    const cookie = cookieFrom(await login("canbo", PASSWORD));
    const attained = async () => {
      const page = await (await system.app.request("/admin", { headers: { Cookie: cookie } })).text();
      return /id="attainment-co-ban"[\s\S]*?Thôn A<\/td>\s*<td class="num">10<\/td>\s*<td class="num" data-count>(\d+)<\/td>/.exec(
        page,
      )?.[1];
    };
    expect(await attained()).toBe("0");
    const token = await system.signIn(TEST_USERS[1]?.id ?? "");
    await system.takeQuiz(token, CORRECT_ANSWERS);
    expect(await attained()).toBe("1");
    const page = await (await system.app.request("/admin", { headers: { Cookie: cookie } })).text();
    expect(page).toContain("Đạt khi bài kiểm tra cuối khóa của cả 1 khóa học (Khóa thử) được từ 75% trở lên.");
  });

  it("ends the session on logout", async () => {
    const cookie = cookieFrom(await login("canbo", PASSWORD));
    const out = await system.app.request(`${ORIGIN}/admin/logout`, {
      method: "POST",
      headers: { Cookie: cookie, Host: "localhost", Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(out.status).toBe(303);
    expect((await system.app.request("/admin", { headers: { Cookie: cookie } })).status).toBe(303);
  });

  it("blocks an account after 10 failed logins, even with the right password", async () => {
    // Sent all at once: each guess is counted before its slow hash, so none slips past the limit.
    const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => login("canbo", `sai-${i}`)));
    expect(guesses.map((r) => r.status).sort()).toEqual([...Array(10).fill(401), 429, 429]);
    const blocked = await login("canbo", PASSWORD);
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Đăng nhập sai quá nhiều lần");
  });
});
