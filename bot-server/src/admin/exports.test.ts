import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { converse, type Incoming } from "../chatbot/conversation";
import { villages } from "../db/schema";
import { recordPopulation } from "../indicators/populations";
import { STEP_RULE } from "../indicators/rules-text";
import { parseCsv } from "../reports/csv";
import { readXlsxRows } from "../reports/xlsx";
import { createTestSystem, type TestSystem } from "../test-support/system";
import type { OaMessage } from "../zalo/oa-client";

/** Thôn, adults, took part (cumulative), its rate, new in period, certified (cumulative), its rate, new in period. */
type Row = [string, number, number, number | null, number, number, number | null, number];

// Thôn A: 10 adults, one took part before the period and one in it. Thôn B: 3 adults, one took part and was
// certified in it (1/3 = 33.3%). Thôn C: no population figure, one took part: no rate, not in the total's rate.
const EXPECTED: Row[] = [
  ["Thôn A", 10, 2, 20, 1, 0, 0, 0],
  ["Thôn B", 3, 1, 33.3, 1, 1, 33.3, 1],
  ["Thôn C", 0, 1, null, 1, 0, null, 0],
];
// The commune counts Thôn C's person too (4); its rates leave Thôn C out, having no population figure (3 / 13).
const TOTAL: Row = ["Toàn xã", 13, 4, 23.1, 3, 1, 7.7, 1];
const HEADERS = [
  "Thôn",
  "Số người trưởng thành",
  "Đã tham gia học (lũy kế)",
  "Tỉ lệ tham gia (%)",
  "Tham gia mới trong kỳ",
  "Đạt kỹ năng số cơ bản (lũy kế)",
  "Tỉ lệ đạt (%)",
  "Đạt mới trong kỳ",
];
const QUERY = "from=2026-10-01&to=2026-10-31";
const FILE = "bao-cao-binh-dan-hoc-vu-so-2026-10-01-den-2026-10-31";

let s: TestSystem;
let communeCookie: string;
let provinceCookie: string;

/** A new follower of the OA who agrees, picks a village and reads the first lesson at 09:00 on `day`. */
function chatLearner(oaUserId: string, villageName: string, day: string): (text: string) => OaMessage[] {
  let clock = Date.parse(`${day}T02:00:00Z`);
  const say = (incoming: Incoming | string) => {
    clock += 20_000;
    const event = typeof incoming === "string" ? { kind: "text" as const, text: incoming } : incoming;
    return s.db.transaction((tx) => converse(tx, s.chat, { oaUserId }, event, new Date(clock)));
  };
  const tap = (message: OaMessage | undefined, title: string) => {
    const payload = message?.buttons?.find((b) => b.title === title)?.payload;
    if (typeof payload !== "string") throw new Error(`no button ${title}`);
    return say(payload);
  };
  const [, consent] = say({ kind: "follow" });
  tap(tap(consent, "Đồng ý")[0], villageName);
  expect(say("học")[0]?.text).toContain("Bài 1");
  return say;
}

beforeAll(async () => {
  s = await createTestSystem();
  s.db.insert(villages).values({ communeId: s.communeId, name: "Thôn C" }).run();
  const record = { villageId: s.villageB.id, adults: 3, effectiveFrom: "2025-01-01" };
  recordPopulation(s.db, s.communeId, record, { staffId: null, source: "setup" }, new Date());
  chatLearner("oa-1", "Thôn A", "2026-09-15");
  chatLearner("oa-2", "Thôn A", "2026-10-05");
  const certified = chatLearner("oa-3", "Thôn B", "2026-10-10");
  for (const text of ["học", "học", "b", "a c", "a", "a"]) certified(text);
  expect(certified("Trần Văn Ba")[0]?.text).toContain("Chúc mừng");
  chatLearner("oa-4", "Thôn C", "2026-10-20");

  communeCookie = s.staffSession().cookie;
  provinceCookie = s.staffSession({ role: "province" }).cookie;
});
afterAll(() => s.close());

const get = (path: string, cookie: string | null = communeCookie) => s.app.request(path, { headers: cookie ? { Cookie: cookie } : {} });

const fromHtml = (text: string) =>
  text.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">");
const cellText = (html: string) => fromHtml(html.replace(/<[^>]+>/g, "")).trim();

