import { roundPercent } from "./percent";

/**
 * Numbers as a Vietnamese paper prints them (dates: @hvs/shared/periods): "." groups thousands and "," marks the decimal.
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
