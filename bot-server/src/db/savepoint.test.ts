import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type OpenDatabase, openDatabase } from "./client";
import { inSavepoint } from "./savepoint";

let database: OpenDatabase;
beforeEach(() => {
  database = openDatabase(":memory:");
  database.db.run(sql`create table scratch (n integer)`);
});
afterEach(() => database.close());

const insert = (tx: Parameters<typeof inSavepoint>[0], n: number) => tx.run(sql`insert into scratch (n) values (${n})`);
const rows = () => database.db.all<{ n: number }>(sql`select n from scratch order by n`).map((r) => r.n);

describe("inSavepoint", () => {
  it("undoes only what the failing part wrote, nested parts included, and passes its error on", () => {
    database.db.transaction(
      (tx) => {
        insert(tx, 1);
        expect(() =>
          inSavepoint(tx, () => {
            insert(tx, 2);
            throw new Error("rejected");
          }),
        ).toThrow("rejected");
        const kept = inSavepoint(tx, () => {
          insert(tx, 3);
          try {
            inSavepoint(tx, () => {
              insert(tx, 4);
              throw new Error("inner");
            });
          } catch {
            // the inner part alone is undone
          }
          inSavepoint(tx, () => insert(tx, 5));
          return "kept";
        });
        expect(kept).toBe("kept");
      },
      { behavior: "immediate" },
    );
    expect(rows()).toEqual([1, 3, 5]);
  });

  it("a failure that ends the whole transaction leaves nothing half-written", () => {
    expect(() =>
      database.db.transaction(
        (tx) => {
          insert(tx, 1);
          inSavepoint(tx, () => {
            insert(tx, 2);
            // What SQLite does on some I/O errors: the transaction is gone, not just the savepoint.
            tx.run(sql`rollback`);
            throw new Error("disk I/O error");
          });
        },
        { behavior: "immediate" },
      ),
    ).toThrow();
    expect(rows()).toEqual([]);
  });
});
