/** Vietnam wall-clock time and quiet hours: pure, no zod, so the mini app may import it too. */

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Vietnam has one time zone and no daylight saving: local time is UTC+7, all year. */
export function vietnamClock(at: Date): { date: string; minute: number } {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  return { date: local.toISOString().slice(0, 10), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** The instant a Vietnam wall-clock time happens: `atVietnamTime("2026-11-23", 360)` is 06:00 that day. */
export function atVietnamTime(date: string, minute: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - VIETNAM_OFFSET_MS + minute * 60_000);
}

/** When no reminder may be sent, in minutes after midnight Vietnam time; `from` > `to` spans midnight. */
export interface QuietHours {
  fromMinute: number;
  toMinute: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { fromMinute: 21 * 60, toMinute: 6 * 60 };

export function isQuiet(minute: number, quiet: QuietHours): boolean {
  return quiet.fromMinute > quiet.toMinute
    ? minute >= quiet.fromMinute || minute < quiet.toMinute
    : minute >= quiet.fromMinute && minute < quiet.toMinute;
}

/** "21:00-06:00" → quiet hours; null when the text is not two HH:MM times. */
export function parseQuietHours(text: string): QuietHours | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) return null;
  const [, h1, m1, h2, m2] = match.map(Number) as [number, number, number, number, number];
  const q = { fromMinute: h1 * 60 + m1, toMinute: h2 * 60 + m2 };
  return q.fromMinute === q.toMinute ? null : q;
}
