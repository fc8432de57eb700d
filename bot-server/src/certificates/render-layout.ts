import { vietnameseDate } from "@hvs/shared/periods";
import QRCode from "qrcode";
import { type FontRole, textWidth } from "./fonts";
import type { CertificateView } from "./render";

/**
 * Where everything on a certificate goes, worked out once and drawn by two backends (pdfkit for the PDF,
 * an SVG rasterised by resvg for the image), so the printed paper and the picture shared on Zalo never
 * say different things. Units are PDF points on an A4 landscape page, origin top left, y down; text
 * positions are baselines.
 */
export const PAGE = { width: 841.89, height: 595.28 } as const;

export interface TextItem {
  kind: "text";
  text: string;
  x: number;
  y: number;
  size: number;
  font: FontRole;
  color: string;
  anchor: "start" | "middle" | "end";
}

export interface LineItem {
  kind: "line";
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  color: string;
}

export interface FrameItem {
  kind: "frame";
  x: number;
  y: number;
  w: number;
  h: number;
  width: number;
  color: string;
}

/** Dark modules as horizontal runs, so each backend draws a few hundred rectangles rather than a thousand. */
export interface QrItem {
  kind: "qr";
  x: number;
  y: number;
  module: number;
  runs: { row: number; col: number; length: number }[];
}

/** The "no longer valid" mark across the page; centre and angle in page units and degrees (negative rises to the right). */
export interface StampItem {
  kind: "stamp";
  text: string;
  cx: number;
  cy: number;
  size: number;
  angle: number;
  color: string;
  opacity: number;
}

export type LayoutItem = TextItem | LineItem | FrameItem | QrItem | StampItem;

export interface CertificateLayout {
  /** Document title for the PDF metadata and the image's <title>. */
  title: string;
  subject: string;
  /** The issue date at midnight in Vietnam: a fixed CreationDate keeps the same view rendering to the same bytes. */
  issuedAt: Date;
  items: LayoutItem[];
}

const RED = "#8f1d1d";
const GOLD = "#b08a45";
const INK = "#1f2933";
const MUTED = "#52606d";

const CENTER = PAGE.width / 2;

const VALIDITY_NOTE: Record<"revoked" | "withdrawn", { stamp: string; banner: string }> = {
  revoked: { stamp: "ĐÃ THU HỒI", banner: "ĐÃ THU HỒI — Giấy chứng nhận này không còn giá trị." },
  withdrawn: {
    stamp: "ĐÃ RÚT THEO YÊU CẦU",
    banner: "ĐÃ RÚT THEO YÊU CẦU của người học — Giấy chứng nhận này không còn giá trị.",
  },
};

// Administrative units written inside a sentence take a small letter: "phong trào … xã Ea Tiêu".
const UNIT_PREFIXES = ["Xã ", "Phường ", "Thị trấn ", "Đặc khu "];

export function communeInSentence(communeName: string): string {
  const prefix = UNIT_PREFIXES.find((p) => communeName.startsWith(p));
  return prefix ? prefix.toLowerCase() + communeName.slice(prefix.length) : communeName;
}

/** The largest size up to `preferred` at which `text` fits in `maxWidth`, never below `min`. */
function fitSize(text: string, font: FontRole, preferred: number, maxWidth: number, min: number): number {
  const width = textWidth(text, font, preferred);
  if (width <= maxWidth) return preferred;
  return Math.max(min, Math.floor(((preferred * maxWidth) / width) * 2) / 2);
}

function text(
  value: string,
  x: number,
  y: number,
  size: number,
  font: FontRole,
  color = INK,
  anchor: TextItem["anchor"] = "middle",
): TextItem {
  return { kind: "text", text: value, x, y, size, font, color, anchor };
}

function qrItem(url: string, x: number, y: number, side: number): QrItem {
  // Level M survives a smudged print or a cracked phone screen and still fits a long URL in a small version.
  const { modules } = QRCode.create(url, { errorCorrectionLevel: "M" });
  const runs: QrItem["runs"] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      runs.push({ row, col: start, length: col - start });
    }
  }
  return { kind: "qr", x, y, module: side / modules.size, runs };
}

