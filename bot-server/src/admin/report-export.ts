import type { CommuneReport } from "../indicators/commune-report";
import type { Figures } from "../indicators/figures";
import { PERIOD_RULE, STEP_RULE } from "../indicators/rules-text";
import type { ReportCell, ReportTable } from "../reports/report-table";

export const REPORT_TITLE = "Báo cáo kết quả thực hiện phong trào Bình dân học vụ số";

/**
 * The dashboard's village table as the report sent upward: the same figures, in the order of the page,
 * with the rules written under it. CSV, XLSX and PDF are all laid out from this one table.
 */
export function reportTable(report: CommuneReport, signedOn: string): ReportTable {
  const figures = (f: Figures): ReportCell[] => [
    f.adults,
    f.participants,
    f.participation.percent,
    f.newParticipants,
    f.certified,
    f.basicSkills.percent,
    f.newCertified,
  ];
  const notes = [
    `Đã tham gia học: ${STEP_RULE.tookPart}`,
    `Đạt kỹ năng số cơ bản: ${STEP_RULE.certified}`,
    PERIOD_RULE,
    "Mục tiêu: 80% người trưởng thành tham gia và đạt kỹ năng số cơ bản.",
  ];
  if (report.total.participation.excluded > 0) {
    notes.push(
      `Tỉ lệ của dòng "Toàn xã" chưa tính ${report.total.participation.excluded} thôn chưa có số người trưởng thành (số người của các thôn ấy vẫn được cộng).`,
    );
  }
  return {
    title: REPORT_TITLE,
    communeName: report.communeName,
    period: report.period,
    columns: [
      { header: "Thôn", kind: "text" },
      { header: "Số người trưởng thành", kind: "integer" },
      { header: "Đã tham gia học (lũy kế)", kind: "integer" },
      { header: "Tỉ lệ tham gia (%)", kind: "percent" },
      { header: "Tham gia mới trong kỳ", kind: "integer" },
      { header: "Đạt kỹ năng số cơ bản (lũy kế)", kind: "integer" },
      { header: "Tỉ lệ đạt (%)", kind: "percent" },
      { header: "Đạt mới trong kỳ", kind: "integer" },
    ],
    rows: report.villages.map((v) => [v.name, ...figures(v)]),
    totals: ["Toàn xã", ...figures(report.total)],
    notes,
    signedOn,
    place: report.communeName,
  };
}

/** "bao-cao-2026-10-01-den-2026-10-31": plain ASCII, so every browser and mail client keeps the name. */
export function reportFileName(report: CommuneReport, extension: string): string {
  return `bao-cao-binh-dan-hoc-vu-so-${report.period.from}-den-${report.period.to}.${extension}`;
}
