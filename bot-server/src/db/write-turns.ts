/**
 * Turns at SQLite's one write lock between the request thread and the jobs thread, with the request
 * thread first. SQLite alone would let the jobs thread, which writes all the time under load, take the
 * lock again the moment it let go, while the request thread slept in its busy handler (1, 2, 5, 10 ms…)
 * with webhook answers waiting behind it. Here the request thread says it is waiting; the jobs thread
 * starts no transaction while it is, and the request thread waits only for the one already running,
 * woken the moment it ends. Two words in shared memory: [0] the jobs thread is writing, [1] how many
 * request-thread writes wait. Writers outside both (the setup CLI) still queue on SQLite's busy timeout.
 */
export interface WriteTurns {
  /** Shared with the jobs thread through `workerData`. */
  buffer: SharedArrayBuffer;
  /** Request thread: waits for the jobs thread's transaction to end, then runs `write`. */
  first<T>(write: () => T): T;
  /** Jobs thread: waits while the request thread wants to write, then runs `write`. */
  after<T>(write: () => T): T;
  /** Request thread, when the jobs thread has ended: a write it was in is over (SQLite rolled it back). */
  release(): void;
}

const JOBS_WRITING = 0;
const REQUESTS_WAITING = 1;
// A bound on the request thread's wait, in case the other thread hangs inside a write. SQLite's own lock
// (and busy timeout) still keeps the two apart after it.
const MAX_WAIT_MS = 2000;
// The jobs thread rechecks this often while requests write (a missed wake-up costs no more than this).
const RECHECK_MS = 50;

export function createWriteTurns(buffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)): WriteTurns {
  const words = new Int32Array(buffer);
  return {
    buffer,
    first(write) {
      Atomics.add(words, REQUESTS_WAITING, 1);
      try {
        // Each thread raises its flag and then reads the other's, so at least one of them sees the other.
        const deadline = performance.now() + MAX_WAIT_MS;
        while (Atomics.load(words, JOBS_WRITING) === 1 && performance.now() < deadline) {
          Atomics.wait(words, JOBS_WRITING, 1, deadline - performance.now());
        }
        return write();
      } finally {
        Atomics.sub(words, REQUESTS_WAITING, 1);
        Atomics.notify(words, REQUESTS_WAITING);
      }
    },
    after(write) {
      for (;;) {
        for (let waiting = Atomics.load(words, REQUESTS_WAITING); waiting > 0; waiting = Atomics.load(words, REQUESTS_WAITING)) {
          Atomics.wait(words, REQUESTS_WAITING, waiting, RECHECK_MS);
        }
        Atomics.store(words, JOBS_WRITING, 1);
        if (Atomics.load(words, REQUESTS_WAITING) === 0) break;
        // The request thread arrived in between: let it go first.
        Atomics.store(words, JOBS_WRITING, 0);
        Atomics.notify(words, JOBS_WRITING);
      }
      try {
        return write();
      } finally {
        Atomics.store(words, JOBS_WRITING, 0);
        Atomics.notify(words, JOBS_WRITING);
      }
    },
    release() {
      Atomics.store(words, JOBS_WRITING, 0);
      Atomics.notify(words, JOBS_WRITING);
    },
  };
}
