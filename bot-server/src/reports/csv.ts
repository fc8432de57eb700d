import { roundPercent } from "./percent";
import type { ReportCell, ReportColumn, ReportTable } from "./report-table";

// Excel on Windows reads a CSV without a byte-order mark in the ANSI code page and garbles every
// Vietnamese letter; with it, Excel (and LibreOffice, Google Sheets) take the file as UTF-8.
const BOM = "\uFEFF";
// RFC 4180 ends records with CRLF; Excel and every spreadsheet read it, and so does parseCsv.
const CRLF = "\r\n";

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"): a
// village name typed as "=HYPERLINK(…)" must open as text, so it gets the apostrophe Excel itself uses.
const FORMULA_START = /^[=+\-@\t\r]/;

function field(cell: ReportCell, column: ReportColumn | undefined): string {
  if (cell === null) return "";
  // Numbers stay machine-readable: plain digits, a dot decimal, never an apostrophe (-5 is a number).
  if (typeof cell === "number") return String(column?.kind === "percent" ? roundPercent(cell) : cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function record(cells: ReportCell[], columns: ReportColumn[]): string {
  return cells.map((cell, i) => field(cell, columns[i])).join(",");
}

/**
 * The table alone, header row then rows then the totals: no title or notes lines, so it opens in a
 * spreadsheet, or goes into another program, as one clean table whose first row names the columns.
 */
export function reportToCsv(table: ReportTable): string {
  const records = [
    record(
      table.columns.map((c) => c.header),
      [],
    ),
    ...table.rows.map((row) => record(row, table.columns)),
    record(table.totals, table.columns),
  ];
  return BOM + records.map((r) => r + CRLF).join("");
}

const DELIMITERS = [",", ";", "\t"] as const;

// Excel saves "CSV" with the list separator of the computer's region, which is ";" in Vietnamese
// (the comma is the decimal mark there); a tab comes from copying cells out. The first record decides,
// counting only outside quotes; a tie keeps the comma.
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ",";
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * Rows of fields from a CSV a person saved or exported: a leading BOM is dropped, the delimiter is
 * detected, quoted fields may hold delimiters, doubled quotes and line breaks, and nothing is trimmed.
 * A blank line reads as []; blank lines (or lines of empty fields) at the end are dropped, as spreadsheets
 * leave them. Throws on a quote that is never closed, which means the file is cut off or not CSV.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const delimiter = detectDelimiter(input);
  const rows: string[][] = [];
  let row: string[] = [];
  let value = "";
  // A quote opens a quoted field only as its first character; elsewhere it is kept as is, as Excel does.
  let atFieldStart = true;
  let line = 1;

  const endRow = () => {
    // Nothing read on the line at all: a blank line, [] rather than [""].
    if (row.length > 0 || !atFieldStart) row.push(value);
    rows.push(row);
    row = [];
    value = "";
    atFieldStart = true;
  };

  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch === '"' && atFieldStart) {
      const openedOn = line;
      atFieldStart = false;
      i++;
      for (;;) {
        if (i >= input.length) throw new Error(`CSV: the quoted field opened on line ${openedOn} is never closed`);
        const c = input[i];
        i++;
        if (c === '"') {
          // A doubled quote is one quote character; a single one closes the field.
          if (input[i] !== '"') break;
          i++;
        } else if (c === "\n") line++;
        value += c;
      }
      continue;
    }
    if (ch === delimiter) {
      row.push(value);
      value = "";
      atFieldStart = true;
    } else if (ch === "\r" || ch === "\n") {
      // CRLF, LF or a lone CR (old Mac files) each end one record.
      if (ch === "\r" && input[i + 1] === "\n") i++;
      line++;
      endRow();
    } else {
      atFieldStart = false;
      value += ch;
    }
    i++;
  }
  if (row.length > 0 || !atFieldStart) endRow();
  while (rows.length > 0 && (rows.at(-1) ?? []).every((f) => f === "")) rows.pop();
  return rows;
}
