/**
 * Text folding for matching what people type in Zalo. Many elderly learners type without diacritics
 * ("cai vneid the nao"), in capitals, or with emoji, so every comparison happens on a folded form.
 */

// Only the combining diacritics block: emoji carry marks too (U+FE0F variation selector), which are not Vietnamese.
const VIETNAMESE_MARK = /[\u0300-\u036f]/;

/** Lowercase, no diacritics, đ→d, anything but letters and digits becomes one space: "Cài VNeID thế nào?" → "cai vneid the nao". */
export function fold(text: string): string {
  return text
    .normalize("NFC")
    .toLocaleLowerCase("vi")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function foldedWords(text: string): string[] {
  const folded = fold(text);
  return folded === "" ? [] : folded.split(" ");
}

/** True when the text carries any Vietnamese mark or đ: the only way to tell "dừng" (stop) from "đúng" (correct). */
export function hasDiacritics(text: string): boolean {
  return /[đĐ]/.test(text) || VIETNAMESE_MARK.test(text.normalize("NFD"));
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: a swap of two neighbours costs 1, as in "mnue"),
 * giving up with max + 1 as soon as the answer must exceed max: we only ever ask "is this within 1 or 2?".
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previousRow: number[] = [];
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const before = previousRow;
    previousRow = row;
    row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previousRow[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previousRow[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      row[j] = best;
      rowMin = Math.min(rowMin, best);
    }
    if (rowMin > max) return max + 1;
  }
  const distance = row[b.length] ?? 0;
  return distance > max ? max + 1 : distance;
}