export function layoutCertificate(input: CertificateView): CertificateLayout {
  // Names typed on a phone may arrive decomposed (e + combining marks); NFC picks the font's composed
  // glyphs, which draw the marks in the right place and extract from the PDF as the same letters.
  const v = {
    serial: input.serial.normalize("NFC"),
    displayName: input.displayName.normalize("NFC").trim(),
    programTitle: input.programTitle.normalize("NFC").trim(),
    communeName: input.communeName.normalize("NFC").trim(),
    contentVersion: input.contentVersion.normalize("NFC"),
    verifyUrl: input.verifyUrl,
  };
  const date = vietnameseDate(input.issuedOn);
  const items: LayoutItem[] = [];

  // A double rule, red outside and gold inside: a border a commune office would recognise, no emblem.
  items.push({ kind: "frame", x: 18, y: 18, w: PAGE.width - 36, h: PAGE.height - 36, width: 2.5, color: RED });
  items.push({ kind: "frame", x: 26, y: 26, w: PAGE.width - 52, h: PAGE.height - 52, width: 0.8, color: GOLD });

  items.push(text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", CENTER, 66, 13, "serifBold"));
  const motto = "Độc lập - Tự do - Hạnh phúc";
  items.push(text(motto, CENTER, 84, 13, "serifBold"));
  const mottoHalf = textWidth(motto, "serifBold", 13) / 2;
  items.push({ kind: "line", x1: CENTER - mottoHalf, y1: 90, x2: CENTER + mottoHalf, y2: 90, width: 0.8, color: INK });

  const status = input.status ?? "valid";
  if (status !== "valid") {
    const note = VALIDITY_NOTE[status];
    items.push(text(note.banner, CENTER, 112, fitSize(note.banner, "sansBold", 12, PAGE.width - 120, 8), "sansBold", RED));
  }

  items.push(text("GIẤY CHỨNG NHẬN", CENTER, 158, 38, "serifBold", RED));
  items.push(text("Hoàn thành chương trình", CENTER, 190, 15, "serifItalic", MUTED));
  items.push(text(v.programTitle, CENTER, 222, fitSize(v.programTitle, "serifBold", 24, 640, 12), "serifBold"));

  items.push({ kind: "line", x1: CENTER - 60, y1: 242, x2: CENTER + 60, y2: 242, width: 0.8, color: GOLD });

  items.push(text("Cấp cho", CENTER, 272, 14, "serifItalic", MUTED));
  items.push(text(v.displayName, CENTER, 314, fitSize(v.displayName, "serifBold", 34, 660, 14), "serifBold", RED));
  const place = `Địa phương: ${v.communeName}`;
  items.push(text(place, CENTER, 344, fitSize(place, "serif", 15, 640, 9), "serif"));

  // Lower left: the QR and what identifies this paper. Lower right, where a signature would usually
  // stand, the place and date and who vouches for it: the learning system, never an official or a seal.
  const qrSide = 118;
  const qrTop = 392;
  items.push(qrItem(v.verifyUrl, 62, qrTop, qrSide));
  items.push(text("Quét mã để kiểm tra", 62 + qrSide / 2, qrTop + qrSide + 13, 8.5, "sans", MUTED));

  const idX = 200;
  items.push(text("Số hiệu", idX, 430, 9.5, "sans", MUTED, "start"));
  items.push(text(v.serial, idX, 448, 14, "sansBold", INK, "start"));
  items.push(text("Phiên bản nội dung", idX, 474, 9.5, "sans", MUTED, "start"));
  items.push(text(v.contentVersion, idX, 490, 11, "sans", INK, "start"));

  const rightX = 612;
  const dated = `${v.communeName}, ${date}`;
  items.push(text(dated, rightX, 420, fitSize(dated, "serifItalic", 13, 360, 8), "serifItalic"));
  items.push(text("Xác nhận bởi hệ thống Học Vụ Số", rightX, 452, 13, "serifBold"));
  const movement = `phong trào Bình dân học vụ số ${communeInSentence(v.communeName)}`;
  items.push(text(movement, rightX, 470, fitSize(movement, "serif", 12, 360, 8), "serif"));

  const check = `Kiểm tra chứng nhận: ${v.verifyUrl}`;
  items.push(text(check, CENTER, 542, fitSize(check, "sans", 10, PAGE.width - 120, 6), "sans"));
  const disclaimer = "Giấy chứng nhận do hệ thống Học Vụ Số cấp tự động; không phải văn bằng, chứng chỉ của hệ thống giáo dục quốc dân.";
  items.push(text(disclaimer, CENTER, 557, 7.5, "sans", MUTED));

  if (status !== "valid") {
    const stamp = VALIDITY_NOTE[status].stamp;
    items.push({
      kind: "stamp",
      text: stamp,
      // Kept off the QR code, which must still scan: it is how a holder learns the paper's real status.
      cx: CENTER,
      cy: 286,
      size: fitSize(stamp, "sansBold", 72, 480, 24),
      angle: -20,
      color: "#c81e1e",
      opacity: 0.32,
    });
  }

  return {
    title: `Giấy chứng nhận ${v.serial} — ${v.displayName}`,
    subject: `Hoàn thành chương trình ${v.programTitle} — ${v.communeName}`,
    issuedAt: new Date(`${input.issuedOn}T00:00:00+07:00`),
    items,
  };
}