/** "1.234" → 1234, "33,3%" → 33.3, "—" → null: numbers as the page and the PDF print them. */
function viNumber(text: string): number | null {
  if (text === "—") return null;
  return Number(text.replace("%", "").replaceAll(".", "").replace(",", "."));
}

/** "33.3" → 33.3, "" → null: numbers as the CSV and the workbook hold them. */
const plainNumber = (text: string | undefined) => (text === undefined || text === "" ? null : Number(text));
const asRow = (cells: string[], number: (text: string) => number | null) =>
  [cells[0] ?? "", ...cells.slice(1, 8).map(number)] as unknown as Row;

/** The village table of the dashboard: each row's cells, checked to be the cells that say what they count. */
function pageTable(html: string): { rows: Row[]; total: Row } {
  const table = /<table id="villages">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? "";
  const rowOf = (tr: string): Row => {
    const cells = [...tr.matchAll(/<td([^>]*)>([\s\S]*?)<\/td>/g)];
    expect(cells.map((c) => /data-(?:count|rate)="(\w+)"/.exec(c[1] ?? "")?.[0] ?? "").slice(0, 8)).toEqual([
      "",
      "",
      'data-count="tookPart"',
      'data-rate="tookPart"',
      "",
      'data-count="certified"',
      'data-rate="certified"',
      "",
    ]);
    return asRow(
      cells.map((c) => cellText(c[2] ?? "")),
      viNumber,
    );
  };
  const rows = [...table.matchAll(/<tr data-village-id="\d+">([\s\S]*?)<\/tr>/g)].map((m) => rowOf(m[1] ?? ""));
  const total = rowOf(/<tfoot><tr>([\s\S]*?)<\/tr><\/tfoot>/.exec(table)?.[1] ?? "");
  return { rows, total };
}

/** Every text run of every page, through a real PDF parser, in NFC; runs that are only spacing dropped. */
async function pdfRuns(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: pdf, verbosity: 0, isEvalSupported: false }).promise;
  try {
    const runs: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      for (const item of (await (await doc.getPage(n)).getTextContent()).items) {
        if ("str" in item && item.str.trim() !== "") runs.push(item.str.normalize("NFC"));
      }
    }
    return runs;
  } finally {
    await doc.destroy();
  }
}

function expectDownload(response: Response, type: string, extension: string) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe(type);
  expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${FILE}.${extension}"`);
  expect(response.headers.get("cache-control")).toBe("no-store");
}

