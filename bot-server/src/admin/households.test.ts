import { randomUUID } from "node:crypto";
import { CONSENT_VERSION } from "@hvs/shared/api";
import { asc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communes, households, villages } from "../db/schema";
import { parseCsv } from "../reports/csv";
import { readXlsxRows } from "../reports/xlsx";
import { createInvite } from "../teams/invites";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";
import { householdsSection } from "./households-page";
import { readPeriodQuery } from "./period-query";

let s: TestSystem;
let session: { staffId: number; cookie: string; csrf: string };
let provinceCookie: string;
let otherCommuneCookie: string;
let otherVillageId: number;
const ids: Record<string, number> = {};

async function ok(response: Response) {
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return response.json() as Promise<Record<string, unknown>>;
}

async function teamMember(userId: string, villageId: number): Promise<string> {
  const token = await s.signIn(userId, villageId);
  const { code } = createInvite(s.db, { staffId: session.staffId, communeId: s.communeId, villageId, displayName: "Tổ viên" }, new Date());
  await ok(await s.call(token, "POST", "/api/team/join", { code }));
  return token;
}

async function household(team: string, label: string, hasSmartphone = true): Promise<number> {
  const list = (await ok(await s.call(team, "POST", "/api/team/households", { clientId: randomUUID(), label, hasSmartphone }))) as {
    households?: { id: number; label: string }[];
  };
  const id = list.households?.find((h) => h.label === label)?.id;
  if (id === undefined) throw new Error(`household ${label} not in the list`);
  ids[label] = id;
  return id;
}

async function resident(team: string, name: string): Promise<number> {
  const body = { clientId: randomUUID(), displayName: name, birthYear: 1970, consentVersion: CONSENT_VERSION };
  return (await ok(await s.call(team, "POST", "/api/team/residents", body))).learnerId as number;
}

const ALL = ["zalo", "vneid-muc-2", "thanh-toan"];
const FORMULA_LABEL = "=1+2 Hộ thử";

beforeAll(async () => {
  s = await createTestSystem();
  session = s.staffSession();
  provinceCookie = s.staffSession({ role: "province" }).cookie;
  const other = s.db.insert(communes).values({ name: "Xã Khác" }).returning().get();
  otherVillageId = s.db.insert(villages).values({ communeId: other.id, name: "Thôn Xa" }).returning().get().id;
  otherCommuneCookie = s.staffSession({ communeId: other.id }).cookie;

  const team = await teamMember(TEST_USERS[2]?.id ?? "", s.villageA.id);
  const one = await household(team, "Hộ ông Một");
  const r1 = await resident(team, "Lò Văn Một");
  await ok(await s.call(team, "POST", `/api/team/households/${one}/members`, { learnerId: r1 }));
  for (const task of ALL) await ok(await s.call(team, "POST", `/api/team/residents/${r1}/tasks/${task}/confirm`));

  const split = await household(team, "Hộ bà Hai");
  const r2 = await resident(team, "Lò Thị Hai");
  const r3 = await resident(team, "Lò Văn Ba");
  for (const r of [r2, r3]) await ok(await s.call(team, "POST", `/api/team/households/${split}/members`, { learnerId: r }));
  await ok(await s.call(team, "POST", `/api/team/residents/${r2}/tasks/zalo/confirm`));
  await ok(await s.call(team, "POST", `/api/team/residents/${r3}/tasks/thanh-toan/confirm`));

  const ticked = await household(team, "Hộ ông Tư");
  const code = (await ok(await s.call(team, "POST", `/api/team/households/${ticked}/code`))).code as string;
  const own = await s.signIn(TEST_USERS[0]?.id ?? "", s.villageA.id);
  await ok(await s.call(own, "POST", "/api/me/household/join", { code }));
  for (const [task, n] of [
    ["zalo", 2],
    ["vneid-muc-2", 3],
    ["thanh-toan", 1],
  ] as const) {
    await ok(await s.call(own, "POST", `/api/tasks/${task}/self-check`, { statements: Array(n).fill(true) }));
  }
  await household(team, FORMULA_LABEL, false);

  const teamB = await teamMember(TEST_USERS[3]?.id ?? "", s.villageB.id);
  await household(teamB, "Hộ thôn B");
});
afterAll(() => s.close());

