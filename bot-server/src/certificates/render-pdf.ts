import PDFDocument from "pdfkit";
import { FONT_ROLES, fontBytes } from "./fonts";
import type { CertificateView } from "./render";
import { type LayoutItem, layoutCertificate } from "./render-layout";

type Doc = PDFKit.PDFDocument;

function draw(doc: Doc, item: LayoutItem): void {
  switch (item.kind) {
    case "frame":
      doc.rect(item.x, item.y, item.w, item.h).lineWidth(item.width).strokeColor(item.color).stroke();
      return;
    case "line":
      doc.moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).lineWidth(item.width).strokeColor(item.color).stroke();
      return;
    case "qr":
      // Vector modules: sharp at any printer resolution, and a few hundred bytes instead of an image.
      for (const run of item.runs) {
        doc.rect(item.x + run.col * item.module, item.y + run.row * item.module, run.length * item.module, item.module);
      }
      doc.fillColor("#000000").fill();
      return;
    case "text": {
      doc.font(item.font).fontSize(item.size).fillColor(item.color);
      const width = doc.widthOfString(item.text);
      const x = item.anchor === "middle" ? item.x - width / 2 : item.anchor === "end" ? item.x - width : item.x;
      // No width given: pdfkit then never wraps nor starts a new page, it sets the one line where we say.
      doc.text(item.text, x, item.y, { baseline: "alphabetic", lineBreak: false });
      return;
    }
    case "stamp": {
      doc.save();
      doc.rotate(item.angle, { origin: [item.cx, item.cy] });
      doc.font("sansBold").fontSize(item.size).fillColor(item.color).fillOpacity(item.opacity);
      const width = doc.widthOfString(item.text);
      doc.text(item.text, item.cx - width / 2, item.cy + item.size * 0.36, { baseline: "alphabetic", lineBreak: false });
      doc.restore();
      return;
    }
  }
}

/** A4 landscape, fonts embedded (subset), the same bytes for the same view. */
export async function renderCertificatePdf(view: CertificateView): Promise<Buffer> {
  const layout = layoutCertificate(view);
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    lang: "vi-VN",
    displayTitle: true,
    info: {
      Title: layout.title,
      Author: "Học Vụ Số",
      Subject: layout.subject,
      Creator: "Học Vụ Số",
      Keywords: `${view.serial} ${view.contentVersion}`,
      CreationDate: layout.issuedAt,
      ModDate: layout.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  // A fresh fontkit font for every document, though decoding its tables again costs ~100 ms: a shared one remembers glyphs
  // that one PDF's subsetting looked up without their characters, and the next PDF then loses those
  // letters ("của" extracting as "củ") from its text layer.
  for (const role of FONT_ROLES) doc.registerFont(role, fontBytes(role));
  for (const item of layout.items) draw(doc, item);
  doc.end();
  return done;
}
