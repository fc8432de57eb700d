import type { Worker } from "node:worker_threads";
import type { Curriculum } from "@hvs/shared/content";
import { createWriteTurns } from "../db/write-turns";
import { typescriptWorker } from "../threads/typescript-worker";
import type { BackgroundJobs } from "./background-jobs";

export interface JobsThreadData {
  /** The server's own curriculum, so the chatbot answers from the content the server serves. */
  curriculum: Curriculum;
  mediaRoot: string | null;
  /** The request thread's write turns (db/write-turns.ts). */
  writeTurns: SharedArrayBuffer;
}

/** What the thread tells the server: a line for its log. */
export interface JobsThreadMessage {
  line: string;
}

const RESTART_AFTER_MS = 1000;
const STOP_TIMEOUT_MS = 5000;

/**
 * Runs the background jobs (background-jobs.ts) on a thread of their own, with their own connection to
 * the database file and the server's environment. Composing a chat reply costs about a millisecond of CPU;
 * on the request thread that time, and the outbox's writes waiting for SQLite's lock, were taken from the
 * webhook's answers, which at a thousand events a second queued behind them. Here they use the other core,
 * at a lower priority. If the thread dies it is started again; what it had not committed is still in the
 * inbox and the outbox.
 */
export function startJobsThread(data: JobsThreadData, log: (line: string) => void): BackgroundJobs {
  const turns = createWriteTurns(data.writeTurns);
  let worker: Worker;
  let running = false;
  let stopping = false;
  let kickQueued = false;

  const start = () => {
    worker = typescriptWorker(new URL("./jobs-thread-body.ts", import.meta.url), data);
    running = true;
    worker.on("message", (message: JobsThreadMessage) => log(message.line));
    worker.on("error", (error) => log(`jobs thread: ${error.name}`));
    worker.on("exit", (code) => {
      running = false;
      // Killed inside a write (a stop that timed out, a crash): SQLite rolled it back, so its turn is over.
      turns.release();
      if (stopping) return;
      log(`jobs thread ended (${code}); starting it again`);
      setTimeout(start, RESTART_AFTER_MS).unref();
    });
  };
  start();

  return {
    // Events stored in one turn of the event loop need one message between them.
    kickInbox: () => {
      if (kickQueued) return;
      kickQueued = true;
      setImmediate(() => {
        kickQueued = false;
        if (running) worker.postMessage("kick");
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (!running) return resolve();
        const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
        worker.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage("stop");
      }),
  };
}