const get = (path: string, cookie: string | null = session.cookie) =>
  s.app.request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
const fromHtml = (text: string) =>
  text.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">");
const cellText = (html: string) => fromHtml(html.replace(/<[^>]+>/g, "")).trim();

/** The households table's cells of one row (a village, or "Toàn xã"), by what each counts. */
function householdRow(html: string, villageId: number | null): Record<string, string> {
  const table = /<table id="households">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? "";
  const row =
    villageId === null
      ? /<tfoot><tr>([\s\S]*?)<\/tr><\/tfoot>/.exec(table)?.[1]
      : new RegExp(`<tr data-village-id="${villageId}">([\\s\\S]*?)</tr>`).exec(table)?.[1];
  return Object.fromEntries(
    [...(row ?? "").matchAll(/<td class="num" data-h="(\w+)">([\s\S]*?)<\/td>/g)].map((m) => [m[1], cellText(m[2] ?? "")]),
  );
}

function linkOf(html: string, villageId: number | null, what: string): string {
  const table = /<table id="households">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? "";
  const row =
    villageId === null
      ? /<tfoot><tr>([\s\S]*?)<\/tr><\/tfoot>/.exec(table)?.[1]
      : new RegExp(`<tr data-village-id="${villageId}">([\\s\\S]*?)</tr>`).exec(table)?.[1];
  const href = new RegExp(`<a href="([^"]+)" data-households="${what}">`).exec(row ?? "")?.[1];
  if (!href) throw new Error(`no link ${what}`);
  return fromHtml(href);
}

const listedLabels = (html: string) =>
  [...html.matchAll(/<tr data-household-id="\d+" data-status="\w+">\s*<td class="num">\d+<\/td><td>[^<]*<\/td><td>([^<]*)<\/td>/g)].map(
    (m) => fromHtml(m[1] ?? ""),
  );