describe("the commune report, on the page and in its three files", () => {
  let page: { rows: Row[]; total: Row };
  let links: string[];
  beforeAll(async () => {
    const response = await get(`/admin?${QUERY}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    page = pageTable(html);
    links = [...html.matchAll(/href="(\/admin\/report\.(?:csv|xlsx|pdf)\?[^"]*)"/g)].map((m) => fromHtml(m[1] ?? ""));
  });

  it("shows the figures known from the data, and links each file with the same period", () => {
    expect(page.rows).toEqual(EXPECTED);
    expect(page.total).toEqual(TOTAL);
    expect(links).toEqual([`/admin/report.xlsx?${QUERY}`, `/admin/report.csv?${QUERY}`, `/admin/report.pdf?${QUERY}`]);
  });

  it("writes the same table to the CSV: Vietnamese headers, plain numbers, percents like 33.3, no rate as empty", async () => {
    const response = await get(`/admin/report.csv?${QUERY}`);
    expectDownload(response, "text/csv; charset=utf-8", "csv");
    const text = await response.text();
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows.slice(1).map((r) => asRow(r, (t) => plainNumber(t)))).toEqual([...page.rows, page.total]);
    // The raw fields as written: digits and a dot, nothing for a missing rate.
    expect(rows[2]).toEqual(["Thôn B", "3", "1", "33.3", "1", "1", "33.3", "1"]);
    expect(rows[3]?.[3]).toBe("");
    expect(rows[1]?.[3]).toBe("20");
  });

  it("writes the same table to the workbook, then the rules under it", async () => {
    const response = await get(`/admin/report.xlsx?${QUERY}`);
    expectDownload(response, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
    const rows = await readXlsxRows(new Uint8Array(await response.arrayBuffer()));
    expect(rows[0]).toEqual(HEADERS);
    const table = rows.slice(1, 5);
    expect(table.map((r) => asRow(r, (t) => plainNumber(t)))).toEqual([...page.rows, page.total]);
    expect(table[1]?.[3]).toBe("33.3");
    expect(rows[5]).toEqual([]);
    const notes = rows.slice(6).map((r) => r[0]);
    expect(notes).toContain(`Đã tham gia học: ${STEP_RULE.tookPart}`);
    expect(notes).toContain(
      'Tỉ lệ của dòng "Toàn xã" chưa tính 1 thôn chưa có số người trưởng thành (số người của các thôn ấy vẫn được cộng).',
    );
  });

  it("prints the same table in the PDF, with Vietnamese numbers (33,3%) and a dash where there is no rate", async () => {
    const response = await get(`/admin/report.pdf?${QUERY}`);
    expectDownload(response, "application/pdf", "pdf");
    const runs = await pdfRuns(new Uint8Array(await response.arrayBuffer()));
    const text = runs.join(" ");
    for (const header of HEADERS) expect(text).toContain(header);
    expect(text).toContain("Kỳ báo cáo: từ ngày 01/10/2026 đến ngày 31/10/2026");
    expect(text).toContain("XÃ THỬ");
    const printed = (name: string) => {
      const at = runs.lastIndexOf(name);
      expect(at, name).toBeGreaterThanOrEqual(0);
      return runs.slice(at, at + 8);
    };
    expect([...page.rows, page.total].map((row) => asRow(printed(row[0]), viNumber))).toEqual([...page.rows, page.total]);
    expect(printed("Thôn B")).toEqual(["Thôn B", "3", "1", "33,3%", "1", "1", "33,3%", "1"]);
    expect(printed("Thôn A")[3]).toBe("20,0%");
    expect(printed("Thôn C")[3]).toBe("—");
  });

  it("the total's count and the list behind it agree (Thôn C has no population figure but its people are counted)", async () => {
    const html = await (await get(`/admin?${QUERY}`)).text();
    const tfoot = /<tfoot>[\s\S]*?data-count="tookPart"><a href="([^"]+)"[^>]*>(\d+)<\/a>/.exec(html);
    const list = await (await get(fromHtml(tfoot?.[1] ?? ""))).text();
    expect(/<span id="people-total">(\d+)<\/span>/.exec(list)?.[1]).toBe(tfoot?.[2]);
  });

  it("gives the whole list behind a number as a workbook, the same people as the page", async () => {
    const html = await (await get(`/admin?${QUERY}`)).text();
    const tfoot = /<tfoot>[\s\S]*?data-count="tookPart"><a href="([^"]+)"/.exec(html);
    const page = await (await get(fromHtml(tfoot?.[1] ?? ""))).text();
    const names = [...page.matchAll(/<tr data-learner-id="\d+">\s*<td class="num">\d+<\/td><td>([^<]*)<\/td>/g)].map((m) =>
      fromHtml(m[1] ?? ""),
    );
    expect(names.length).toBeGreaterThan(0);
    const link = /href="(\/admin\/people\.xlsx\?[^"]*)"/.exec(page)?.[1];
    const file = await get(fromHtml(link ?? ""));
    expect(file.headers.get("content-disposition")).toContain("danh-sach-tookPart-2026-10-01-den-2026-10-31.xlsx");
    const rows = await readXlsxRows(new Uint8Array(await file.arrayBuffer()));
    expect(rows[0]).toEqual(["STT", "Họ tên", "Năm sinh", "Thôn", "Ngày", "Tính vì"]);
    expect(rows.slice(1, 1 + names.length).map((r) => r[1])).toEqual(names);
    expect(rows.flat().some((cell) => cell.startsWith("Quy tắc tính:"))).toBe(true);
    // Names leave the server only for commune staff.
    expect((await get(fromHtml(link ?? ""), provinceCookie)).status).toBe(303);
  });

  it("gives no file to province staff or to someone not signed in", async () => {
    for (const path of ["csv", "xlsx", "pdf"].map((ext) => `/admin/report.${ext}?${QUERY}`)) {
      for (const [cookie, to] of [
        [provinceCookie, "/admin/province"],
        [null, "/admin/login"],
      ] as const) {
        const response = await get(path, cookie);
        expect(response.status, path).toBe(303);
        expect(response.headers.get("location"), path).toBe(to);
        expect(response.headers.get("content-disposition"), path).toBeNull();
        expect(await response.text(), path).not.toContain("Thôn A");
      }
    }
  });
});
