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
    // No population figure yet: there is no rate to compare, and nothing to exceed.
    return { numerator, denominator, percent: null, meetsTarget: false, exceedsPopulation: false };
  }
  return {
    numerator,
    denominator,
    percent: Math.round((numerator * 1000) / denominator) / 10,
    meetsTarget: numerator * 100 >= targetPercent * denominator,
    exceedsPopulation: numerator > denominator,
  };
}

/**
 * The rate over several villages. Villages without a population figure are left out of both sums: their
 * participants over nobody would inflate the total. `excluded` says how many were left out.
 */
export function totalRate(
  rows: ReadonlyArray<{ numerator: number; denominator: number }>,
  targetPercent?: number,
): Rate & { excluded: number } {
  let numerator = 0;
  let denominator = 0;
  let excluded = 0;
  for (const row of rows) {
    if (row.denominator === 0) {
      excluded++;
      continue;
    }
    numerator += row.numerator;
    denominator += row.denominator;
  }
  return { ...rate(numerator, denominator, targetPercent), excluded };
}

/** The program whose certificate is the basic-skills indicator ("Kỹ năng số cơ bản" in content/programs). */
export const BASIC_SKILLS_PROGRAM_ID = "ky-nang-so-co-ban";

export interface PopulationEntry {
  /** YYYY-MM-DD: the first day the figure applies. */
  effectiveFrom: string;
  adults: number;
  /** Later records win over earlier ones for the same day (a correction). */
  seq: number;
}

/** The adult population in effect on `day` (YYYY-MM-DD): the latest figure that had started by then, or 0. */
export function populationOn(entries: ReadonlyArray<PopulationEntry>, day: string): number {
  let best: PopulationEntry | undefined;
  for (const entry of entries) {
    if (entry.effectiveFrom > day) continue;
    if (!best || entry.effectiveFrom > best.effectiveFrom || (entry.effectiveFrom === best.effectiveFrom && entry.seq > best.seq)) {
      best = entry;
    }
  }
  return best?.adults ?? 0;
}
