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

/** `null` removes the value. */
export function save(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // not kept; see above
  }
}
