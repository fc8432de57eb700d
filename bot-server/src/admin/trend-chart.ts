import { PARTICIPATION_TARGET_PERCENT } from "@hvs/shared/indicators";
import { vietnameseDay } from "@hvs/shared/periods";
import { html, raw } from "hono/html";
import type { TrendPoint } from "../indicators/commune-report";

const WIDTH = 720;
const HEIGHT = 260;
// Room on the right for the last month's label ("T11/2026"), which is centred on the last point.
const PAD = { left: 44, right: 36, top: 16, bottom: 40 };

function percentLabel(value: number | null): string {
  return value === null ? "—" : `${value.toLocaleString("vi-VN")}%`;
}

/**
 * The two rates over time against the 80% line, as inline SVG: no script, prints as it shows, and reads
 * the same on an old office PC. The figures are also in a table beside it for screen readers and checking.
 */
export function trendChart(points: TrendPoint[]) {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const values = points.flatMap((p) => [p.participation.percent ?? 0, p.basicSkills.percent ?? 0]);
  // Up to 100% unless a population figure is wrong and a rate goes over it: then the axis shows that too.
  const top = Math.max(100, Math.ceil(Math.max(0, ...values) / 10) * 10);
  const x = (i: number) => PAD.left + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (percent: number) => PAD.top + plotH - (percent / top) * plotH;
  const line = (pick: (p: TrendPoint) => number | null) =>
    points
      .map((p, i) => ({ i, v: pick(p) }))
      .filter((p): p is { i: number; v: number } => p.v !== null)
      .map((p) => `${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`)
      .join(" ");
  const every = Math.max(1, Math.ceil(points.length / 12));
  const grid = [0, 20, 40, 60, 80, 100].filter((g) => g <= top);
  const svg = `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="trend-title" class="chart" xmlns="http://www.w3.org/2000/svg">
  <title id="trend-title">Tỉ lệ tham gia và tỉ lệ đạt kỹ năng số cơ bản theo thời gian</title>
  ${grid
    .map(
      (g) =>
        `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(g)}" y2="${y(g)}" stroke="#dde3ea"/><text x="${PAD.left - 6}" y="${y(g) + 4}" text-anchor="end" font-size="11" fill="#475467">${g}%</text>`,
    )
    .join("")}
  <line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(PARTICIPATION_TARGET_PERCENT)}" y2="${y(PARTICIPATION_TARGET_PERCENT)}" stroke="#b42318" stroke-dasharray="6 4"/>
  <text x="${WIDTH - PAD.right}" y="${y(PARTICIPATION_TARGET_PERCENT) - 6}" text-anchor="end" font-size="12" fill="#b42318">Mục tiêu ${PARTICIPATION_TARGET_PERCENT}%</text>
  ${points
    .map((p, i) =>
      i % every === 0 || i === points.length - 1
        ? `<text x="${x(i)}" y="${HEIGHT - PAD.bottom + 18}" text-anchor="middle" font-size="11" fill="#475467">${p.label}</text>`
        : "",
    )
    .join("")}
  <polyline points="${line((p) => p.participation.percent)}" fill="none" stroke="#0068ff" stroke-width="3"/>
  <polyline points="${line((p) => p.basicSkills.percent)}" fill="none" stroke="#0a7a32" stroke-width="3"/>
  <g font-size="12"><rect x="${PAD.left}" y="${HEIGHT - 14}" width="14" height="4" fill="#0068ff"/><text x="${PAD.left + 20}" y="${HEIGHT - 8}">Tỉ lệ tham gia</text>
  <rect x="${PAD.left + 140}" y="${HEIGHT - 14}" width="14" height="4" fill="#0a7a32"/><text x="${PAD.left + 160}" y="${HEIGHT - 8}">Tỉ lệ đạt kỹ năng số cơ bản</text></g>
</svg>`;
  return html`${raw(svg)}
    <details>
      <summary>Xem số liệu của biểu đồ</summary>
      <table id="trend">
        <thead><tr><th>Kỳ</th><th>Đến ngày</th><th class="num">Tỉ lệ tham gia</th><th class="num">Tỉ lệ đạt kỹ năng số cơ bản</th></tr></thead>
        <tbody>
          ${points.map(
            (p) =>
              html`<tr><td>${p.label}</td><td>${vietnameseDay(p.end)}</td><td class="num">${percentLabel(p.participation.percent)}</td><td class="num">${percentLabel(p.basicSkills.percent)}</td></tr>`,
          )}
        </tbody>
      </table>
    </details>`;
}
