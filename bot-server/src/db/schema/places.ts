import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** A province rolls up its communes' figures; a commune may stand alone (a single-commune install). */
export const provinces = sqliteTable("provinces", {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text().notNull().unique(),
});

export const communes = sqliteTable("communes", {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text().notNull(),
  provinceId: integer().references(() => provinces.id),
});

export const villages = sqliteTable(
  "villages",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    communeId: integer()
      .notNull()
      .references(() => communes.id),
    name: text().notNull(),
  },
  (t) => [uniqueIndex("villages_commune_name").on(t.communeId, t.name)],
);
