import { parentPort, workerData } from "node:worker_threads";
import { createWriteTurns } from "../db/write-turns";

/**
 * Plays the jobs thread for db/write-turns.test.ts. `signals` (shared Int32Array): [0] the test's step,
 * [1] this thread is inside its write, [2] this thread's write is over, [3] what this thread saw of the
 * request thread's write when its own began (1: already over).
 */
const {
  turns,
  signals: buffer,
  step,
} = workerData as {
  turns: SharedArrayBuffer;
  signals: SharedArrayBuffer;
  step: "hold" | "ask" | "die";
};
const signals = new Int32Array(buffer);
const { after } = createWriteTurns(turns);
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (step === "hold" || step === "die") {
  // Takes a turn and keeps it 150 ms (or until the test ends the thread), saying when it is inside and done.
  after(() => {
    Atomics.store(signals, 1, 1);
    Atomics.notify(signals, 1);
    pause(step === "hold" ? 150 : 60_000);
    Atomics.store(signals, 2, 1);
  });
} else {
  // Waits for the test to be inside its own write, then asks for a turn.
  while (Atomics.load(signals, 0) === 0) Atomics.wait(signals, 0, 0, 1000);
  after(() => {
    Atomics.store(signals, 3, Atomics.load(signals, 0) === 2 ? 1 : 0);
  });
}
parentPort?.postMessage("done");
