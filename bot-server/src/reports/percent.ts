/**
 * A percent cell's value as every export writes it: one decimal, as the report table promises. Rounded
 * once here so the CSV, the workbook and the printed page show the same figure for 33.3333….
 */
export function roundPercent(value: number): number {
  return Math.round(value * 10) / 10;
}
