import { HOUSEHOLD_TARGET_PERCENT, type HouseholdFigures, type HouseholdIndicator, type TaskUptake } from "../households/indicator";
import type { CommuneReport } from "../indicators/commune-report";
import type { Figures } from "../indicators/figures";
import {
  HOUSEHOLD_PERIOD_RULE,
  HOUSEHOLD_SELF_REPORTED_RULE,
  householdRuleText,
  PERIOD_RULE,
  STEP_RULE,
  TASK_UPTAKE_RULE,
} from "../indicators/rules-text";
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

/**
 * The households table as its own report (same writers, same signature block). It is not added to the
 * adults' report: a ReportTable is one table whose CSV is that table alone, and the two tables count
 * different things (adults, households) per village.
 */
export function householdReportTable(ind: HouseholdIndicator, communeName: string, signedOn: string): ReportTable {
  const tasks = ind.total.tasks;
  const figures = (f: HouseholdFigures, t: TaskUptake[]): ReportCell[] => [
    f.withSmartphone,
    f.counted,
    f.rate.percent,
    f.selfReportedOnly,
    f.newCounted,
    f.withoutSmartphone,
    ...t.map((task) => task.confirmed),
  ];
  const notes = ind.rule ? [`Quy tắc tính: ${householdRuleText(ind.rule)}`] : ["Nội dung chưa có quy tắc tính hộ: chưa hộ nào được tính."];
  notes.push(HOUSEHOLD_PERIOD_RULE, HOUSEHOLD_SELF_REPORTED_RULE, TASK_UPTAKE_RULE);
  for (const t of tasks) {
    notes.push(`${t.title} (toàn xã): ${t.confirmed} người đã xác nhận, thêm ${t.selfReportedOnly} người chỉ tự đánh dấu.`);
  }
  return {
    title: "Báo cáo hộ gia đình có điện thoại thông minh biết dùng ứng dụng thiết yếu",
    communeName,
    period: ind.period,
    columns: [
      { header: "Thôn", kind: "text" },
      { header: "Hộ có điện thoại thông minh", kind: "integer" },
      { header: "Hộ đạt", kind: "integer" },
      { header: `Tỉ lệ hộ đạt (%, mục tiêu ${HOUSEHOLD_TARGET_PERCENT}%)`, kind: "percent" },
      { header: "Hộ chỉ tự đánh dấu", kind: "integer" },
      { header: "Hộ mới đạt trong kỳ", kind: "integer" },
      { header: "Hộ không có điện thoại thông minh", kind: "integer" },
      ...tasks.map((t) => ({ header: `${t.title}: số người đã xác nhận`, kind: "integer" as const })),
    ],
    rows: ind.villages.map((v) => [v.name, ...figures(v, v.tasks)]),
    totals: ["Toàn xã", ...figures(ind.total, ind.total.tasks)],
    notes,
    signedOn,
    place: communeName,
  };
}
