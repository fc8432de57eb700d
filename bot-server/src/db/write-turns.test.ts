import { once } from "node:events";
import type { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { typescriptWorker } from "../threads/typescript-worker";
import { createWriteTurns } from "./write-turns";

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function otherThread(turns: SharedArrayBuffer, signals: SharedArrayBuffer, step: "hold" | "ask" | "die"): Worker {
  return typescriptWorker(new URL("../test-support/write-turns-thread.ts", import.meta.url), { turns, signals, step });
}

describe("write turns between the request thread and the jobs thread", () => {
  it("the request thread waits for the write the other thread is in, and no longer", async () => {
    const turns = createWriteTurns();
    const signals = new Int32Array(new SharedArrayBuffer(16));
    const worker = otherThread(turns.buffer, signals.buffer as SharedArrayBuffer, "hold");
    const finished = once(worker, "message");
    while (Atomics.load(signals, 1) === 0) Atomics.wait(signals, 1, 0, 1000);
    const started = performance.now();
    const sawOtherDone = turns.first(() => Atomics.load(signals, 2));
    const waited = performance.now() - started;
    expect(sawOtherDone).toBe(1);
    // Woken when the other write ended (at most 150 ms after it began), not after a poll's timeout.
    expect(waited).toBeGreaterThan(50);
    expect(waited).toBeLessThan(1000);
    await finished;
    await worker.terminate();
  });

  it("the other thread starts no write while the request thread is writing", async () => {
    const turns = createWriteTurns();
    const signals = new Int32Array(new SharedArrayBuffer(16));
    const worker = otherThread(turns.buffer, signals.buffer as SharedArrayBuffer, "ask");
    const finished = once(worker, "message");
    turns.first(() => {
      Atomics.store(signals, 0, 1);
      Atomics.notify(signals, 0);
      // The other thread now asks for a turn; it must not get one until this write is over.
      pause(150);
      Atomics.store(signals, 0, 2);
    });
    await finished;
    expect(Atomics.load(signals, 3)).toBe(1);
    await worker.terminate();
  });

  it("a thread ended inside its write no longer holds the request thread up once released", async () => {
    const turns = createWriteTurns();
    const signals = new Int32Array(new SharedArrayBuffer(16));
    const worker = otherThread(turns.buffer, signals.buffer as SharedArrayBuffer, "die");
    while (Atomics.load(signals, 1) === 0) Atomics.wait(signals, 1, 0, 1000);
    await worker.terminate();
    turns.release();
    const started = performance.now();
    expect(turns.first(() => "written")).toBe("written");
    // Not the 2-second bound a hung thread would cost.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("runs each write and passes on what it returns or throws", () => {
    const turns = createWriteTurns();
    expect(turns.first(() => 7)).toBe(7);
    expect(turns.after(() => "x")).toBe("x");
    expect(() =>
      turns.first(() => {
        throw new Error("disk full");
      }),
    ).toThrow("disk full");
    // A write that threw gave its turn back: the next ones still run.
    expect(turns.after(() => 1) + turns.first(() => 1)).toBe(2);
  });
});
