import ExcelJS from "exceljs";
import { roundPercent } from "./percent";
import type { ReportCell, ReportColumn, ReportTable } from "./report-table";

// Excel's own limits: at most 31 characters, none of []:*?/\ — this name keeps to both.
const SHEET_NAME = "Báo cáo";

// Display formats only: the cells hold plain numbers, so sums and charts work on them, and each reader's
// Excel shows the grouping and decimal marks of its own region (1.234 and 72,5 on a Vietnamese computer).
const NUMBER_FORMAT: Record<ReportColumn["kind"], string | undefined> = {
  text: undefined,
  integer: "#,##0",
  percent: "0.0",
};

function cellValue(cell: ReportCell, column: ReportColumn | undefined): string | number | null {
  return typeof cell === "number" && column?.kind === "percent" ? roundPercent(cell) : cell;
}

// Wide enough for the longest value, in characters; a long header wraps instead of widening its column.
function columnWidth(table: ReportTable, index: number): number {
  const column = table.columns[index];
  const shown = [...table.rows, table.totals].map((row) => {
    const cell = row[index];
    return typeof cell === "number" ? cell.toLocaleString("en-US").length : (cell ?? "").length;
  });
  const longestHeaderWord = Math.max(...(column?.header ?? "").split(/\s+/).map((w) => w.length));
  const wanted = Math.max(...shown, longestHeaderWord, Math.min(column?.header.length ?? 0, 18));
  return Math.min(Math.max(wanted + 2, 10), 60);
}

/**
 * The report as one worksheet: the header row exactly as the columns name themselves (frozen), the rows,
 * the bold totals, then a blank row and the notes down column A. Numbers are real numbers.
 */
export async function reportToXlsx(table: ReportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Học Vụ Số";
  workbook.title = table.title;
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });

  sheet.columns = table.columns.map((column, i) => ({
    width: columnWidth(table, i),
    style: NUMBER_FORMAT[column.kind] ? { numFmt: NUMBER_FORMAT[column.kind] } : {},
  }));

  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };

  for (const row of table.rows) sheet.addRow(row.map((cell, i) => cellValue(cell, table.columns[i])));
  sheet.addRow(table.totals.map((cell, i) => cellValue(cell, table.columns[i]))).font = { bold: true };

  if (table.notes.length > 0) {
    sheet.addRow([]);
    for (const note of table.notes) sheet.addRow([note]);
  }

  // exceljs types its result as its own ArrayBuffer-like "Buffer"; on Node it is a Node Buffer.
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) {
    // exceljs turns a date cell's serial number into that day at 00:00 UTC, whatever the server's zone.
    if (Number.isNaN(value.getTime())) return "";
    return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1, 2)}-${pad(value.getUTCDate(), 2)}`;
  }
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("error" in value) return value.error;
  // A formula (plain or shared) reads as the result Excel saved with it, as the reader saw it on screen.
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result);
  // A hyperlink's text may itself be rich text, so it goes round once more.
  return cellText(value.text as ExcelJS.CellValue);
}

/**
 * The first worksheet as rows of strings, for importing what a person typed into Excel: numbers
 * unformatted ("1234", "72.5"), dates as YYYY-MM-DD, formulas as their saved result, empty cells "".
 * Each row loses its trailing empty cells; an empty row keeps its place as []. Throws when the bytes
 * are not an XLSX workbook.
 */
export async function readXlsxRows(data: Buffer | Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  try {
    // exceljs's typings want its ArrayBuffer-like "Buffer"; at run time it takes a Node Buffer.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (cause) {
    throw new Error("This file is not an Excel workbook (.xlsx) or it is damaged", { cause });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("This file is not an Excel workbook (.xlsx): it has no worksheet");

  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      // A merged range's value is read once, at its top-left cell; the others would repeat it.
      cells.push(cell.type === ExcelJS.ValueType.Merge ? "" : cellText(cell.value));
    }
    while (cells.length > 0 && cells.at(-1) === "") cells.pop();
    rows.push(cells);
  }
  while (rows.length > 0 && rows.at(-1)?.length === 0) rows.pop();
  return rows;
}
