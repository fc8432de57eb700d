import { PARTICIPATION_TARGET_PERCENT, type Rate } from "@hvs/shared/indicators";
import { vietnameseDay } from "@hvs/shared/periods";
import { html } from "hono/html";
import type { HouseholdIndicator } from "../households/indicator";
import { type CommuneReport, STEPS, type Step } from "../indicators/commune-report";
import type { Figures } from "../indicators/figures";
import { PERIOD_RULE, STEP_LABEL, STEP_RULE } from "../indicators/rules-text";
import { householdsSection } from "./households-page";
import { type Html, staffLayout } from "./pages";
import { type PeriodQuery, periodSearch, presetPeriods } from "./period-query";
import { trendChart } from "./trend-chart";

const number = (n: number) => n.toLocaleString("vi-VN");

export function percent(rate: Rate): string {
  return rate.percent === null ? "—" : `${rate.percent.toLocaleString("vi-VN")}%`;
}

export function status(rate: Rate): Html {
  if (rate.percent === null) return html`<span class="warn">Chưa nhập số người trưởng thành</span>`;
  if (rate.exceedsPopulation) return html`<span class="warn">Vượt số người trưởng thành: cần kiểm tra lại số liệu</span>`;
  return rate.meetsTarget ? html`<span class="ok">Đạt</span>` : html`<span class="below">Chưa đạt</span>`;
}

/** A number that opens the list of people behind it (the rule is stated there too). */
function peopleLink(q: PeriodQuery, step: Step, scope: "cumulative" | "new", villageId: number | null, n: number): Html {
  const params = new URLSearchParams(periodSearch({ period: q.period }));
  params.set("step", step);
  params.set("scope", scope);
  if (villageId !== null) params.set("village", String(villageId));
  return html`<a href="/admin/people?${params.toString()}" data-step="${step}" data-scope="${scope}">${number(n)}</a>`;
}

function tile(title: string, rate: Rate, rule: string): Html {
  const width = Math.min(100, rate.percent ?? 0);
  return html`<div class="tile">
    <h3>${title}</h3>
    <p class="big">${percent(rate)}</p>
    <div class="bar" aria-hidden="true"><span style="width:${width}%"></span><i style="left:${PARTICIPATION_TARGET_PERCENT}%"></i></div>
    <p>${number(rate.numerator)} / ${number(rate.denominator)} người trưởng thành · ${status(rate)}</p>
    <p class="note">${rule}</p>
  </div>`;
}

function filterForm(report: CommuneReport, q: PeriodQuery, today: string): Html {
  return html`<form method="get" action="/admin" class="filters">
      <div><label for="from">Từ ngày</label><input type="date" id="from" name="from" value="${q.period.from}" max="${today}" /></div>
      <div><label for="to">Đến ngày</label><input type="date" id="to" name="to" value="${q.period.to}" max="${today}" /></div>
      <div><label for="by">Biểu đồ theo</label>
        <select id="by" name="by">
          <option value="week" ${q.granularity === "week" ? "selected" : ""}>Tuần</option>
          <option value="month" ${q.granularity === "month" ? "selected" : ""}>Tháng</option>
        </select></div>
      <div><label for="village">Biểu đồ và phễu cho</label>
        <select id="village" name="village">
          <option value="">Toàn xã</option>
          ${report.villages.map((v) => html`<option value="${v.villageId}" ${q.villageId === v.villageId ? "selected" : ""}>${v.name}</option>`)}
        </select></div>
      <div><button type="submit">Xem</button></div>
    </form>
    <p class="presets">${presetPeriods(today).map(
      (p) => html`<a href="/admin?${periodSearch({ period: p.period })}">${p.label}</a> `,
    )}</p>`;
}

