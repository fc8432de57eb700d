import type { Database } from "better-sqlite3";
import type { DbOrTx } from "./client";

/**
 * A statement built and prepared once per database connection, then reused: drizzle otherwise rebuilds
 * the SQL and SQLite re-parses it on every call, which on the hot paths (the session lookup, progress
 * writes) cost more than the query itself. Values go in as `sql.placeholder`s. drizzle converts those in
 * an insert's values as it would any value (a Date for a timestamp column), but binds those in a where
 * clause as they are: there, pass what the column stores (`date.getTime()` for a timestamp_ms column).
 */
export function preparedOnce<T>(build: (db: DbOrTx) => T): (db: DbOrTx) => T {
  const byConnection = new WeakMap<object, T>();
  return (db) => {
    const connection = connectionOf(db);
    let statement = byConnection.get(connection);
    if (statement === undefined) {
      statement = build(db);
      byConnection.set(connection, statement);
    }
    return statement;
  };
}

/** The better-sqlite3 connection under a drizzle database or transaction. */
export function clientOf(db: DbOrTx): Database {
  const client = (connectionOf(db) as { client?: Database }).client;
  if (!client) throw new Error("expected a better-sqlite3 session");
  return client;
}

/**
 * drizzle gives a database and every transaction or savepoint opened on it the same session object, which
 * holds the one connection; a statement prepared through any of them runs inside whatever transaction that
 * connection has open. The field is not in drizzle's types, hence the cast.
 */
function connectionOf(db: DbOrTx): object {
  const session = (db as unknown as { session?: object }).session;
  if (!session) throw new Error("preparedOnce needs a drizzle database or transaction");
  return session;
}
