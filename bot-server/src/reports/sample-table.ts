import type { ReportTable } from "./report-table";

/**
 * One commune report as the page would build it, for the tests of all three writers: names with every
 * kind of mark, a comma, a quote and a leading "=", numbers over a thousand, a percent with a decimal
 * and an empty cell.
 */
export function sampleTable(rowCount = 4): ReportTable {
  const named: ReportTable["rows"] = [
    ["Thôn Đồng Tâm", 412, 330, 80.1],
    ["Làng Kon Sơ, Ia Broăi", 1234, 895, 72.5],
    ['Buôn "Ea Tiêu"', 96, 0, null],
    ["=Tổ dân phố 3", 58, 41, 70.7],
  ];
  const rows = Array.from({ length: rowCount }, (_, i) => named[i] ?? [`Thôn số ${i + 1}`, 100 + i, 50 + i, 50]);
  return {
    title: "Báo cáo kết quả thực hiện phong trào Bình dân học vụ số",
    communeName: "Xã Ia Broăi",
    period: { from: "2026-10-01", to: "2026-10-31" },
    columns: [
      { header: "Thôn, làng", kind: "text" },
      { header: "Số người đăng ký học", kind: "integer" },
      { header: "Số người hoàn thành", kind: "integer" },
      { header: "Tỷ lệ hoàn thành (%)", kind: "percent" },
    ],
    rows,
    totals: ["Toàn xã", 1800, 1266, 70.3],
    notes: [
      "Người đăng ký học: người đã mở ít nhất một bài trong kỳ báo cáo.",
      "Người hoàn thành: người đã đạt bài kiểm tra cuối khóa và được cấp giấy chứng nhận trong kỳ.",
    ],
    signedOn: "2026-11-05",
    place: "Xã Ia Broăi",
  };
}
