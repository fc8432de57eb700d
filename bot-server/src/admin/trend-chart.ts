import { PARTICIPATION_TARGET_PERCENT } from "@hvs/shared/indicators";
import { type Bucket, vietnameseDay } from "@hvs/shared/periods";
import { html, raw } from "hono/html";
import type { TrendPoint } from "../indicators/commune-report";

const WIDTH = 720;
const HEIGHT = 260;
// Room on the right for the last month's label ("T11/2026"), which is centred on the last point.
const PAD = { left: 44, right: 36, top: 16, bottom: 40 };

function percentLabel(value: number | null): string {
  return value === null ? "—" : `${value.toLocaleString("vi-VN")}%`;
}

/** One line of a rate chart: its name in the legend and the table, its colour, and its value at each point. */
export interface ChartLine {
  label: string;
  color: string;
  values: (number | null)[];
}

/**
 * Rates over time against a target line, as inline SVG: no script, prints as it shows, and reads the same
 * on an old office PC. The figures are also in a table beside it for screen readers and checking. `id`
 * tells two charts on one page apart.
 */
export function rateChart(input: { id: string; title: string; target: number; points: Bucket[]; lines: ChartLine[] }) {
  const { id, points, lines, target } = input;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const values = lines.flatMap((l) => l.values.map((v) => v ?? 0));
  // Up to 100% unless a population figure is wrong and a rate goes over it: then the axis shows that too.
  const top = Math.max(100, Math.ceil(Math.max(0, ...values) / 10) * 10);
  const x = (i: number) => PAD.left + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (percent: number) => PAD.top + plotH - (percent / top) * plotH;
  const polyline = (line: ChartLine) =>
    line.values
      .map((v, i) => ({ i, v }))
      .filter((p): p is { i: number; v: number } => p.v !== null)
      .map((p) => `${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`)
      .join(" ");
  const every = Math.max(1, Math.ceil(points.length / 12));
  const grid = [0, 20, 40, 60, 80, 100].filter((g) => g <= top);
  const svg = `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title" class="chart" xmlns="http://www.w3.org/2000/svg">
  <title id="${id}-title">${input.title}</title>
  ${grid
    .map(
      (g) =>
        `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(g)}" y2="${y(g)}" stroke="#dde3ea"/><text x="${PAD.left - 6}" y="${y(g) + 4}" text-anchor="end" font-size="11" fill="#475467">${g}%</text>`,
    )
    .join("")}
  <line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(target)}" y2="${y(target)}" stroke="#b42318" stroke-dasharray="6 4"/>
  <text x="${WIDTH - PAD.right}" y="${y(target) - 6}" text-anchor="end" font-size="12" fill="#b42318">Mục tiêu ${target}%</text>
  ${points
    .map((p, i) =>
      i % every === 0 || i === points.length - 1
        ? `<text x="${x(i)}" y="${HEIGHT - PAD.bottom + 18}" text-anchor="middle" font-size="11" fill="#475467">${p.label}</text>`
        : "",
    )
    .join("")}
  ${lines.map((l) => `<polyline points="${polyline(l)}" fill="none" stroke="${l.color}" stroke-width="3"/>`).join("\n  ")}
  <g font-size="12">${lines
    .map(
      (l, i) =>
        `<rect x="${PAD.left + i * 140}" y="${HEIGHT - 14}" width="14" height="4" fill="${l.color}"/><text x="${PAD.left + i * 140 + 20}" y="${HEIGHT - 8}">${l.label}</text>`,
    )
    .join("\n  ")}</g>
</svg>`;
  return html`${raw(svg)}
    <details>
      <summary>Xem số liệu của biểu đồ</summary>
      <table id="${id}">
        <thead><tr><th>Kỳ</th><th>Đến ngày</th>${lines.map((l) => html`<th class="num">${l.label}</th>`)}</tr></thead>
        <tbody>
          ${points.map(
            (p, i) =>
              html`<tr><td>${p.label}</td><td>${vietnameseDay(p.end)}</td>${lines.map((l) => html`<td class="num">${percentLabel(l.values[i] ?? null)}</td>`)}</tr>`,
          )}
        </tbody>
      </table>
    </details>`;
}

/** The two rates of the adults' indicators over time against the 80% line. */
export function trendChart(points: TrendPoint[]) {
  return rateChart({
    id: "trend",
    title: "Tỉ lệ tham gia và tỉ lệ đạt kỹ năng số cơ bản theo thời gian",
    target: PARTICIPATION_TARGET_PERCENT,
    points,
    lines: [
      { label: "Tỉ lệ tham gia", color: "#0068ff", values: points.map((p) => p.participation.percent) },
      { label: "Tỉ lệ đạt kỹ năng số cơ bản", color: "#0a7a32", values: points.map((p) => p.basicSkills.percent) },
    ],
  });
}
