import { HouseholdLabel } from "@hvs/shared/family";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { households } from "../db/schema";
import { vietnamDay } from "../indicators/milestones";

export const HOUSEHOLD_IMPORT_HEADERS = ["Mã hộ", "Thôn", "Tên hộ", "Có điện thoại thông minh"] as const;

/** A row of the file: an existing household to correct (`id`), or a new one. */
export interface HouseholdEntry {
  id: number | null;
  villageId: number;
  label: string;
  hasSmartphone: boolean;
}

/** A household of the commune as the file is checked against it. */
export interface KnownHousehold {
  id: number;
  villageId: number;
  label: string;
}

export type HouseholdImportResult = { ok: true; entries: HouseholdEntry[] } | { ok: false; problems: string[] };

/** Lower case, one space, NFC: "  THÔN  Đồng Tâm" and "thôn đồng tâm" are the same. */
function key(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
}

/** Also without diacritics: "thon dong tam" is typed on a keyboard without Vietnamese input. */
function unaccented(text: string): string {
  return key(text).normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
}

const YES = new Set(["có", "co", "x", "1", "yes", "true"]);
const NO = new Set(["không", "khong", "0", "no", "false"]);

function parseYesNo(text: string): boolean | null {
  const t = key(text);
  if (YES.has(t) || YES.has(unaccented(t))) return true;
  if (NO.has(t) || NO.has(unaccented(t))) return false;
  return null;
}

/**
 * Reads an imported sheet (rows of cells from CSV or XLSX) into households. The first row names the columns,
 * in any order; "Mã hộ" may be left out (every row is then new), other columns are ignored, so the exported
 * list can be edited and sent back. Nothing is applied unless every row is right, and every problem is
 * listed by line, so staff fix the file once.
 */
