import type { ReportCell, ReportColumn, ReportTable } from "./report-table";
import { viInteger, viPercent } from "./vi-format";

type Doc = PDFKit.PDFDocument;

const SIZE = 10;
const PAD_X = 4;
const PAD_Y = 3.5;
const RULE = 0.6;
const HEADER_FILL = "#e6e6e6";
const INK = "#000000";
// A long village name may wrap rather than squeeze the number columns: it asks no more than this at least.
const TEXT_MIN = 110;
// How many rows, the totals included, the last page carries above the notes and the signatures.
const TAIL_ROWS = 3;

function cellText(cell: ReportCell, column: ReportColumn | undefined): string {
  if (cell === null) return "—";
  if (typeof cell === "string") return cell;
  if (column?.kind === "integer") return viInteger(cell);
  if (column?.kind === "percent") return viPercent(cell);
  return String(cell);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Column widths that fill `available`: every column first gets its natural width (header on one line,
 * widest value); when that is too wide, headers wrap word by word and long names wrap, and what is left
 * goes to the columns that want it most. Measured in bold, as the header and the totals are set.
 */
function columnWidths(doc: Doc, table: ReportTable, available: number): number[] {
  doc.font("serifBold").fontSize(SIZE);
  const natural: number[] = [];
  const least: number[] = [];
  table.columns.forEach((column, i) => {
    const widest = Math.max(0, ...[...table.rows, table.totals].map((row) => doc.widthOfString(cellText(row[i] ?? null, column))));
    const longestWord = Math.max(0, ...column.header.split(/\s+/).map((word) => doc.widthOfString(word)));
    natural.push(Math.max(doc.widthOfString(column.header), widest) + 2 * PAD_X);
    least.push(Math.max(longestWord, column.kind === "text" ? Math.min(widest, TEXT_MIN) : widest) + 2 * PAD_X);
  });
  if (sum(natural) <= available) {
    const scale = available / sum(natural);
    return natural.map((w) => w * scale);
  }
  const spare = available - sum(least);
  if (spare <= 0) {
    // Too many columns for the page even at their least: shrink them all; pdfkit then breaks inside words.
    const scale = available / sum(least);
    return least.map((w) => w * scale);
  }
  const wanting = natural.map((w, i) => w - (least[i] ?? 0));
  return least.map((w, i) => w + (spare * (wanting[i] ?? 0)) / sum(wanting));
}

interface Row {
  texts: string[];
  font: "serif" | "serifBold";
  header: boolean;
}

/**
 * Draws the table from doc.y down, starting a new page (with the header row again) when a row would not
 * fit. `spaceAfter` is the height of what follows the table and must stay with its last rows.
 */
export function drawTable(doc: Doc, table: ReportTable, spaceAfter: number): void {
  const left = doc.page.margins.left;
  const widths = columnWidths(doc, table, doc.page.width - left - doc.page.margins.right);
  const tableWidth = sum(widths);

  const innerHeight = (row: Row) => {
    doc.font(row.font).fontSize(SIZE);
    return Math.max(
      doc.currentLineHeight(true),
      ...row.texts.map((text, i) => doc.heightOfString(text, { width: (widths[i] ?? 0) - 2 * PAD_X })),
    );
  };

  const drawRow = (row: Row, y: number, height: number) => {
    if (row.header) doc.rect(left, y, tableWidth, height).fillColor(HEADER_FILL).fill();
    doc.font(row.font).fontSize(SIZE).fillColor(INK);
    let x = left;
    row.texts.forEach((text, i) => {
      const width = widths[i] ?? 0;
      const kind = table.columns[i]?.kind ?? "text";
      // Each cell centred vertically, so a one-line value sits level with a header that wrapped to three.
      const textHeight = doc.heightOfString(text, { width: width - 2 * PAD_X });
      const align = row.header ? "center" : kind === "text" ? "left" : "right";
      doc.text(text, x + PAD_X, y + (height - textHeight) / 2, { width: width - 2 * PAD_X, align });
      doc.rect(x, y, width, height).lineWidth(RULE).strokeColor(INK).stroke();
      x += width;
    });
  };

  const header: Row = { texts: table.columns.map((c) => c.header), font: "serifBold", header: true };
  const body: Row[] = [
    ...table.rows.map(
      (cells): Row => ({ texts: table.columns.map((c, i) => cellText(cells[i] ?? null, c)), font: "serif", header: false }),
    ),
    { texts: table.columns.map((c, i) => cellText(table.totals[i] ?? null, c)), font: "serifBold", header: false },
  ];

  const headerHeight = innerHeight(header) + 2 * PAD_Y;
  const heights = body.map((row) => innerHeight(row) + 2 * PAD_Y);
  const top = doc.page.margins.top;
  const bottom = doc.page.height - doc.page.margins.bottom;
  // The last rows, the totals among them, go onto the page that has the notes and the signatures, so a
  // signature never stands alone on a page — unless those together would not fit on any page.
  const tailStart = Math.max(0, body.length - TAIL_ROWS);
  const tailHeight = sum(heights.slice(tailStart)) + spaceAfter;
  const keepTail = headerHeight + tailHeight <= bottom - top;
  const needed = (i: number) => (i === tailStart && keepTail ? tailHeight : (heights[i] ?? 0));

  let y = doc.y;
  const newPage = () => {
    doc.addPage();
    y = top;
  };
  const drawHeader = () => {
    drawRow(header, y, headerHeight);
    y += headerHeight;
  };

  // A header alone at the foot of a page tells the reader nothing: it moves on with the first row. (A
  // table short enough to be all tail stays under the heading it belongs to.)
  if (y + headerHeight + (heights[0] ?? 0) > bottom) newPage();
  drawHeader();
  body.forEach((row, i) => {
    if (i > 0 && y + needed(i) > bottom) {
      newPage();
      drawHeader();
    }
    const height = heights[i] ?? 0;
    drawRow(row, y, height);
    y += height;
  });
  doc.x = left;
  doc.y = y;
}
