import { PARTICIPATION_TARGET_PERCENT } from "@hvs/shared/indicators";
import { vietnameseDay } from "@hvs/shared/periods";
import { html } from "hono/html";
import type { ProvinceRollup } from "../indicators/province-rollup";
import { PERIOD_RULE, STEP_RULE } from "../indicators/rules-text";
import { percent, status } from "./dashboard-page";
import { csrfField, type Html, layout } from "./pages";
import { type PeriodQuery, periodSearch, presetPeriods } from "./period-query";

const number = (n: number) => n.toLocaleString("vi-VN");

/** Province staff see each commune's figures against the target; names and lists stay with the commune. */
export function provincePage(input: { rollup: ProvinceRollup; query: PeriodQuery; today: string; username: string; csrf: string }): Html {
  const { rollup, query: q } = input;
  const cells = (f: ProvinceRollup["total"]) => html`<td class="num">${number(f.adults)}</td>
    <td class="num" data-count="tookPart">${number(f.participants)}</td><td class="num">${percent(f.participation)}</td>
    <td class="num">${number(f.newParticipants)}</td>
    <td class="num" data-count="certified">${number(f.certified)}</td><td class="num">${percent(f.basicSkills)}</td>
    <td class="num">${number(f.newCertified)}</td><td>${status(f.participation)}</td>`;
  const logout = html`<form method="post" action="/admin/logout">${csrfField(input.csrf)}<button type="submit">Đăng xuất (${input.username})</button></form>`;
  return layout(
    "Tổng hợp toàn tỉnh",
    html`<div class="card">
      <h2>${rollup.provinceName}: kết quả phong trào Bình dân học vụ số theo xã</h2>
      <p>Kỳ: từ ngày <strong>${vietnameseDay(q.period.from)}</strong> đến ngày <strong>${vietnameseDay(q.period.to)}</strong></p>
      ${q.problem ? html`<p class="error" role="alert">${q.problem}</p>` : ""}
      <form method="get" action="/admin/province" class="filters">
        <div><label for="from">Từ ngày</label><input type="date" id="from" name="from" value="${q.period.from}" max="${input.today}" /></div>
        <div><label for="to">Đến ngày</label><input type="date" id="to" name="to" value="${q.period.to}" max="${input.today}" /></div>
        <div><button type="submit">Xem</button></div>
      </form>
      <p class="presets">${presetPeriods(input.today).map((p) => html`<a href="/admin/province?${periodSearch({ period: p.period })}">${p.label}</a> `)}</p>
    </div>
    <div class="card">
      <div class="scroll"><table id="communes">
        <thead>
          <tr><th rowspan="2">Xã</th><th rowspan="2" class="num">Người trưởng thành</th><th colspan="3">Tham gia học kỹ năng số</th>
            <th colspan="3">Đạt kỹ năng số cơ bản</th><th rowspan="2">Tham gia so với mục tiêu ${PARTICIPATION_TARGET_PERCENT}%</th></tr>
          <tr><th class="num">Lũy kế</th><th class="num">Tỉ lệ</th><th class="num">Mới trong kỳ</th><th class="num">Lũy kế</th><th class="num">Tỉ lệ</th><th class="num">Mới trong kỳ</th></tr>
        </thead>
        <tbody>${rollup.communes.map((c) => html`<tr data-commune-id="${c.communeId}"><td>${c.name}</td>${cells(c)}</tr>`)}</tbody>
        <tfoot><tr><td>Toàn tỉnh</td>${cells(rollup.total)}</tr></tfoot>
      </table></div>
      <p class="note">${PERIOD_RULE}</p>
      <p class="note"><strong>Đã tham gia học:</strong> ${STEP_RULE.tookPart}</p>
      <p class="note"><strong>Đạt kỹ năng số cơ bản:</strong> ${STEP_RULE.certified}</p>
      <p class="note">Danh sách người dân chỉ cán bộ xã xem được; trang này chỉ có số liệu.</p>
    </div>`,
    logout,
  );
}
