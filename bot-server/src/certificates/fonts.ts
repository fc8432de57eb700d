import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { create, type Font } from "fontkit";

/**
 * The certificate's fonts: DejaVu (Bitstream Vera licence, DejaVu changes in the public domain), shipped
 * by the `dejavu-fonts-ttf` package. It covers every Vietnamese letter and the marks of minority-language
 * names (ơ, ư, đ, ŏ…), and as plain TTF both pdfkit and resvg read it, so a fresh machine with no system
 * fonts renders the same certificate as a developer's.
 */
export type FontRole = "serif" | "serifBold" | "serifItalic" | "sans" | "sansBold";

interface FontFace {
  file: string;
  /** What an SVG names it by: resvg matches family, weight and style against the file's own tables. */
  family: "DejaVu Serif" | "DejaVu Sans";
  weight: "normal" | "bold";
  style: "normal" | "italic";
}

export const FONT_FACES: Record<FontRole, FontFace> = {
  serif: { file: "DejaVuSerif.ttf", family: "DejaVu Serif", weight: "normal", style: "normal" },
  serifBold: { file: "DejaVuSerif-Bold.ttf", family: "DejaVu Serif", weight: "bold", style: "normal" },
  serifItalic: { file: "DejaVuSerif-Italic.ttf", family: "DejaVu Serif", weight: "normal", style: "italic" },
  sans: { file: "DejaVuSans.ttf", family: "DejaVu Sans", weight: "normal", style: "normal" },
  sansBold: { file: "DejaVuSans-Bold.ttf", family: "DejaVu Sans", weight: "bold", style: "normal" },
};

export const FONT_ROLES = Object.keys(FONT_FACES) as FontRole[];

// Resolved from this file rather than the cwd: the server, the tests and the CLI start from different folders.
const require = createRequire(import.meta.url);

export function fontPath(role: FontRole): string {
  return require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FACES[role].file}`);
}

// Read once per process: every certificate uses the same few hundred kilobytes.
const bytes = new Map<FontRole, Buffer>();
const parsed = new Map<FontRole, Font>();

export function fontBytes(role: FontRole): Buffer {
  let data = bytes.get(role);
  if (!data) {
    data = readFileSync(fontPath(role));
    bytes.set(role, data);
  }
  return data;
}

// Parsed once, for measuring only: render-pdf.ts says why pdfkit gets its own copy.
function parsedFont(role: FontRole): Font {
  let f = parsed.get(role);
  if (!f) {
    const opened = create(fontBytes(role));
    if (!("layout" in opened)) throw new Error(`${FONT_FACES[role].file} is a font collection, expected a single font`);
    f = opened;
    parsed.set(role, f);
  }
  return f;
}

/** Width in points of `text` set at `size`, shaped the way pdfkit shapes it (kerning included). */
export function textWidth(text: string, role: FontRole, size: number): number {
  const f = parsedFont(role);
  return (f.layout(text).advanceWidth / f.unitsPerEm) * size;
}
