/**
 * Staff login attempts per key (username, and separately client address) in a sliding window. In memory:
 * one server process guards one commune's handful of accounts; a restart forgetting counts is acceptable.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  isBlocked(keys: string[], now: number): boolean {
    return keys.some((key) => this.recent(key, now).length >= this.maxFailures);
  }

  /** Called before the password is checked; a successful login then resets the keys. */
  recordAttempt(keys: string[], now: number): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
  }

  reset(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }
}
