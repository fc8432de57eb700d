import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema>;
/** A database or an open transaction: helpers that write take either, so callers choose the boundary. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

/** `file:./data/x.db`, a bare path, or `:memory:`. PostgreSQL is planned behind the same schema. */
export function sqlitePathFromUrl(url: string): string {
  if (url === ":memory:" || url === "file::memory:") return ":memory:";
  if (/^postgres(ql)?:/i.test(url)) {
    throw new Error("DATABASE_URL: PostgreSQL chưa được hỗ trợ trong phiên bản này; hãy dùng file:./data/hocvuso.db");
  }
  const path = url.startsWith("file:") ? url.slice("file:".length) : url;
  if (path === "") throw new Error("DATABASE_URL: thiếu đường dẫn tệp SQLite");
  return path;
}

export interface OpenDatabase {
  db: Db;
  close: () => void;
}

/** Opens (creating if needed) and migrates the database. Every process that touches it goes through here. */
export function openDatabase(url: string): OpenDatabase {
  const path = sqlitePathFromUrl(url);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  // better-sqlite3 defaults to NORMAL, which can lose the last commits on power loss; progress is the product.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle({ client: sqlite, schema, casing: "snake_case" });
  migrate(db, { migrationsFolder });
  return { db, close: () => sqlite.close() };
}