function villageTable(report: CommuneReport, q: PeriodQuery): Html {
  const row = (villageId: number | null, f: Figures) => html`<td class="num">${number(f.adults)}</td>
    <td class="num" data-count="tookPart">${peopleLink(q, "tookPart", "cumulative", villageId, f.participants)}</td>
    <td class="num" data-rate="tookPart">${percent(f.participation)}</td>
    <td class="num">${peopleLink(q, "tookPart", "new", villageId, f.newParticipants)}</td>
    <td class="num" data-count="certified">${peopleLink(q, "certified", "cumulative", villageId, f.certified)}</td>
    <td class="num" data-rate="certified">${percent(f.basicSkills)}</td>
    <td class="num">${peopleLink(q, "certified", "new", villageId, f.newCertified)}</td>
    <td>${status(f.participation)}</td>`;
  return html`<div class="scroll"><table id="villages">
    <thead>
      <tr><th rowspan="2">Thôn</th><th rowspan="2" class="num">Người trưởng thành</th>
        <th colspan="3">Tham gia học kỹ năng số</th><th colspan="3">Đạt kỹ năng số cơ bản</th>
        <th rowspan="2">Tham gia so với mục tiêu ${PARTICIPATION_TARGET_PERCENT}%</th></tr>
      <tr><th class="num">Lũy kế</th><th class="num">Tỉ lệ</th><th class="num">Mới trong kỳ</th>
        <th class="num">Lũy kế</th><th class="num">Tỉ lệ</th><th class="num">Mới trong kỳ</th></tr>
    </thead>
    <tbody>
      ${report.villages.map((v) => html`<tr data-village-id="${v.villageId}"><td>${v.name}</td>${row(v.villageId, v)}</tr>`)}
    </tbody>
    <tfoot><tr><td>Toàn xã</td>${row(null, report.total)}</tr></tfoot>
  </table></div>
  ${
    report.total.participation.excluded > 0
      ? html`<p class="note">Tỉ lệ toàn xã chưa tính ${report.total.participation.excluded} thôn chưa có số người trưởng thành vào ngày ${vietnameseDay(report.period.to)} (số người của các thôn ấy vẫn được cộng).
          <a href="/admin/populations">Nhập số người trưởng thành</a>.</p>`
      : ""
  }`;
}

function funnel(report: CommuneReport, q: PeriodQuery): Html {
  const f = report.focus.funnel;
  const first = Math.max(1, f.registered);
  return html`<table id="funnel" class="funnel">
    <thead><tr><th>Bước</th><th class="num">Số người</th><th class="num">So với bước trước</th><th></th></tr></thead>
    <tbody>
      ${STEPS.map((step, i) => {
        const previous = i === 0 ? null : f[STEPS[i - 1] as Step];
        const share = previous ? `${(Math.round((f[step] * 1000) / previous) / 10).toLocaleString("vi-VN")}%` : "—";
        return html`<tr data-step="${step}">
          <th scope="row" title="${STEP_RULE[step]}">${STEP_LABEL[step]}</th>
          <td class="num">${peopleLink(q, step, "cumulative", report.focus.villageId, f[step])}</td>
          <td class="num">${share}</td>
          <td class="barcell"><span style="width:${((f[step] / first) * 100).toFixed(1)}%"></span></td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

export function dashboardPage(input: {
  report: CommuneReport;
  /** The households indicator for the same period and village focus. */
  households?: HouseholdIndicator;
  query: PeriodQuery;
  today: string;
  username: string;
  csrf: string;
}): Html {
  const { report, query: q } = input;
  const focusName =
    report.focus.villageId === null ? "toàn xã" : (report.villages.find((v) => v.villageId === report.focus.villageId)?.name ?? "");
  const exportSearch = periodSearch({ period: q.period });
  return staffLayout(
    "Chỉ số phong trào",
    { username: input.username, csrf: input.csrf, current: "/admin" },
    html`<div class="card">
      <h2>${report.communeName}: kết quả phong trào Bình dân học vụ số</h2>
      <p>Kỳ: từ ngày <strong>${vietnameseDay(q.period.from)}</strong> đến ngày <strong>${vietnameseDay(q.period.to)}</strong></p>
      ${q.problem ? html`<p class="error" role="alert">${q.problem}</p>` : ""}
      ${filterForm(report, q, input.today)}
    </div>
    <div class="tiles">
      ${tile("Tỉ lệ người trưởng thành tham gia học", report.total.participation, STEP_RULE.tookPart)}
      ${tile("Tỉ lệ người trưởng thành đạt kỹ năng số cơ bản", report.total.basicSkills, STEP_RULE.certified)}
    </div>
    <div class="card">
      <h2>Theo thôn</h2>
      <p class="note">${PERIOD_RULE} Bấm vào một con số để xem danh sách người được tính.</p>
      ${villageTable(report, q)}
      <p class="exports">Tải báo cáo:
        <a href="/admin/report.xlsx?${exportSearch}">Excel (.xlsx)</a> ·
        <a href="/admin/report.csv?${exportSearch}">CSV</a> ·
        <a href="/admin/report.pdf?${exportSearch}">PDF để in và ký</a></p>
    </div>
    <div class="card">
      <h2>Diễn biến theo ${q.granularity === "week" ? "tuần" : "tháng"} (${focusName})</h2>
      ${trendChart(report.focus.trend)}
    </div>
    <div class="card">
      <h2>Từ đăng ký đến đạt chuẩn (${focusName}, lũy kế đến ${vietnameseDay(q.period.to)})</h2>
      ${funnel(report, q)}
      <ul class="note">${STEPS.map((step) => html`<li><strong>${STEP_LABEL[step]}:</strong> ${STEP_RULE[step]}</li>`)}</ul>
    </div>
    ${householdsSection(input.households ?? null, q)}`,
  );
}
