import type { Database as Client, Statement } from "better-sqlite3";
import type { Db } from "./client";
import { clientOf } from "./prepared";
import { inSavepoint } from "./savepoint";
import type { WriteTurns } from "./write-turns";

/** What a job writes through: the database, whose one connection has the group's transaction open. */
export type WriteTx = Db;

export interface GroupCommitter {
  /**
   * Runs `work` in its own savepoint of the next shared `BEGIN IMMEDIATE` transaction. Resolves with what
   * `work` returned only once that transaction has committed; rejects with `work`'s own error (its savepoint
   * rolled back, the rest of the group unharmed), or with the commit's error if the group could not commit.
   */
  run<T>(work: (tx: WriteTx) => T): Promise<T>;
}

export interface GroupCommitOptions {
  /** Jobs per transaction at most: bounds how long one commit holds the event loop. */
  maxGroup?: number;
  /** Off: each job is its own transaction, run at once (one fsync each). Kept to measure the difference. */
  enabled?: boolean;
  /** Where the server has a jobs thread writing too, each group's transaction goes first (write-turns.ts). */
  turns?: WriteTurns;
}

interface Job {
  work: (tx: WriteTx) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
/** Each job's outcome once the group committed, or why nothing of it was stored. */
type GroupResult = { committed: Outcome[] } | { failed: unknown };

/**
 * Group commit. With WAL and `synchronous=FULL` every COMMIT waits for an fsync, and better-sqlite3 waits
 * on the event loop, so one transaction per request makes the fsync the ceiling on throughput. Requests
 * whose bodies arrive in the same turn of the event loop are queued, and a `setImmediate` (after the poll
 * phase has read every socket that was ready) runs them together: one BEGIN IMMEDIATE, one savepoint
 * each, one COMMIT, one fsync. While that fsync blocks, new requests pile up in the kernel and form the
 * next group, so groups grow with load and cost nothing when it is quiet (a lone request waits one turn).
 */
export function createGroupCommitter(db: Db, { maxGroup = 64, enabled = true, turns }: GroupCommitOptions = {}): GroupCommitter {
  const connection = connectionOf(db);
  const queue: Job[] = [];
  let scheduled = false;

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  function flush() {
    scheduled = false;
    const group = queue.splice(0, maxGroup);
    try {
      const commit = () => commitGroup(connection, group);
      settle(group, turns ? turns.first(commit) : commit());
    } finally {
      // The next group starts on a later turn, so sockets read meanwhile can still join it.
      if (queue.length > 0) schedule();
    }
  }

  return {
    run<T>(work: (tx: WriteTx) => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const job: Job = { work, resolve: resolve as (value: unknown) => void, reject };
        if (!enabled) return settle([job], commitGroup(connection, [job]));
        queue.push(job);
        schedule();
      });
    },
  };
}

/** The database the jobs write through, its one connection, and the statements that open and end a group. */
interface Connection {
  db: Db;
  client: Client;
  begin: Statement;
  commit: Statement;
  rollback: Statement;
}

function connectionOf(db: Db): Connection {
  const client = clientOf(db);
  return {
    db,
    client,
    begin: client.prepare("BEGIN IMMEDIATE"),
    commit: client.prepare("COMMIT"),
    rollback: client.prepare("ROLLBACK"),
  };
}

/**
 * One transaction, a savepoint per job: each job's outcome, or the error that kept the transaction from
 * committing. Its own BEGIN and COMMIT rather than drizzle's `db.transaction`, which builds a new database
 * object (with a query builder per table) every time, a cost paid per group on the request thread. The
 * jobs write through `db`, whose one connection has the transaction open.
 */
function commitGroup({ db, client, begin, commit, rollback }: Connection, group: Job[]): GroupResult {
  const outcomes: Outcome[] = [];
  try {
    begin.run();
  } catch (error) {
    // Busy past the timeout, or a transaction already open that is not this group's to roll back.
    return { failed: error };
  }
  try {
    for (const job of group) {
      try {
        outcomes.push({ ok: true, value: inSavepoint(db, () => syncOnly(job.work(db))) });
      } catch (error) {
        outcomes.push({ ok: false, error });
        // Some errors (disk full, I/O) make SQLite roll back the whole transaction, not just the
        // savepoint; the jobs after it would then run in autocommit, outside any group. Stop here.
        if (!client.inTransaction) return { failed: error };
      }
    }
    commit.run();
    return { committed: outcomes };
  } catch (error) {
    if (client.inTransaction) rollback.run();
    return { failed: error };
  }
}

/** Each caller hears its own outcome; if the group did not commit, all hear why and may resend. */
function settle(group: Job[], result: GroupResult): void {
  group.forEach((job, i) => {
    const outcome = "failed" in result ? { ok: false as const, error: result.failed } : result.committed[i];
    if (outcome?.ok) job.resolve(outcome.value);
    else job.reject(outcome?.error);
  });
}

/** better-sqlite3 is synchronous: work that returns a promise would finish after the commit it belongs to. */
function syncOnly<T>(value: T): T {
  if (typeof (value as { then?: unknown } | null)?.then === "function") throw new TypeError("group commit work must be synchronous");
  return value;
}
