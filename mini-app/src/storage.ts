/**
 * Small values kept on the phone. localStorage can be unavailable (private mode, some webviews): then
 * reads give null and writes are dropped, so a choice lasts only until the app closes.
 */
export function load(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** `null` removes the value. False when it could not be kept (no storage, or the phone's quota is full). */
export function save(key: string, value: string | null): boolean {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function loadJson<T>(key: string): T | null {
  const raw = load(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function saveJson(key: string, value: unknown): boolean {
  return save(key, JSON.stringify(value));
}

/** Removes every key that starts with `prefix`. */
export function removeAll(prefix: string): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
  } catch {
    // nothing was kept
  }
}
