import { addDays } from "@hvs/shared/periods";
import { asc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { villagePopulations } from "../db/schema";
import { createTestSystem, type TestSystem } from "../test-support/system";
import { communeReport } from "./commune-report";
import { readPopulationSheet } from "./population-import";

const VILLAGES = [
  { id: 1, name: "Thôn Đồng Tâm" },
  { id: 2, name: "Thôn Kon Sơ" },
  { id: 3, name: "Làng Ia Broăi" },
  // Two names that differ only by their marks: without them, neither can be told apart.
  { id: 4, name: "Thôn Đông Hà" },
  { id: 5, name: "Thôn Đồng Hà" },
];
const TODAY = "2026-11-23";
const HEADER = ["Thôn", "Số người trưởng thành", "Áp dụng từ ngày"];
const read = (rows: string[][]) => readPopulationSheet(rows, VILLAGES, TODAY);

describe("readPopulationSheet", () => {
  it("reads the three columns in any order, Vietnamese thousands, both date forms and names typed loosely", () => {
    const result = read([
      ["Áp dụng từ ngày", "  THÔN ", "Số người trưởng thành"],
      ["01/06/2026", "Thôn Đồng Tâm", "1.234"],
      ["2026-06-01", "thon kon so", "56"],
      ["1/6/2026", "  làng   IA broăi ", "1 200"],
      ["", "", ""],
      [TODAY, "Thôn Đồng Tâm".normalize("NFD"), "1.000.000"],
      ["2025-01-01", "Thôn Đông Hà", "0"],
    ]);
    expect(result).toEqual({
      ok: true,
      entries: [
        { villageId: 1, adults: 1234, effectiveFrom: "2026-06-01" },
        { villageId: 2, adults: 56, effectiveFrom: "2026-06-01" },
        { villageId: 3, adults: 1200, effectiveFrom: "2026-06-01" },
        { villageId: 1, adults: 1_000_000, effectiveFrom: TODAY },
        { villageId: 4, adults: 0, effectiveFrom: "2025-01-01" },
      ],
    });
  });

  it("refuses a decimal or a word for a count, and a name without marks that fits two villages", () => {
    const rows = (adults: string, name = "Thôn Kon Sơ") => [HEADER, [name, adults, "2026-01-01"]];
    for (const bad of ["12,5", "1.5", "12.50", "-3", "mười", ""]) {
      expect(read(rows(bad))).toEqual({ ok: false, problems: [`Dòng 2: số người trưởng thành \u201c${bad}\u201d không phải số nguyên.`] });
    }
    expect(read(rows("1.000.001"))).toEqual({ ok: false, problems: ["Dòng 2: số người trưởng thành quá lớn."] });
    expect(read(rows("10", "thon dong ha"))).toEqual({ ok: false, problems: ["Dòng 2: không có thôn \u201cthon dong ha\u201d trong xã."] });
    expect(read(rows("10", "thôn đồng hà"))).toMatchObject({ ok: true, entries: [{ villageId: 5 }] });
  });

  it("lists every problem with its line number, in Vietnamese, and returns nothing", () => {
    expect(
      read([
        HEADER,
        ["Thôn Không Có", "10", "2026-01-01"],
        ["Thôn Đồng Tâm", "12,5", "2026-01-01"],
        [],
        ["Thôn Kon Sơ", "20", "31/02/2026"],
        ["Thôn Kon Sơ", "20", "2026-11-24"],
        ["Thôn Đồng Tâm", "30", "2026-01-01"],
        ["thon dong tam", "31", "01/01/2026"],
        ["Thôn Ma", "nhiều", "hôm qua"],
      ]),
    ).toEqual({
      ok: false,
      problems: [
        "Dòng 2: không có thôn \u201cThôn Không Có\u201d trong xã.",
        "Dòng 3: số người trưởng thành \u201c12,5\u201d không phải số nguyên.",
        "Dòng 5: ngày \u201c31/02/2026\u201d không hợp lệ (viết 01/01/2026 hoặc 2026-01-01).",
        "Dòng 6: ngày áp dụng không được sau hôm nay.",
        "Dòng 8: trùng thôn và ngày với dòng 7.",
        "Dòng 9: không có thôn \u201cThôn Ma\u201d trong xã.",
        "Dòng 9: số người trưởng thành \u201cnhiều\u201d không phải số nguyên.",
        "Dòng 9: ngày \u201chôm qua\u201d không hợp lệ (viết 01/01/2026 hoặc 2026-01-01).",
      ],
    });
  });

  it("asks for the header row, and for at least one row under it", () => {
    const header = "Dòng 1 phải là tiêu đề gồm ba cột: \u201cThôn\u201d, \u201cSố người trưởng thành\u201d, \u201cÁp dụng từ ngày\u201d.";
    expect(read([["Thôn A", "10", "2026-01-01"]])).toEqual({ ok: false, problems: [header] });
    expect(read([["Thôn", "Số người"]])).toEqual({ ok: false, problems: [header] });
    expect(read([])).toEqual({ ok: false, problems: [header] });
    expect(read([HEADER, [], ["", " "]])).toEqual({ ok: false, problems: ["Tệp không có dòng số liệu nào dưới dòng tiêu đề."] });
  });
});

describe("POST /admin/populations/import", () => {
  let s: TestSystem;
  let staffId: number;
  let cookie: string;
  let csrf: string;
  beforeEach(async () => {
    s = await createTestSystem();
    ({ staffId, cookie, csrf } = s.staffSession());
  });
  afterEach(() => s.close());

  /** The form as a browser sends it: multipart, with the CSRF field, and the body's length declared. */
  async function upload(content: string | Uint8Array, name: string, options: { csrf?: boolean; declareLength?: boolean } = {}) {
    const form = new FormData();
    if (options.csrf !== false) form.set("_csrf", csrf);
    form.set("file", new File([content], name));
    const encoded = new Request("http://localhost/", { method: "POST", body: form });
    const body = new Uint8Array(await encoded.arrayBuffer());
    const headers: Record<string, string> = {
      Cookie: cookie,
      Host: "localhost",
      Origin: "http://localhost",
      "Content-Type": encoded.headers.get("content-type") ?? "",
    };
    if (options.declareLength !== false) headers["Content-Length"] = String(body.byteLength);
    const response = await s.app.request("http://localhost/admin/populations/import", { method: "POST", headers, body });
    return { status: response.status, page: await response.text() };
  }

  const imported = () =>
    s.db
      .select({
        villageId: villagePopulations.villageId,
        adults: villagePopulations.adults,
        effectiveFrom: villagePopulations.effectiveFrom,
        source: villagePopulations.source,
        recordedBy: villagePopulations.recordedBy,
      })
      .from(villagePopulations)
      .where(eq(villagePopulations.source, "import"))
      .orderBy(asc(villagePopulations.id))
      .all();
  const CANNOT_READ = "Không đọc được tệp: hãy lưu lại dưới dạng Excel (.xlsx) hoặc CSV (UTF-8) rồi thử lại.";

  it("stores a CSV saved by a Vietnamese Excel (';' between fields, a byte-order mark), and the report divides by it", async () => {
    const csv = "\uFEFFThôn;Số người trưởng thành;Áp dụng từ ngày\r\nThôn A;1.234;01/06/2026\r\nthon b;56;2026-06-01\r\n";
    const { status, page } = await upload(csv, "so-nguoi.csv");
    expect(status).toBe(200);
    expect(page).toContain("Đã nhập 2 dòng.");
    expect(imported()).toEqual([
      { villageId: s.villageA.id, adults: 1234, effectiveFrom: "2026-06-01", source: "import", recordedBy: staffId },
      { villageId: s.villageB.id, adults: 56, effectiveFrom: "2026-06-01", source: "import", recordedBy: staffId },
    ]);
    const adults = (to: string) => communeReport(s.db, s.communeId, { from: "2026-01-01", to }, "month").villages.map((v) => v.adults);
    expect(adults("2026-05-31")).toEqual([10, 0]);
    expect(adults("2026-06-01")).toEqual([1234, 56]);
  });

  it("stores an XLSX workbook, with real numbers and a real date cell", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Số liệu");
    sheet.addRow(["Số người trưởng thành", "Áp dụng từ ngày", "Thôn"]);
    sheet.addRow([250, new Date(Date.UTC(2026, 0, 1)), "Thôn B"]);
    sheet.addRow([1000, "15/03/2026", "thôn a"]);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { status, page } = await upload(xlsx, "so-nguoi.xlsx");
    expect(status, page).toBe(200);
    expect(page).toContain("Đã nhập 2 dòng.");
    expect(imported().map((r) => [r.villageId, r.adults, r.effectiveFrom])).toEqual([
      [s.villageB.id, 250, "2026-01-01"],
      [s.villageA.id, 1000, "2026-03-15"],
    ]);
  });

  it("stores nothing from a file with one bad row, and the page lists the problem", async () => {
    const csv = 'Thôn,Số người trưởng thành,Áp dụng từ ngày\r\nThôn A,120,2026-01-01\r\nThôn B,"12,5",2026-01-01\r\n';
    const { status, page } = await upload(csv, "so-nguoi.csv");
    expect(status).toBe(400);
    expect(page).toContain("Chưa lưu gì, vì tệp có lỗi:");
    expect(page).toContain("<li>Dòng 3: số người trưởng thành \u201c12,5\u201d không phải số nguyên.</li>");
    expect(imported()).toEqual([]);
  });

  it("says in Vietnamese that it cannot read a file that is not a spreadsheet, or a CSV not saved as UTF-8", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    const ansi = Buffer.from("Thôn,Số người trưởng thành,Áp dụng từ ngày\r\nThôn A,5,2026-01-01\r\n", "latin1");
    for (const [content, name] of [
      [png, "anh.png"],
      [brokenZip, "hong.xlsx"],
      [new Uint8Array(ansi), "ansi.csv"],
      ['Thôn,"không đóng ngoặc', "hong.csv"],
    ] as const) {
      const { status, page } = await upload(content, name);
      expect(status, name).toBe(400);
      expect(page, name).toContain(CANNOT_READ);
    }
    expect(imported()).toEqual([]);
  });

  it("refuses the upload without the session's CSRF token", async () => {
    const { status } = await upload("Thôn,Số người trưởng thành,Áp dụng từ ngày\r\nThôn A,5,2026-01-01\r\n", "a.csv", { csrf: false });
    expect(status).toBe(403);
    expect(imported()).toEqual([]);
  });

  it("reads a 40 KB CSV, well under the 1 MB the page promises (the app-wide 16 KB limit does not apply here)", async () => {
    let csv = "Thôn,Số người trưởng thành,Áp dụng từ ngày\r\n";
    for (let n = 0; csv.length < 40_000; n++) csv += `Thôn A,${n},${addDays("2020-01-01", n)}\r\n`;
    const { status } = await upload(csv, "lon.csv");
    expect(status).toBe(200);
  });

  it("reads a file sent without a declared length (chunked)", async () => {
    const { status } = await upload("Thôn,Số người trưởng thành,Áp dụng từ ngày\r\nThôn A,5,2026-01-01\r\n", "a.csv", {
      declareLength: false,
    });
    expect(status).toBe(200);
  });
});
