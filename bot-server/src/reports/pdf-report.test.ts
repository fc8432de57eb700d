import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { reportToPdf } from "./pdf-report";
import { sampleTable } from "./sample-table";

/** Each page's text as copy-paste gets it, through a real PDF parser, in NFC, one line per text run. */
async function pagesText(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(
        content.items
          .map((item) => ("str" in item ? item.str : ""))
          .join("\n")
          .normalize("NFC"),
      );
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

// Text that may wrap (the title, a long header) is compared with its line breaks as spaces.
const flat = (text: string) => text.replace(/\s+/g, " ");

// Samples for a person to open, next to the certificate samples (tests/artifacts/ is gitignored).
const artifacts = fileURLToPath(new URL("../../../tests/artifacts/", import.meta.url));

describe("reportToPdf", () => {
  let pdf: Buffer;
  let pages: string[];
  beforeAll(async () => {
    pdf = await reportToPdf(sampleTable());
    pages = await pagesText(pdf);
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(`${artifacts}report-sample.pdf`, pdf);
  });

  it("prints the heading, the period, the rows with Vietnamese numbers, the notes and the signatures", () => {
    expect(pages).toHaveLength(1);
    const text = pages[0] ?? "";
    for (const expected of [
      "ỦY BAN NHÂN DÂN",
      "XÃ IA BROĂI",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Xã Ia Broăi, ngày 05 tháng 11 năm 2026",
      "Kỳ báo cáo: từ ngày 01/10/2026 đến ngày 31/10/2026",
      "Thôn Đồng Tâm",
      "Làng Kon Sơ, Ia Broăi",
      'Buôn "Ea Tiêu"',
      "1.234",
      "72,5%",
      "—",
      "Toàn xã",
      "1.800",
      "Ghi chú:",
      "NGƯỜI LẬP BIỂU",
      "TM. ỦY BAN NHÂN DÂN XÃ",
      "(Ký, ghi rõ họ tên)",
    ]) {
      expect(text).toContain(expected.normalize("NFC"));
    }
    expect(flat(text)).toContain("BÁO CÁO KẾT QUẢ THỰC HIỆN PHONG TRÀO BÌNH DÂN HỌC VỤ SỐ".normalize("NFC"));
    expect(flat(text)).toContain("Người hoàn thành: người đã đạt bài kiểm tra cuối khóa".normalize("NFC"));
  });

  it("carries its title, author and language, and gives the same bytes for the same report", async () => {
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const { info } = await doc.getMetadata();
    const size = (await doc.getPage(1)).view;
    await doc.destroy();
    expect(info).toMatchObject({
      Title: "Báo cáo kết quả thực hiện phong trào Bình dân học vụ số — Xã Ia Broăi",
      Author: "Học Vụ Số",
      Language: "vi-VN",
    });
    expect(size.map(Math.round)).toEqual([0, 0, 595, 842]);
    expect((await reportToPdf(sampleTable())).equals(pdf)).toBe(true);
  });

  it("runs a long table over several pages with the header row on each", async () => {
    const long = await pagesText(await reportToPdf(sampleTable(60)));
    expect(long.length).toBeGreaterThanOrEqual(2);
    // The last page too: the last rows move over with the notes so the signatures never stand alone.
    for (const page of long) {
      expect(flat(page)).toContain("Thôn, làng");
      expect(flat(page)).toContain("Số người hoàn thành");
    }
    expect(long.at(-1)).toContain("Thôn số 60");
    expect(long.at(-1)).toContain("TM. ỦY BAN NHÂN DÂN XÃ");
  });

  it("refuses a signing day that is not a calendar date", async () => {
    await expect(reportToPdf({ ...sampleTable(), signedOn: "2026-02-30" })).rejects.toThrow(/calendar date/);
  });

  it("turns the page to landscape for more than six columns", async () => {
    const table = sampleTable(3);
    table.columns = Array.from({ length: 7 }, (_, i) => ({ header: `Cột số ${i + 1}`, kind: i === 0 ? "text" : "integer" }));
    table.rows = table.rows.map((row) => [row[0] ?? null, 1, 2, 3, 4, 5, 6]);
    table.totals = ["Toàn xã", 3, 6, 9, 12, 15, 18];
    const doc = await getDocument({ data: new Uint8Array(await reportToPdf(table)), verbosity: 0 }).promise;
    const size = (await doc.getPage(1)).view;
    await doc.destroy();
    expect(size.map(Math.round)).toEqual([0, 0, 842, 595]);
  });
});
