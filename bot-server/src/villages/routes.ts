import type { VillageList } from "@hvs/shared/api";
import { asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import type { Db } from "../db/client";
import { communes, villages } from "../db/schema";
import type { AppEnv } from "../http/context";

/** The places a resident can say they live in. Names only: population figures are for staff. */
export function createVillageRoutes({ db }: { db: Db }) {
  return new Hono<AppEnv>().get("/", (c) => {
    const rows = db
      .select({ communeId: communes.id, communeName: communes.name, id: villages.id, name: villages.name })
      .from(villages)
      .innerJoin(communes, eq(communes.id, villages.communeId))
      .orderBy(asc(communes.name), asc(villages.name))
      .all();
    const byCommune = new Map<number, VillageList["communes"][number]>();
    for (const row of rows) {
      const commune = byCommune.get(row.communeId) ?? { id: row.communeId, name: row.communeName, villages: [] };
      commune.villages.push({ id: row.id, name: row.name });
      byCommune.set(row.communeId, commune);
    }
    return c.json({ communes: [...byCommune.values()] } satisfies VillageList, 200);
  });
}
