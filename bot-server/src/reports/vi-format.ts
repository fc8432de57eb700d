import { roundPercent } from "./percent";

/**
 * Numbers and dates as a Vietnamese paper prints them: "." groups thousands and "," marks the decimal.
 * Written out by hand rather than with Intl, whose output depends on the ICU data a Node build carries.
 */
// "-1234.5" → "-1.234,5": the digits before the point grouped, the point turned into a comma.
function viDigits(fixed: string): string {
  const [whole = "", decimal] = fixed.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const grouped = whole.replace("-", "").replace(/\B(?=(\d{3})+$)/g, ".");
  return `${sign}${grouped}${decimal === undefined ? "" : `,${decimal}`}`;
}

/** 1234 → "1.234", -5 → "-5". */
export function viInteger(value: number): string {
  return viDigits(Math.round(value).toFixed(0));
}

/** 72.5 → "72,5%", 100 → "100,0%": always one decimal, so a column of percents lines up. */
export function viPercent(value: number): string {
  return `${viDigits(roundPercent(value).toFixed(1))}%`;
}

function dateParts(iso: string): { day: string; month: string; year: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  // A real calendar day only: "2026-02-30" would otherwise print as a date no one can sign on.
  const probe = new Date(`${iso}T00:00:00Z`);
  if (!match || Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== iso) {
    throw new Error(`Expected a calendar date like 2026-10-31, got "${iso}"`);
  }
  const [, year = "", month = "", day = ""] = match;
  return { day, month, year };
}

/** "2026-10-01" → "01/10/2026". */
export function slashDate(iso: string): string {
  const { day, month, year } = dateParts(iso);
  return `${day}/${month}/${year}`;
}

/** "2026-11-05" → "ngày 05 tháng 11 năm 2026", day and month both with two digits. */
export function longDate(iso: string): string {
  const { day, month, year } = dateParts(iso);
  return `ngày ${day} tháng ${month} năm ${year}`;
}
