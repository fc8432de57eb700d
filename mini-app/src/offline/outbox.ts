import type { ProgressEvent } from "@hvs/shared/api";
import { loadJson, save, saveJson } from "../storage";
import { forgetAllCached } from "./read-cache";

/**
 * Progress events waiting to reach the server, oldest first, kept on the phone until the server has
 * acknowledged them. Each keeps the id it was made with, so sending one twice is harmless. The copy in
 * memory is the working one; the stored copy is what survives the app being closed (where storage works).
 */
const key = (learnerId: number) => `hvs.outbox.${learnerId}`;
const memory = new Map<number, ProgressEvent[]>();

export function queued(learnerId: number): ProgressEvent[] {
  let queue = memory.get(learnerId);
  if (!queue) {
    queue = loadJson<ProgressEvent[]>(key(learnerId)) ?? [];
    memory.set(learnerId, queue);
  }
  return queue;
}

/** False when the queue could not be stored on the phone (only in memory until the app closes). */
function keep(learnerId: number, queue: ProgressEvent[]): boolean {
  memory.set(learnerId, queue);
  if (queue.length === 0) return save(key(learnerId), null);
  if (saveJson(key(learnerId), queue)) return true;
  // The phone's storage is full: unsent results matter more than copies of screens, which can be fetched again.
  forgetAllCached();
  return saveJson(key(learnerId), queue);
}

export function enqueue(learnerId: number, events: ProgressEvent[]): boolean {
  const current = queued(learnerId);
  const ids = new Set(current.map((e) => e.id));
  return keep(learnerId, [...current, ...events.filter((e) => !ids.has(e.id))]);
}

export function dequeue(learnerId: number, ids: Set<string>): void {
  keep(
    learnerId,
    queued(learnerId).filter((e) => !ids.has(e.id)),
  );
}

export function forgetQueue(learnerId: number): void {
  keep(learnerId, []);
}
