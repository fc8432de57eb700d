import { DEFAULT_QUIET_HOURS, type QuietHours } from "@hvs/shared/vietnam-time";
import type { Db } from "../db/client";
import type { CurriculumIndex } from "../learning/curriculum";
import { queueDueReminders } from "./reminders";

/** Looks for due reminders twice a minute: a reminder set for 19:00 goes out between 19:00 and 19:00:30. */
export function startReminderJob(
  db: Db,
  content: CurriculumIndex,
  now: () => Date,
  log: (line: string) => void,
  onQueued: () => void,
  quiet: QuietHours = DEFAULT_QUIET_HOURS,
  everyMs = 30_000,
): { stop: () => void } {
  const tick = () => {
    try {
      if (queueDueReminders(db, content, now(), quiet) > 0) onQueued();
    } catch (error) {
      log(`reminders: ${error instanceof Error ? error.name : "error"}`);
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
