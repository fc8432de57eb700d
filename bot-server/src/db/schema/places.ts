import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const communes = sqliteTable("communes", {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text().notNull(),
});

export const villages = sqliteTable(
  "villages",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    communeId: integer()
      .notNull()
      .references(() => communes.id),
    name: text().notNull(),
    /** The indicator's denominator: adults living in the village, entered by commune staff. */
    adultPopulation: integer().notNull().default(0),
  },
  (t) => [uniqueIndex("villages_commune_name").on(t.communeId, t.name)],
);
