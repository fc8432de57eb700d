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
