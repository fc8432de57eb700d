import { vietnameseDate, vietnameseDay } from "@hvs/shared/periods";
import PDFDocument from "pdfkit";
import { FONT_ROLES, fontBytes } from "../certificates/fonts";
import { drawTable } from "./pdf-table";
import type { ReportTable } from "./report-table";

type Doc = PDFKit.PDFDocument;

// Margins of an administrative paper (Decree 30/2020): 30 mm at the bound left edge, 15 mm right, 20 mm
// top and bottom — in points.
const MARGINS = { top: 57, bottom: 57, left: 85, right: 43 };
// Past six columns a portrait page leaves each too narrow for a header of a few words.
const PORTRAIT_MAX_COLUMNS = 6;
const HEADING_SIZE = 11.5;
const MOTTO_SIZE = 12;
const NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const MOTTO = "Độc lập - Tự do - Hạnh phúc";
const NOTE_SIZE = 10;
const NOTES_GAP = 12;
const SIGNATURES_GAP = 22;
const SIGNERS = ["NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN XÃ"];
const SIGN_HINT = "(Ký, ghi rõ họ tên)";
// Room under each signer for a hand signature (and, on the right, the commune's seal).
const SIGNATURE_SPACE = 72;

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

function rule(doc: Doc, centre: number, y: number, width: number): void {
  doc
    .moveTo(centre - width / 2, y)
    .lineTo(centre + width / 2, y)
    .lineWidth(0.7)
    .strokeColor("#000000")
    .stroke();
}

interface Heading {
  commune: string;
  title: string;
  placeAndDate: string;
  period: string;
}

// Worded before the document is started, so a malformed date fails the call and not a half-written PDF.
function headingOf(table: ReportTable): Heading {
  return {
    commune: table.communeName.toLocaleUpperCase("vi"),
    title: table.title.toLocaleUpperCase("vi"),
    placeAndDate: `${table.place}, ${vietnameseDate(table.signedOn)}`,
    period: `Kỳ báo cáo: từ ngày ${vietnameseDay(table.period.from)} đến ngày ${vietnameseDay(table.period.to)}`,
  };
}

/**
 * The two blocks every administrative paper opens with, the issuing body on the left and the country's name
 * and motto on the right, each centred in its block over a short rule; then the place and date, the title
 * and the period.
 */
function drawHeading(doc: Doc, heading: Heading): void {
  const left = doc.page.margins.left;
  const top = doc.page.margins.top;
  const content = contentWidth(doc);
  doc.font("serifBold").fontSize(HEADING_SIZE);
  const rightWidth = doc.widthOfString(NATIONAL_TITLE) + 12;
  const leftWidth = content - rightWidth;
  const rightX = left + leftWidth;

  doc.text("ỦY BAN NHÂN DÂN", left, top, { width: leftWidth, align: "center" });
  doc.text(heading.commune, left, doc.y, { width: leftWidth, align: "center" });
  rule(doc, left + leftWidth / 2, doc.y + 2, Math.min(doc.widthOfString(heading.commune), leftWidth) / 2);
  const leftBottom = doc.y + 2;

  doc.text(NATIONAL_TITLE, rightX, top, { width: rightWidth, align: "center" });
  doc.fontSize(MOTTO_SIZE).text(MOTTO, rightX, doc.y, { width: rightWidth, align: "center" });
  rule(doc, rightX + rightWidth / 2, doc.y + 1, doc.widthOfString(MOTTO));
  doc.y = Math.max(leftBottom, doc.y + 1);

  doc.moveDown(0.8);
  doc.font("serifItalic").fontSize(12).text(heading.placeAndDate, left, doc.y, { width: content, align: "right" });
  doc.moveDown(1.2);
  doc.font("serifBold").fontSize(13).text(heading.title, left, doc.y, { width: content, align: "center" });
  doc.moveDown(0.2);
  doc.font("serif").fontSize(12).text(heading.period, left, doc.y, { width: content, align: "center" });
  doc.moveDown(1);
}

const noteLines = (notes: string[]) => (notes.length === 0 ? [] : ["Ghi chú:", ...notes.map((note) => `- ${note}`)]);
const noteFont = (index: number) => (index === 0 ? "serifBold" : "serif");

// Each closing part is measured by the same rules it is drawn with, so the table can keep its last rows
// on the page that has room for them.
function notesHeight(doc: Doc, notes: string[]): number {
  const width = contentWidth(doc);
  const lines = noteLines(notes);
  const heights = lines.map((line, i) => doc.font(noteFont(i)).fontSize(NOTE_SIZE).heightOfString(line, { width }));
  return lines.length === 0 ? 0 : NOTES_GAP + heights.reduce((a, b) => a + b, 0);
}

function signaturesHeight(doc: Doc): number {
  const half = contentWidth(doc) / 2;
  const signer = Math.max(...SIGNERS.map((s) => doc.font("serifBold").fontSize(12).heightOfString(s, { width: half })));
  const hint = doc.font("serifItalic").fontSize(11).heightOfString(SIGN_HINT, { width: half });
  return signer + hint + SIGNATURE_SPACE;
}

// Small print under the table; pdfkit wraps each note to the page and carries it onto a new page if need be.
function drawNotes(doc: Doc, notes: string[]): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  noteLines(notes).forEach((line, i) => {
    if (i === 0) doc.y += NOTES_GAP;
    doc.font(noteFont(i)).fontSize(NOTE_SIZE).text(line, left, doc.y, { width });
  });
}

// The two signatures side by side, each over the space to sign in; never split from each other.
function drawSignatures(doc: Doc): void {
  const left = doc.page.margins.left;
  const half = contentWidth(doc) / 2;
  doc.y += SIGNATURES_GAP;
  if (doc.y + signaturesHeight(doc) > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y;
  SIGNERS.forEach((signer, i) => {
    const x = left + i * half;
    doc.font("serifBold").fontSize(12).text(signer, x, top, { width: half, align: "center" });
    doc.font("serifItalic").fontSize(11).text(SIGN_HINT, x, doc.y, { width: half, align: "center" });
  });
}

/**
 * The commune report as it is printed, signed and stamped: heading, title and period, the table (landscape
 * past six columns, the header row repeated on every page), the notes and the signature block. Fonts are
 * embedded; the dates inside the file come from the signing day, so the same report gives the same bytes.
 */
export async function reportToPdf(table: ReportTable): Promise<Buffer> {
  const heading = headingOf(table);
  const signed = new Date(`${table.signedOn}T00:00:00Z`);
  const doc = new PDFDocument({
    size: "A4",
    layout: table.columns.length > PORTRAIT_MAX_COLUMNS ? "landscape" : "portrait",
    margins: MARGINS,
    lang: "vi-VN",
    displayTitle: true,
    info: {
      Title: `${table.title} — ${table.communeName}`,
      Author: "Học Vụ Số",
      Creator: "Học Vụ Số",
      CreationDate: signed,
      ModDate: signed,
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  // A fresh font per document, as render-pdf.ts explains: a shared one loses letters from later PDFs' text.
  for (const role of FONT_ROLES) doc.registerFont(role, fontBytes(role));

  drawHeading(doc, heading);
  drawTable(doc, table, notesHeight(doc, table.notes) + SIGNATURES_GAP + signaturesHeight(doc));
  drawNotes(doc, table.notes);
  drawSignatures(doc);
  doc.end();
  return done;
}