describe("households on the commune dashboard", () => {
  it("shows per village the households with a smartphone, those counted, the rate against 70%, ticks only, new, and no smartphone", async () => {
    const html = await (await get("/admin")).text();
    expect(householdRow(html, s.villageA.id)).toEqual({
      withSmartphone: "3",
      counted: "1",
      rate: "33,3% Chưa đạt",
      selfReportedOnly: "1",
      newCounted: "1",
      noSmartphone: "1",
    });
    expect(householdRow(html, s.villageB.id)).toMatchObject({ withSmartphone: "1", counted: "0", rate: "0% Chưa đạt" });
    expect(householdRow(html, null)).toMatchObject({ withSmartphone: "4", counted: "1", rate: "25% Chưa đạt" });
    expect(html).toContain("Quy tắc tính:</strong> Một hộ có điện thoại thông minh được tính khi có ít nhất một người");
    expect(html).toContain('<table id="household-trend">');
    // Per task: Zalo confirmed for Lò Văn Một and Lò Thị Hai, ticked only by the resident with their own phone.
    const uptake = /<table id="task-uptake">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? "";
    expect(/<tfoot>[\s\S]*?data-task="zalo-confirmed">(\d+)</.exec(uptake)?.[1]).toBe("2");
    expect(/<tfoot>[\s\S]*?data-task="zalo-self">(\d+)</.exec(uptake)?.[1]).toBe("1");
    expect(html).toContain('<a href="/admin/households" >Hộ gia đình</a>');
  });

  it("each number opens the households it counts, with member names and the best member's tasks", async () => {
    const html = await (await get("/admin")).text();
    for (const [villageId, what, labels] of [
      [s.villageA.id, "counted", ["Hộ ông Một"]],
      [s.villageA.id, "selfReportedOnly", ["Hộ ông Tư"]],
      [s.villageA.id, "counted-new", ["Hộ ông Một"]],
      [s.villageA.id, "noSmartphone", [FORMULA_LABEL]],
      [null, "smartphone", ["Hộ bà Hai", "Hộ ông Một", "Hộ ông Tư", "Hộ thôn B"]],
    ] as const) {
      const page = await (await get(linkOf(html, villageId, what))).text();
      expect(listedLabels(page), what).toEqual(labels);
      expect(/<span id="households-total">(\d+)<\/span>/.exec(page)?.[1], what).toBe(String(labels.length));
    }
    const counted = await (await get(linkOf(html, s.villageA.id, "counted"))).text();
    expect(counted).toContain("Lò Văn Một");
    expect(counted).toContain("Quy tắc tính:");
    const everyone = await (await get("/admin/households")).text();
    expect(listedLabels(everyone)).toEqual([FORMULA_LABEL, "Hộ bà Hai", "Hộ ông Một", "Hộ ông Tư", "Hộ thôn B"]);
    const split = await (await get(`/admin/households?status=notYet&village=${s.villageA.id}`)).text();
    expect(listedLabels(split)).toEqual(["Hộ bà Hai"]);
    expect(split).toContain("Lò Thị Hai, Lò Văn Ba");
    expect(split).toContain('<td data-task="zalo">Đã xác nhận</td>');
    expect(split).toContain('<td data-task="vneid-muc-2">—</td>');
  });

  it("keeps names to commune staff of the same commune", async () => {
    for (const path of ["/admin/households", "/admin/households.csv", "/admin/households.xlsx", "/admin/households/import"]) {
      const province = await get(path, provinceCookie);
      expect(province.status, path).toBe(303);
      expect(province.headers.get("location"), path).toBe("/admin/province");
      expect(await province.text(), path).not.toContain("Lò Văn Một");
      const nobody = await get(path, null);
      expect(nobody.headers.get("location"), path).toBe("/admin/login");
    }
    const other = await (await get("/admin/households", otherCommuneCookie)).text();
    expect(other).not.toContain("Lò Văn Một");
    expect(listedLabels(other)).toEqual([]);
    expect((await get(`/admin/households?village=${otherVillageId}`)).status).toBe(404);
  });

  it("exports the list as CSV and XLSX, with a cell that looks like a formula opened as text", async () => {
    const csv = await get("/admin/households.csv");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const rows = parseCsv(await csv.text());
    expect(rows[0]).toEqual([
      "Mã hộ",
      "Thôn",
      "Tên hộ",
      "Có điện thoại thông minh",
      "Số thành viên",
      "Đạt chỉ tiêu",
      "Dùng Zalo",
      "VNeID mức độ 2",
      "Thanh toán không dùng tiền mặt",
    ]);
    const byLabel = new Map(rows.slice(1).map((r) => [r[2], r]));
    expect(byLabel.get("Hộ ông Một")).toEqual([
      String(ids["Hộ ông Một"]),
      "Thôn A",
      "Hộ ông Một",
      "Có",
      "1",
      "Đạt",
      "Đã xác nhận",
      "Đã xác nhận",
      "Đã xác nhận",
    ]);
    expect(byLabel.get("Hộ ông Tư")?.slice(3, 7)).toEqual(["Có", "1", "Chỉ tự đánh dấu", "Tự đánh dấu"]);
    expect(byLabel.get(`'${FORMULA_LABEL}`)?.slice(3, 6)).toEqual(["Không", "0", "Không có điện thoại thông minh"]);

    const xlsx = await get("/admin/households.xlsx");
    const sheet = await readXlsxRows(new Uint8Array(await xlsx.arrayBuffer()));
    expect(sheet[0]).toEqual(rows[0]);
    expect(sheet.slice(1, 6).map((r) => r[2])).toEqual(rows.slice(1, 6).map((r) => r[2]?.replace(/^'/, "")));
  });
});

describe("the households report", () => {
  it("writes the households table per village to CSV, XLSX and PDF, with the rules and per-task uptake under it", async () => {
    const html = await (await get("/admin")).text();
    const link = /href="(\/admin\/households\/report\.csv\?[^"]*)"/.exec(html)?.[1];
    const csv = await get(fromHtml(link ?? ""));
    expect(csv.headers.get("content-disposition")).toMatch(
      /^attachment; filename="bao-cao-ho-gia-dinh-\d{4}-01-01-den-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = parseCsv(await csv.text());
    expect(rows[0]?.slice(0, 8)).toEqual([
      "Thôn",
      "Hộ có điện thoại thông minh",
      "Hộ đạt",
      "Tỉ lệ hộ đạt (%, mục tiêu 70%)",
      "Hộ chỉ tự đánh dấu",
      "Hộ mới đạt trong kỳ",
      "Hộ không có điện thoại thông minh",
      "Dùng Zalo: số người đã xác nhận",
    ]);
    expect(rows[1]?.slice(0, 8)).toEqual(["Thôn A", "3", "1", "33.3", "1", "1", "1", "2"]);
    expect(rows.at(-1)?.slice(0, 4)).toEqual(["Toàn xã", "4", "1", "25"]);

    const xlsx = await readXlsxRows(new Uint8Array(await (await get(fromHtml(link ?? "").replace(".csv", ".xlsx"))).arrayBuffer()));
    expect(xlsx.slice(0, 4)).toEqual(rows.slice(0, 4));
    expect(xlsx.flat()).toContain("Dùng Zalo (toàn xã): 2 người đã xác nhận, thêm 1 người chỉ tự đánh dấu.");

    const pdf = await get(fromHtml(link ?? "").replace(".csv", ".pdf"));
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect((await pdf.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect((await get(fromHtml(link ?? ""), provinceCookie)).status).toBe(303);
  });
});

describe("importing households", () => {
  async function upload(content: string | Uint8Array, name: string, options: { csrf?: boolean } = {}) {
    const form = new FormData();
    if (options.csrf !== false) form.set("_csrf", session.csrf);
    form.set("file", new File([content], name));
    const encoded = new Request("http://localhost/", { method: "POST", body: form });
    const body = new Uint8Array(await encoded.arrayBuffer());
    const response = await s.app.request("http://localhost/admin/households/import", {
      method: "POST",
      headers: {
        Cookie: session.cookie,
        Host: "localhost",
        Origin: "http://localhost",
        "Content-Type": encoded.headers.get("content-type") ?? "",
        "Content-Length": String(body.byteLength),
      },
      body,
    });
    return { status: response.status, page: await response.text() };
  }
  const all = () =>
    s.db
      .select({ label: households.label, villageId: households.villageId, hasSmartphone: households.hasSmartphone })
      .from(households)
      .orderBy(asc(households.id))
      .all();

  it("stores nothing from a file with one bad row, and lists every problem by line", async () => {
    const before = all();
    const csv = `Thôn;Tên hộ;Có điện thoại thông minh;Mã hộ\r\nThôn A;Hộ mới;Có;\r\nThôn Z;Hộ khác;Có;\r\nthon b;Hộ lạ;chưa rõ;\r\nThôn A;Hộ ông Một (sửa);Có;${ids["Hộ thôn B"]}\r\n`;
    const { status, page } = await upload(csv, "ho.csv");
    expect(status).toBe(400);
    expect(page).toContain("Chưa lưu gì, vì tệp có lỗi:");
    expect(page).toContain("<li>Dòng 3: không có thôn \u201cThôn Z\u201d trong xã.</li>");
    expect(page).toContain("<li>Dòng 4: cột \u201cCó điện thoại thông minh\u201d ghi \u201cchưa rõ\u201d; hãy ghi Có hoặc Không.</li>");
    expect(page).toContain(`<li>Dòng 5: hộ mã ${ids["Hộ thôn B"]} thuộc Thôn B, không phải Thôn A`);
    expect(all()).toEqual(before);
  });

  it("refuses a household of another commune, the upload without CSRF, and a file over 1 MB", async () => {
    const before = all();
    const foreign = s.db
      .insert(households)
      .values({ villageId: otherVillageId, label: "Hộ xã khác", hasSmartphone: true, createdAt: new Date() })
      .returning()
      .get();
    const bad = await upload(`Mã hộ,Thôn,Tên hộ,Có điện thoại thông minh\r\n${foreign.id},Thôn A,Hộ chiếm,Có\r\n`, "ho.csv");
    expect(bad.status).toBe(400);
    expect(bad.page).toContain(`Dòng 2: không có hộ mã \u201c${foreign.id}\u201d trong danh sách của xã.`);
    expect((await upload("Thôn,Tên hộ,Có điện thoại thông minh\r\nThôn A,Hộ mới,Có\r\n", "ho.csv", { csrf: false })).status).toBe(403);
    const big = `Thôn,Tên hộ,Có điện thoại thông minh\r\n${"Thôn A,Hộ rất dài,Có\r\n".repeat(60_000)}`;
    const tooLarge = await upload(big, "lon.csv");
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.page).toContain("Tệp quá lớn: tối đa 1 MB.");
    s.db.delete(households).where(eq(households.id, foreign.id)).run();
    expect(all()).toEqual(before);
  });

  it("creates rows without a code and corrects rows with one, from CSV or a workbook; the template holds today's list", async () => {
    const csv = `\uFEFFMã hộ;Thôn;Tên hộ;Có điện thoại thông minh\r\n${ids["Hộ bà Hai"]};thon a;Hộ bà Hai, đội 2;0\r\n;THÔN B;Hộ bà Mười;x\r\n`;
    const done = await upload(csv, "ho.csv");
    expect(done.status, done.page).toBe(200);
    expect(done.page).toContain("Đã thêm 1 hộ và sửa 1 hộ.");
    const rows = all();
    expect(rows).toContainEqual({ label: "Hộ bà Hai, đội 2", villageId: s.villageA.id, hasSmartphone: false });
    expect(rows).toContainEqual({ label: "Hộ bà Mười", villageId: s.villageB.id, hasSmartphone: true });
    // Sent twice, the new row would be a second household: refused by name.
    const again = await upload(";THÔN B;Hộ bà Mười;x\r\n".replace(/^/, "Mã hộ;Thôn;Tên hộ;Có điện thoại thông minh\r\n"), "ho.csv");
    expect(again.status).toBe(400);
    expect(again.page).toContain("Thôn B đã có hộ \u201cHộ bà Mười\u201d");

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Hộ");
    sheet.addRow(["Tên hộ", "Thôn", "Có điện thoại thông minh"]);
    sheet.addRow(["Hộ ông Mười Một", "Thôn A", "Có"]);
    const fromXlsx = await upload(new Uint8Array(await workbook.xlsx.writeBuffer()), "ho.xlsx");
    expect(fromXlsx.status, fromXlsx.page).toBe(200);
    expect(all()).toContainEqual({ label: "Hộ ông Mười Một", villageId: s.villageA.id, hasSmartphone: true });

    const template = parseCsv(await (await get("/admin/households/template.csv")).text());
    expect(template[0]).toEqual(["Mã hộ", "Thôn", "Tên hộ", "Có điện thoại thông minh"]);
    expect(template.map((r) => r[2])).toContain("Hộ bà Hai, đội 2");
    const templateXlsx = await readXlsxRows(new Uint8Array(await (await get("/admin/households/template.xlsx")).arrayBuffer()));
    expect(templateXlsx[0]).toEqual(template[0]);
    const form = await (await get("/admin/households/import")).text();
    expect(form).toContain('name="_csrf"');
  });
});

describe("without a household rule in the content", () => {
  it("says so instead of showing zeros", async () => {
    const q = readPeriodQuery({}, "2026-11-23");
    const period = q.period;
    const empty = { withSmartphone: 0, counted: 0, selfReportedOnly: 0, withoutSmartphone: 0, newCounted: 0 };
    const section = await householdsSection(
      {
        rule: null,
        period,
        granularity: "month",
        villages: [],
        total: { ...empty, rate: { numerator: 0, denominator: 0, percent: null, meetsTarget: false, exceedsPopulation: false }, tasks: [] },
        focus: { villageId: null, trend: [] },
      },
      q,
    );
    expect(section.toString()).toContain("Nội dung chưa có quy tắc tính hộ");
    expect(section.toString()).not.toContain('<table id="households">');
  });
});
