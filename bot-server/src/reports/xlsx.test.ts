import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { sampleTable } from "./sample-table";
import { readXlsxRows, reportToXlsx } from "./xlsx";

describe("reportToXlsx", () => {
  it("reads back as the header, the rows, the totals, a blank row and the notes", async () => {
    const table = sampleTable();
    expect(await readXlsxRows(await reportToXlsx(table))).toEqual([
      ["Thôn, làng", "Số người đăng ký học", "Số người hoàn thành", "Tỷ lệ hoàn thành (%)"],
      ["Thôn Đồng Tâm", "412", "330", "80.1"],
      ["Làng Kon Sơ, Ia Broăi", "1234", "895", "72.5"],
      ['Buôn "Ea Tiêu"', "96", "0"],
      ["=Tổ dân phố 3", "58", "41", "70.7"],
      ["Toàn xã", "1800", "1266", "70.3"],
      [],
      ...table.notes.map((note) => [note]),
    ]);
  });

  it("stores numbers as numbers with display formats, names the sheet and the workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    // exceljs types load() as taking its own ArrayBuffer-like "Buffer"; it reads a Node Buffer.
    await workbook.xlsx.load((await reportToXlsx(sampleTable())) as unknown as ExcelJS.Buffer);
    expect(workbook.creator).toBe("Học Vụ Số");
    expect(workbook.title).toBe("Báo cáo kết quả thực hiện phong trào Bình dân học vụ số");
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe("Báo cáo");
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet?.getRow(1).font?.bold).toBe(true);
    expect(sheet?.getCell("B3").value).toBe(1234);
    expect(sheet?.getCell("B3").numFmt).toBe("#,##0");
    expect(sheet?.getCell("D3").value).toBe(72.5);
    expect(sheet?.getCell("D3").numFmt).toBe("0.0");
    expect(sheet?.getCell("A6").font?.bold).toBe(true);
  });
});

describe("readXlsxRows", () => {
  it("writes a date cell as YYYY-MM-DD, a number plainly, rich text and a formula as what they show", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Dữ liệu");
    sheet.getCell("A1").value = new Date(Date.UTC(2026, 0, 1));
    sheet.getCell("A1").numFmt = "dd/mm/yyyy";
    sheet.getCell("B1").value = 330;
    sheet.getCell("B1").numFmt = "#,##0";
    sheet.getCell("A3").value = { richText: [{ text: "Thôn " }, { text: "Đồng Tâm", font: { bold: true } }] };
    sheet.getCell("C3").value = { formula: "B1*2", result: 660 };
    sheet.getCell("E3").value = null;
    const rows = await readXlsxRows(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(rows).toEqual([["2026-01-01", "330"], [], ["Thôn Đồng Tâm", "", "660"]]);
  });

  it("throws a clear error on bytes that are not a workbook", async () => {
    await expect(readXlsxRows(randomBytes(2048))).rejects.toThrow(/not an Excel workbook/);
  });
});
