import { loadJson, removeAll, save, saveJson } from "../storage";

/**
 * The last copy of each screen's data the learner opened (lessons, quizzes, the course list), so what was
 * read once can be read again without a signal. Kept per learner: a family phone holds several people.
 * Bounded, oldest first out, because a webview's storage is a few megabytes.
 */
const MAX_ENTRIES = 80;
const prefix = (learnerId: number) => `hvs.read.${learnerId}.`;
const indexKey = (learnerId: number) => `hvs.read-index.${learnerId}`;

export function readCached<T>(learnerId: number, path: string): T | null {
  return loadJson<T>(prefix(learnerId) + path);
}

export function writeCached(learnerId: number, path: string, data: unknown): void {
  const index = (loadJson<string[]>(indexKey(learnerId)) ?? []).filter((p) => p !== path);
  index.push(path);
  const value = JSON.stringify(data);
  // When the phone's quota is full, give up the oldest copies until this one fits.
  while (!save(prefix(learnerId) + path, value)) {
    const oldest = index.shift();
    if (oldest === undefined || oldest === path) return;
    save(prefix(learnerId) + oldest, null);
  }
  while (index.length > MAX_ENTRIES) {
    const oldest = index.shift();
    if (oldest !== undefined) save(prefix(learnerId) + oldest, null);
  }
  saveJson(indexKey(learnerId), index);
}

export function forgetCached(learnerId: number): void {
  removeAll(prefix(learnerId));
  save(indexKey(learnerId), null);
}

/**
 * Once the server has a lesson's completion, the kept course list says so too: otherwise, offline, the
 * tick would vanish the moment the completion left the queue.
 */
export function markCompleted(learnerId: number, lessonId: string): void {
  const path = "/api/courses";
  const list = readCached<{ courses: { lessons: { id: string; completed: boolean }[] }[] }>(learnerId, path);
  if (!list) return;
  for (const course of list.courses) for (const lesson of course.lessons) if (lesson.id === lessonId) lesson.completed = true;
  writeCached(learnerId, path, list);
}

/** Gives up every kept copy of screens on this phone, for room to keep unsent results. */
export function forgetAllCached(): void {
  removeAll("hvs.read.");
  removeAll("hvs.read-index.");
}
