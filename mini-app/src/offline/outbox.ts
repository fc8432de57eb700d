import type { ProgressEvent } from "@hvs/shared/api";
import { loadJson, save, saveJson } from "../storage";

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

function keep(learnerId: number, queue: ProgressEvent[]): void {
  memory.set(learnerId, queue);
  if (queue.length === 0) save(key(learnerId), null);
  else saveJson(key(learnerId), queue);
}

export function enqueue(learnerId: number, events: ProgressEvent[]): void {
  const current = queued(learnerId);
  const ids = new Set(current.map((e) => e.id));
  keep(learnerId, [...current, ...events.filter((e) => !ids.has(e.id))]);
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
