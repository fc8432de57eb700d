import type { Database as Client } from "better-sqlite3";
import type { Db } from "./client";
import { clientOf } from "./prepared";
import { inSavepoint } from "./savepoint";
import type { WriteTurns } from "./write-turns";

/** The open write transaction (or a savepoint of it) that a job's work runs in. */
export type WriteTx = Parameters<Parameters<Db["transaction"]>[0]>[0];

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

/**
 * Group commit. With WAL and `synchronous=FULL` every COMMIT waits for an fsync, and better-sqlite3 waits
 * on the event loop, so one transaction per request makes the fsync the ceiling on throughput. Requests
 * whose bodies arrive in the same turn of the event loop are queued, and a `setImmediate` (after the poll
 * phase has read every socket that was ready) runs them together: one BEGIN IMMEDIATE, one savepoint
 * each, one COMMIT, one fsync. While that fsync blocks, new requests pile up in the kernel and form the
 * next group, so groups grow with load and cost nothing when it is quiet (a lone request waits one turn).
 */
export function createGroupCommitter(db: Db, { maxGroup = 64, enabled = true, turns }: GroupCommitOptions = {}): GroupCommitter {
  const client = clientOf(db);
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
      if (turns) turns.first(() => commitGroup(db, client, group));
      else commitGroup(db, client, group);
    } finally {
      // The next group starts on a later turn, so sockets read meanwhile can still join it.
      if (queue.length > 0) schedule();
    }
  }

  return {
    run<T>(work: (tx: WriteTx) => T): Promise<T> {
      if (!enabled) return new Promise<T>((resolve) => resolve(db.transaction(work, { behavior: "immediate" })));
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
  };
}

function commitGroup(db: Db, client: Client, group: Job[]): void {
  const outcomes: Outcome[] = [];
  try {
    db.transaction(
      (tx) => {
        for (const job of group) {
          try {
            outcomes.push({ ok: true, value: inSavepoint(tx, () => syncOnly(job.work(tx))) });
          } catch (error) {
            outcomes.push({ ok: false, error });
            // Some errors (disk full, I/O) make SQLite roll back the whole transaction, not just the
            // savepoint; the jobs after it would then run in autocommit, outside any group. Stop here.
            if (!client.inTransaction) throw error;
          }
        }
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    // Nothing of this group is stored, whatever each job did: every caller hears so and may resend
    // (progress events are idempotent by their client id).
    for (const job of group) job.reject(error);
    return;
  }
  group.forEach((job, i) => {
    const outcome = outcomes[i];
    if (outcome?.ok) job.resolve(outcome.value);
    else job.reject(outcome?.error);
  });
}

/** better-sqlite3 is synchronous: work that returns a promise would finish after the commit it belongs to. */
function syncOnly<T>(value: T): T {
  if (typeof (value as { then?: unknown } | null)?.then === "function") throw new TypeError("group commit work must be synchronous");
  return value;
}
