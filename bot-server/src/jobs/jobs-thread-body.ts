import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../db/client";
import { createWriteTurns } from "../db/write-turns";
import { readEnv } from "../env";
import { indexCurriculum } from "../learning/curriculum";
import { startBackgroundJobs } from "./background-jobs";
import type { JobsThreadData, JobsThreadMessage } from "./jobs-thread";

// The thread's side of jobs-thread.ts.
const port = parentPort;
if (!port) throw new Error("jobs-thread-body runs only as a worker thread");
const data = workerData as JobsThreadData;
const log = (line: string) => port.postMessage({ line } satisfies JobsThreadMessage);

lowerPriority();
// The server checked the same environment before starting this thread.
const env = readEnv();
const database = openDatabase(env.DATABASE_URL);
const jobs = startBackgroundJobs({
  db: database.db,
  content: indexCurriculum(data.curriculum, data.mediaRoot),
  env,
  log,
  writeTurn: createWriteTurns(data.writeTurns).after,
});

port.on("message", (message: "kick" | "stop") => {
  if (message === "kick") return jobs.kickInbox();
  // Messages wait for the batch in hand, so this comes between batches.
  void jobs.stop().then(() => {
    database.close();
    // In a worker, this ends the thread, not the server.
    process.exit(0);
  });
});

/**
 * Answering requests (Zalo waits for its webhook answers) matters more than how soon a reply is composed,
 * so on a busy machine this thread gets the CPU last. Linux keeps a nice value per thread; elsewhere this is
 * skipped.
 */
function lowerPriority(): void {
  try {
    const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
    setPriority(threadId, 10);
  } catch {
    // Not Linux, or not allowed: the thread runs at the server's priority.
  }
}
