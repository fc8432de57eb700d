import { isDay } from "@hvs/shared/periods";
import type { PopulationInput } from "./populations";
import { MAX_ADULTS_PER_VILLAGE } from "./populations";

export const POPULATION_HEADERS = ["Thôn", "Số người trưởng thành", "Áp dụng từ ngày"] as const;

export type ImportResult = { ok: true; entries: PopulationInput[] } | { ok: false; problems: string[] };

/** Lower case, one space, NFC: "  THÔN  Đồng Tâm" and "thôn đồng tâm" name the same village. */
function key(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
}

function unaccented(text: string): string {
  return key(text).normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
}

/**
 * "1.234" (Vietnamese thousands), "1,234", "1 234" and "1234" are all 1234. Groups must be whole
 * thousands: "12,5" or "1.2345" is something else someone typed, not a headcount.
 */
function parseCount(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t) && !/^\d{1,3}([.,\s]\d{3}){1,2}$/.test(t)) return null;
  return Number(t.replace(/[\s.,]/g, ""));
}

/** 2026-01-01, 01/01/2026 or 1/1/2026 (Vietnamese day-first). */
function parseDay(text: string): string | null {
  const t = text.trim();
  if (isDay(t)) return t;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!m) return null;
  const day = `${m[3]}-${(m[2] as string).padStart(2, "0")}-${(m[1] as string).padStart(2, "0")}`;
  return isDay(day) ? day : null;
}

/**
 * Reads an imported sheet (rows of cells, from CSV or XLSX) into population figures. The first row must
 * name the three columns (in any order); each later row is one village. Nothing is applied unless every
 * row is right, and every problem is listed with its line number, so staff fix the file and send it again.
 */
export function readPopulationSheet(rows: string[][], villages: { id: number; name: string }[], today: string): ImportResult {
  const problems: string[] = [];
  const header = (rows[0] ?? []).map(key);
  const column = (names: string[]) => header.findIndex((h) => names.includes(h));
  const nameCol = column(["thôn", "tên thôn", "thôn/làng", "thôn, làng"]);
  const adultsCol = column(["số người trưởng thành", "người trưởng thành", "số người từ 15 tuổi"]);
  const fromCol = column(["áp dụng từ ngày", "từ ngày", "ngày áp dụng"]);
  if (nameCol < 0 || adultsCol < 0 || fromCol < 0) {
    return {
      ok: false,
      problems: [`Dòng 1 phải là tiêu đề gồm ba cột: ${POPULATION_HEADERS.map((h) => `\u201c${h}\u201d`).join(", ")}.`],
    };
  }
  const byName = new Map(villages.map((v) => [key(v.name), v]));
  const byUnaccented = new Map<string, { id: number; name: string } | null>();
  for (const v of villages) byUnaccented.set(unaccented(v.name), byUnaccented.has(unaccented(v.name)) ? null : v);

  const entries: PopulationInput[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    if (row.every((cell) => cell.trim() === "")) return;
    const name = row[nameCol]?.trim() ?? "";
    const village = byName.get(key(name)) ?? byUnaccented.get(unaccented(name)) ?? undefined;
    const adults = parseCount(row[adultsCol] ?? "");
    const from = parseDay(row[fromCol] ?? "");
    if (!village) problems.push(`Dòng ${line}: không có thôn \u201c${name}\u201d trong xã.`);
    if (adults === null) problems.push(`Dòng ${line}: số người trưởng thành \u201c${row[adultsCol] ?? ""}\u201d không phải số nguyên.`);
    else if (adults > MAX_ADULTS_PER_VILLAGE) problems.push(`Dòng ${line}: số người trưởng thành quá lớn.`);
    if (from === null)
      problems.push(`Dòng ${line}: ngày \u201c${row[fromCol] ?? ""}\u201d không hợp lệ (viết 01/01/2026 hoặc 2026-01-01).`);
    else if (from > today) problems.push(`Dòng ${line}: ngày áp dụng không được sau hôm nay.`);
    if (!village || adults === null || adults > MAX_ADULTS_PER_VILLAGE || from === null || from > today) return;
    const twice = seen.get(`${village.id}:${from}`);
    if (twice !== undefined) problems.push(`Dòng ${line}: trùng thôn và ngày với dòng ${twice}.`);
    seen.set(`${village.id}:${from}`, line);
    entries.push({ villageId: village.id, adults, effectiveFrom: from });
  });
  if (problems.length === 0 && entries.length === 0) problems.push("Tệp không có dòng số liệu nào dưới dòng tiêu đề.");
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}
