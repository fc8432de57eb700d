import type { Db } from "../db/client";
import { processInbox } from "./zalo-inbox";

/**
 * Processes the webhook inbox in the background: at start (resuming whatever a crash or restart left) and
 * then every second. The webhook itself only stores, so Zalo's 2-second answer never waits on this.
 */
export function startInboxWorker(db: Db, now: () => Date, log: (line: string) => void, everyMs = 1000): () => void {
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    try {
      // Drain in slices so one slow batch does not hold the event loop for long.
      while (processInbox(db, now, 50) === 50) {}
    } catch (error) {
      log(`webhook inbox: ${error instanceof Error ? error.name : "error"}`);
    } finally {
      busy = false;
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