export function readHouseholdSheet(
  rows: string[][],
  villages: { id: number; name: string }[],
  known: ReadonlyArray<KnownHousehold>,
): HouseholdImportResult {
  // "Có điện thoại thông minh (Có/Không)": a hint in brackets after a header is not part of its name.
  const header = (rows[0] ?? []).map((h) => key(h.replace(/\([^)]*\)\s*$/, "")));
  const column = (names: string[]) => header.findIndex((h) => names.includes(h) || names.includes(unaccented(h)));
  const codeCol = column(["mã hộ", "ma ho", "mã"]);
  const villageCol = column(["thôn", "thon", "tên thôn", "ten thon", "thôn/làng"]);
  const labelCol = column(["tên hộ", "ten ho", "hộ", "chủ hộ", "chu ho"]);
  const phoneCol = column(["có điện thoại thông minh", "co dien thoai thong minh", "điện thoại thông minh", "dien thoai thong minh"]);
  if (villageCol < 0 || labelCol < 0 || phoneCol < 0) {
    const [, ...needed] = HOUSEHOLD_IMPORT_HEADERS;
    return {
      ok: false,
      problems: [
        `Dòng 1 phải là tiêu đề có các cột ${needed.map((h) => `\u201c${h}\u201d`).join(", ")} (và cột \u201cMã hộ\u201d để sửa hộ đã có).`,
      ],
    };
  }
  const byName = new Map(villages.map((v) => [key(v.name), v]));
  const byUnaccented = new Map<string, { id: number; name: string } | null>();
  // Two villages that differ only by their marks cannot be told apart without them: neither matches then.
  for (const v of villages) byUnaccented.set(unaccented(v.name), byUnaccented.has(unaccented(v.name)) ? null : v);
  const villageName = new Map(villages.map((v) => [v.id, v.name]));
  const knownById = new Map(known.map((h) => [h.id, h]));
  const knownByLabel = new Map(known.map((h) => [`${h.villageId}:${key(h.label)}`, h]));

  const problems: string[] = [];
  const entries: HouseholdEntry[] = [];
  const seenCode = new Map<number, number>();
  const seenLabel = new Map<string, number>();
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    if (row.every((cell) => cell.trim() === "")) return;
    const before = problems.length;
    const codeText = codeCol >= 0 ? (row[codeCol]?.trim() ?? "") : "";
    const name = row[villageCol]?.trim() ?? "";
    const village = byName.get(key(name)) ?? byUnaccented.get(unaccented(name)) ?? undefined;
    const label = HouseholdLabel.safeParse(row[labelCol] ?? "");
    const phoneText = row[phoneCol] ?? "";
    const hasSmartphone = parseYesNo(phoneText);

    let id: number | null = null;
    if (codeText !== "") {
      const code = /^\d{1,12}$/.test(codeText) ? Number(codeText) : null;
      const household = code === null ? undefined : knownById.get(code);
      if (!household) problems.push(`Dòng ${line}: không có hộ mã \u201c${codeText}\u201d trong danh sách của xã.`);
      else if (village && household.villageId !== village.id)
        problems.push(
          `Dòng ${line}: hộ mã ${household.id} thuộc ${villageName.get(household.villageId) ?? "thôn khác"}, không phải ${village.name} (muốn chuyển thôn, hãy xóa hộ ở thôn cũ và thêm ở thôn mới).`,
        );
      else id = household.id;
      if (code !== null && seenCode.has(code)) problems.push(`Dòng ${line}: trùng mã hộ với dòng ${seenCode.get(code)}.`);
      if (code !== null) seenCode.set(code, line);
    }
    if (!village) problems.push(`Dòng ${line}: không có thôn \u201c${name}\u201d trong xã.`);
    if (!label.success) problems.push(`Dòng ${line}: ${label.error.issues[0]?.message ?? "tên hộ không hợp lệ."}`);
    if (hasSmartphone === null)
      problems.push(`Dòng ${line}: cột \u201cCó điện thoại thông minh\u201d ghi \u201c${phoneText.trim()}\u201d; hãy ghi Có hoặc Không.`);
    if (village && label.success) {
      const labelKey = `${village.id}:${key(label.data)}`;
      const twice = seenLabel.get(labelKey);
      if (twice !== undefined) problems.push(`Dòng ${line}: trùng tên hộ và thôn với dòng ${twice}.`);
      seenLabel.set(labelKey, line);
      // The same file sent twice must not make every household twice.
      const existing = knownByLabel.get(labelKey);
      if (codeText === "" && existing)
        problems.push(
          `Dòng ${line}: ${village.name} đã có hộ \u201c${existing.label}\u201d (mã ${existing.id}); ghi mã hộ để sửa hộ đó, hoặc đặt tên khác.`,
        );
    }
    if (problems.length > before || !village || !label.success || hasSmartphone === null) return;
    entries.push({ id, villageId: village.id, label: label.data, hasSmartphone });
  });
  if (problems.length === 0 && entries.length === 0) problems.push("Tệp không có dòng hộ nào dưới dòng tiêu đề.");
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}

/** The commune's households still on the list, as the file is checked against. */
export function knownHouseholds(db: DbOrTx, villageIds: number[]): KnownHousehold[] {
  if (villageIds.length === 0) return [];
  return db
    .select({ id: households.id, villageId: households.villageId, label: households.label })
    .from(households)
    .where(and(inArray(households.villageId, villageIds), isNull(households.removedAt)))
    .all();
}

/** Applies checked entries; call inside one transaction so the file lands whole or not at all. */
export function applyHouseholdImport(tx: DbOrTx, entries: ReadonlyArray<HouseholdEntry>, now: Date): { created: number; updated: number } {
  let created = 0;
  let updated = 0;
  for (const e of entries) {
    if (e.id !== null) {
      tx.update(households).set({ label: e.label, hasSmartphone: e.hasSmartphone }).where(eq(households.id, e.id)).run();
      updated++;
    } else {
      // No client id and no team member: made by staff from a file.
      tx.insert(households)
        .values({ villageId: e.villageId, label: e.label, hasSmartphone: e.hasSmartphone, createdAt: now, createdOn: vietnamDay(now) })
        .run();
      created++;
    }
  }
  return { created, updated };
}
