/**
 * Indicator math for the commune's report. The plans count a ratio: adults who took part over the
 * adult population, per village, against an 80% target.
 */

export const PARTICIPATION_TARGET_PERCENT = 80;

export interface Rate {
  numerator: number;
  denominator: number;
  /** One decimal place; null when the population figure is missing or zero. */
  percent: number | null;
  meetsTarget: boolean;
  /** More participants than adults means the population figure is wrong; say so rather than cap at 100%. */
  exceedsPopulation: boolean;
}

export function rate(numerator: number, denominator: number, targetPercent = PARTICIPATION_TARGET_PERCENT): Rate {
  if (!Number.isInteger(numerator) || numerator < 0) throw new RangeError(`invalid numerator ${numerator}`);
  if (!Number.isInteger(denominator) || denominator < 0) throw new RangeError(`invalid denominator ${denominator}`);
  if (denominator === 0) {
    return { numerator, denominator, percent: null, meetsTarget: false, exceedsPopulation: numerator > 0 };
  }
  return {
    numerator,
    denominator,
    percent: Math.round((numerator * 1000) / denominator) / 10,
    meetsTarget: numerator * 100 >= targetPercent * denominator,
    exceedsPopulation: numerator > denominator,
  };
}

export function totalRate(rows: ReadonlyArray<{ numerator: number; denominator: number }>, targetPercent?: number): Rate {
  let numerator = 0;
  let denominator = 0;
  for (const row of rows) {
    numerator += row.numerator;
    denominator += row.denominator;
  }
  return rate(numerator, denominator, targetPercent);
}
