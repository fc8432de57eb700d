/**
 * What every export of the commune report is made from: the page builds one of these and the CSV, XLSX and
 * PDF writers only lay it out, so the three files and the page cannot disagree.
 */
export type ReportCell = string | number | null;

export interface ReportColumn {
  header: string;
  /** `percent` cells hold numbers like 72.5 (per cent, one decimal); null cells print as "—". */
  kind: "text" | "integer" | "percent";
}

export interface ReportTable {
  /** e.g. "Báo cáo kết quả thực hiện phong trào Bình dân học vụ số". */
  title: string;
  communeName: string;
  /** Inclusive, YYYY-MM-DD in Vietnam time. */
  period: { from: string; to: string };
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** The "Toàn xã" line, same width as the columns. */
  totals: ReportCell[];
  /** The rules that counted each number, in words, printed under the table. */
  notes: string[];
  /** The day the report is signed, YYYY-MM-DD in Vietnam time. */
  signedOn: string;
  /** The place written before the date at the signature ("Xã Ia Broăi"). */
  place: string;
}
