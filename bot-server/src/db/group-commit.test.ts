import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, type OpenDatabase, openDatabase } from "./client";
import { createGroupCommitter, type WriteTx } from "./group-commit";

let database: OpenDatabase;
let db: Db;
let inTransaction: () => boolean;

beforeEach(() => {
  database = openDatabase(":memory:");
  db = database.db;
  const client = (db as { $client?: { inTransaction: boolean } }).$client;
  inTransaction = () => client?.inTransaction ?? true;
  // Tables of the test's own, so the committer is tested apart from the app's schema. The child's foreign
  // key is checked at COMMIT, which gives a real way to make a commit fail.
  db.run(sql`create table note (k text primary key, v text not null)`);
  db.run(sql`create table child (k text primary key, note_k text references note (k) deferrable initially deferred)`);
});
afterEach(() => database.close());

const put = (tx: WriteTx, k: string, v = k) => tx.run(sql`insert into note (k, v) values (${k}, ${v})`);
const keys = () => db.all<{ k: string }>(sql`select k from note order by k`).map((r) => r.k);

describe("createGroupCommitter", () => {
  it("gives each caller the result of its own work", async () => {
    const commits = createGroupCommitter(db);
    const results = await Promise.all(
      ["a", "b", "c"].map((k) =>
        commits.run((tx) => {
          put(tx, k, `value of ${k}`);
          return tx.get<{ v: string }>(sql`select v from note where k = ${k}`)?.v;
        }),
      ),
    );
    expect(results).toEqual(["value of a", "value of b", "value of c"]);
    expect(keys()).toEqual(["a", "b", "c"]);
  });

  it("rolls back only the failing job; the others in its group are committed", async () => {
    const commits = createGroupCommitter(db);
    const a = commits.run((tx) => put(tx, "a").changes);
    const thrown = commits.run((tx) => {
      put(tx, "b");
      throw new Error("b went wrong");
    });
    // A failure from SQLite itself, after this job's own first write: that write goes too.
    const constraint = commits.run((tx) => {
      put(tx, "c");
      put(tx, "a");
    });
    const d = commits.run((tx) => put(tx, "d").changes);
    const settled = await Promise.allSettled([a, thrown, constraint, d]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ message: "b went wrong" });
    expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({ cause: { code: "SQLITE_CONSTRAINT_PRIMARYKEY" } });
    expect(keys()).toEqual(["a", "d"]);
  });

  it("rejects every caller of a group whose commit fails, and stores none of it", async () => {
    const commits = createGroupCommitter(db);
    const fine = commits.run((tx) => put(tx, "a").changes);
    // Passes its savepoint (the key is checked only at COMMIT), then makes the whole COMMIT fail.
    const orphan = commits.run((tx) => tx.run(sql`insert into child (k, note_k) values ('x', 'nowhere')`).changes);
    const alsoFine = commits.run((tx) => put(tx, "b").changes);
    const settled = await Promise.allSettled([fine, orphan, alsoFine]);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const s of settled) expect(String((s as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(keys()).toEqual([]);
    expect(inTransaction()).toBe(false);
    // The next group starts clean.
    await expect(commits.run((tx) => put(tx, "c").changes)).resolves.toBe(1);
    expect(keys()).toEqual(["c"]);
  });

  it("fails a group that cannot begin, and leaves alone the transaction that was in the way", async () => {
    const commits = createGroupCommitter(db);
    db.run(sql`begin`);
    put(db, "outer");
    await expect(commits.run((tx) => put(tx, "a").changes)).rejects.toThrow(/within a transaction/);
    expect(inTransaction()).toBe(true);
    db.run(sql`commit`);
    expect(keys()).toEqual(["outer"]);
  });

  it("settles no caller before the commit", async () => {
    const commits = createGroupCommitter(db);
    const seen: { k: string; inTransaction: boolean; stored: boolean }[] = [];
    const runs = ["a", "b", "c"].map((k) =>
      commits.run((tx) => put(tx, k)).then(() => seen.push({ k, inTransaction: inTransaction(), stored: keys().includes(k) })),
    );
    // Queued, not run: the work waits for the rest of this turn's requests.
    expect(keys()).toEqual([]);
    await Promise.all(runs);
    // Out of the transaction and still there: it was committed, not rolled back, before anyone heard. This
    // catches a commit left to a later turn; a resolve() called inside the transaction would look the same
    // here (callbacks wait for synchronous code), and the failing-commit test above is what catches that.
    expect(seen).toEqual(["a", "b", "c"].map((k) => ({ k, inTransaction: false, stored: true })));
  });

  it("shares one transaction among the jobs of a turn, at most maxGroup of them", async () => {
    const commits = createGroupCommitter(db, { maxGroup: 2 });
    const settled: string[] = [];
    // Callers hear only after their group's commit, so what a job sees settled tells which group it is in.
    const observe = (k: string) =>
      commits
        .run(() => [...settled])
        .then((before) => {
          settled.push(k);
          return before;
        });
    expect(await Promise.all(["a", "b", "c", "d", "e"].map(observe))).toEqual([[], [], ["a", "b"], ["a", "b"], ["a", "b", "c", "d"]]);
  });

  it("refuses asynchronous work, which would outlive its transaction", async () => {
    const commits = createGroupCommitter(db);
    const late = commits.run(async (tx) => put(tx, "a"));
    await expect(late).rejects.toThrow(/synchronous/);
    expect(keys()).toEqual([]);
  });

  it("when off, commits each job alone and at once", async () => {
    const commits = createGroupCommitter(db, { enabled: false });
    const a = commits.run((tx) => put(tx, "a").changes);
    expect(keys()).toEqual(["a"]);
    await expect(a).resolves.toBe(1);
    const failing = commits.run((tx) => {
      put(tx, "b");
      throw new Error("b went wrong");
    });
    await expect(failing).rejects.toThrow("b went wrong");
    expect(keys()).toEqual(["a"]);
  });
});
