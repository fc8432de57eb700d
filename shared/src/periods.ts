/**
 * Report periods in whole Vietnam days (YYYY-MM-DD strings compare in date order). Pure: the dashboard,
 * its exports and the tests all cut time the same way.
 */

export interface Period {
  from: string;
  to: string;
}

export type Granularity = "week" | "month";

export interface Bucket {
  /** What a chart axis shows: "T11/2026" for a month, "16/11" for the week starting that Monday. */
  label: string;
  start: string;
  /** The bucket's last day inside the period (the period may end mid-week or mid-month). */
  end: string;
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar day written YYYY-MM-DD (rejects 2026-02-30). */
export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  return new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function calendarDay(day: string): [string, string, string] {
  // A real calendar day only: "2026-02-30" would otherwise print as a date no one can sign on.
  if (!isDay(day)) throw new RangeError(`expected an ISO calendar date like 2026-11-23, got "${day}"`);
  return day.split("-") as [string, string, string];
}

/** dd/mm/yyyy, as Vietnamese documents write dates in tables. */
export function vietnameseDay(day: string): string {
  const [y, m, d] = calendarDay(day);
  return `${d}/${m}/${y}`;
}

/**
 * "ngày 05 tháng 02 năm 2026": the order every Vietnamese document uses, with the zero that Nghị định
 * 30/2020 asks for before a day under 10 and before months 1 and 2 (so nothing can be written in front).
 */
export function vietnameseDate(day: string): string {
  const [y, m, d] = calendarDay(day);
  const month = Number(m);
  return `ngày ${d} tháng ${month <= 2 ? m : String(month)} năm ${y}`;
}

function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

function lastOfMonth(day: string): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Weeks start on Monday, as Vietnamese calendars do. The first and last bucket are clipped to the period. */
export function buckets(period: Period, granularity: Granularity): Bucket[] {
  const out: Bucket[] = [];
  let start = period.from;
  while (start <= period.to) {
    const natural = granularity === "week" ? addDays(mondayOf(start), 6) : lastOfMonth(start);
    const [y, m] = start.split("-");
    const monday = mondayOf(start);
    const label = granularity === "month" ? `T${Number(m)}/${y}` : `${monday.slice(8, 10)}/${monday.slice(5, 7)}`;
    // Day strings, not numbers: the earlier of two is the smaller in text order.
    out.push({ label, start, end: [natural, period.to].sort()[0] as string });
    start = addDays(natural, 1);
  }
  return out;
}

/** Month buckets for long periods, week buckets for short ones: a chart stays between a few and ~30 points. */
export function defaultGranularity(period: Period): Granularity {
  const days = (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000;
  return days > 120 ? "month" : "week";
}
