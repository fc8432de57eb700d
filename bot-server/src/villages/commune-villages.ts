import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { villages } from "../db/schema";

/** Vietnamese alphabetical order (Đ after D, "Làng" before "Thôn"), which SQL's byte order does not give. */
export function byVietnameseName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name, "vi");
}

/** A commune's villages as every staff page lists them. */
export function communeVillages(db: DbOrTx, communeId: number): { id: number; name: string }[] {
  return db
    .select({ id: villages.id, name: villages.name })
    .from(villages)
    .where(eq(villages.communeId, communeId))
    .all()
    .sort(byVietnameseName);
}
