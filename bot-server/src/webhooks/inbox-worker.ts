import type { ChatDeps } from "../chatbot/conversation";
import type { Db } from "../db/client";
import { processInbox } from "./zalo-inbox";

// Processing shares the event loop with the webhook's answers: work in slices this long, then let them run.
const SLICE_MS = 5;
const BATCH = 10;
const MAX_WAIT_MS = 1000;

/**
 * Processes the webhook inbox in the background: at start (resuming whatever a crash or restart left) and
 * then every `everyMs`, or soon after `kick()` says an event was stored. The webhook itself only stores, so
 * Zalo's 2-second answer never waits on this. `onProcessed` hears when replies may have been queued.
 */
export function startInboxWorker(
  db: Db,
  chat: ChatDeps,
  now: () => Date,
  log: (line: string) => void,
  {
    everyMs = 1000,
    onProcessed = () => {},
    busy = () => false,
  }: {
    everyMs?: number;
    onProcessed?: () => void;
    /** True while webhook requests are being answered: processing waits, so Zalo's answers come first. */
    busy?: () => boolean;
  } = {},
): { kick: () => void; stop: () => void } {
  let running = false;
  let stopped = false;
  let waitingSince: number | null = null;

  const slice = () => {
    if (stopped) {
      running = false;
      return;
    }
    // Stand aside while answers are owed, but not for ever: a steady flood still gets processed.
    if (busy() && (waitingSince === null || performance.now() - waitingSince < MAX_WAIT_MS)) {
      waitingSince ??= performance.now();
      setTimeout(slice, 5);
      return;
    }
    waitingSince = null;
    const started = performance.now();
    let processed = 0;
    let more = false;
    try {
      do {
        const n = processInbox(db, chat, now, BATCH);
        processed += n;
        more = n === BATCH;
      } while (more && performance.now() - started < SLICE_MS);
    } catch (error) {
      log(`webhook inbox: ${error instanceof Error ? error.name : "error"}`);
      more = false;
    }
    if (processed > 0) onProcessed();
    if (more) setImmediate(slice);
    else running = false;
  };

  const kick = () => {
    if (running || stopped) return;
    running = true;
    setImmediate(slice);
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
