import { type Rate, rate, totalRate } from "@hvs/shared/indicators";

/**
 * The figures of one row of a report (a village, a commune, or their total): the same shape on the
 * commune page, in its exports and in the province roll-up, summed the same way everywhere.
 */
export interface Figures {
  /** Adults in effect on the period's last day. */
  adults: number;
  /** Took part / certified by the period's end: every village's people, even where no rate can be given. */
  participants: number;
  certified: number;
  participation: Rate;
  basicSkills: Rate;
  /** First took part / first certified inside the period. */
  newParticipants: number;
  newCertified: number;
}

/** A village's row from its counts and its adult population. */
export function villageFigures(
  adults: number,
  counts: { tookPart: number; certified: number; newTookPart: number; newCertified: number },
): Figures {
  return {
    adults,
    participants: counts.tookPart,
    certified: counts.certified,
    participation: rate(counts.tookPart, adults),
    basicSkills: rate(counts.certified, adults),
    newParticipants: counts.newTookPart,
    newCertified: counts.newCertified,
  };
}

/**
 * Rows added up: counts summed over every row, rates over the rows that have a population figure only
 * (`excluded` says how many have none; decision 003).
 */
export function sumFigures(
  rows: ReadonlyArray<Figures>,
): Figures & { participation: Rate & { excluded: number }; basicSkills: Rate & { excluded: number } } {
  const sum = (pick: (f: Figures) => number) => rows.reduce((total, f) => total + pick(f), 0);
  return {
    adults: sum((f) => f.adults),
    participants: sum((f) => f.participants),
    certified: sum((f) => f.certified),
    participation: totalRate(rows.map((f) => f.participation)),
    basicSkills: totalRate(rows.map((f) => f.basicSkills)),
    newParticipants: sum((f) => f.newParticipants),
    newCertified: sum((f) => f.newCertified),
  };
}
