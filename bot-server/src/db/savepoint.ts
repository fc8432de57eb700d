import type { Statement } from "better-sqlite3";
import type { DbOrTx } from "./client";
import { clientOf, preparedOnce } from "./prepared";

// Nested savepoints may share a name: SQLite releases or rolls back to the innermost one of that name.
const statements = preparedOnce((db) => {
  const client = clientOf(db);
  return {
    client,
    open: client.prepare("SAVEPOINT part") as Statement,
    release: client.prepare("RELEASE part") as Statement,
    rollback: client.prepare("ROLLBACK TO part") as Statement,
  };
});

/**
 * Runs `work` in a savepoint of the open transaction: if it throws, what it wrote is undone and the rest
 * of the transaction stands. The same as drizzle's nested `tx.transaction()`, which builds a transaction
 * object and prepares two statements each time; on the progress and webhook paths, per event, that cost
 * more than the writes themselves. `work` writes through the same `tx`.
 */
export function inSavepoint<T>(tx: DbOrTx, work: () => T): T {
  const { client, open, release, rollback } = statements(tx);
  open.run();
  try {
    const value = work();
    release.run();
    return value;
  } catch (error) {
    // Some errors (disk full, I/O) end the whole transaction; then there is no savepoint left to undo.
    if (client.inTransaction) {
      rollback.run();
      release.run();
    }
    throw error;
  }
}
