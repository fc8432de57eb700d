import type { ChatDeps } from "../chatbot/conversation";
import type { Db } from "../db/client";
import { processInbox } from "./zalo-inbox";

// Events per transaction. The jobs thread holds SQLite's write lock while it works, and the webhook's
// own commits wait for it: a small batch keeps that wait to a few milliseconds.
const BATCH = 4;

/**
 * Processes the webhook inbox: at start (resuming whatever a crash or restart left) and then every
 * `everyMs`, or soon after `kick()` says an event was stored. A batch per turn of the event loop, so a
 * `stop()` (or, on the main thread, a request) is heard between batches. `onProcessed` hears when replies
 * may have been queued. The server runs this on the jobs thread (jobs/jobs-thread.ts).
 */
export function startInboxWorker(
  db: Db,
  chat: ChatDeps,
  now: () => Date,
  log: (line: string) => void,
  {
    everyMs = 1000,
    onProcessed = () => {},
    writeTurn = (write) => write(),
  }: {
    everyMs?: number;
    onProcessed?: () => void;
    /** How each batch waits its turn to write (db/write-turns.ts, on the inbox thread). */
    writeTurn?: <T>(write: () => T) => T;
  } = {},
): { kick: () => void; stop: () => void } {
  let running = false;
  let stopped = false;

  const batch = () => {
    if (stopped) {
      running = false;
      return;
    }
    let more = false;
    try {
      const processed = writeTurn(() => processInbox(db, chat, now, BATCH));
      if (processed > 0) onProcessed();
      more = processed === BATCH;
    } catch (error) {
      log(`webhook inbox: ${error instanceof Error ? error.name : "error"}`);
    }
    if (more) setImmediate(batch);
    else running = false;
  };

  const kick = () => {
    if (running || stopped) return;
    running = true;
    setImmediate(batch);
  };
  kick();
  const timer = setInterval(kick, everyMs);
  timer.unref();
  return {
    kick,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
