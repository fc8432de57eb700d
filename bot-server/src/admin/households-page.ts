import type { TaskEvidence } from "@hvs/shared/households";
import { vietnameseDay } from "@hvs/shared/periods";
import { html } from "hono/html";
import { HOUSEHOLD_IMPORT_HEADERS } from "../households/household-import";
import {
  HOUSEHOLD_STATUSES,
  HOUSEHOLD_TARGET_PERCENT,
  type HouseholdIndicator,
  type HouseholdListQuery,
  type HouseholdRow,
  type HouseholdStatus,
} from "../households/indicator";
import {
  HOUSEHOLD_FORGOTTEN_RULE,
  HOUSEHOLD_PERIOD_RULE,
  HOUSEHOLD_SELF_REPORTED_RULE,
  HOUSEHOLD_STATUS_LABEL,
  householdRuleText,
  TASK_UPTAKE_RULE,
} from "../indicators/rules-text";
import type { ReportTable } from "../reports/report-table";
import { csrfField, type Html, staffLayout } from "./pages";
import { type PeriodQuery, periodSearch } from "./period-query";
import { rateChart } from "./trend-chart";

export const HOUSEHOLDS_PAGE_SIZE = 100;

const number = (n: number) => n.toLocaleString("vi-VN");
const percentText = (p: number | null) => (p === null ? "—" : `${p.toLocaleString("vi-VN")}%`);

const EVIDENCE_LABEL: Record<TaskEvidence, string> = { confirmed: "Đã xác nhận", self_reported: "Tự đánh dấu" };

/** ?status=&scope=&village= as the dashboard's links send them; anything else lists every household. */
export function readHouseholdStatus(value: string | undefined): HouseholdListQuery["status"] {
  if (value === "smartphone") return value;
  return HOUSEHOLD_STATUSES.includes(value as HouseholdStatus) ? (value as HouseholdStatus) : null;
}

export function householdsSearch(q: Omit<HouseholdListQuery, "status" | "scope"> & Partial<HouseholdListQuery>): string {
  const params = new URLSearchParams(periodSearch({ period: q.period, villageId: q.villageId }));
  if (q.status) params.set("status", q.status);
  if (q.scope === "new") params.set("scope", "new");
  return params.toString();
}

/** A number that opens the households behind it. */
function householdsLink(
  q: PeriodQuery,
  villageId: number | null,
  status: HouseholdListQuery["status"],
  scope: "cumulative" | "new",
  n: number,
) {
  const search = householdsSearch({ period: q.period, villageId, status, scope });
  return html`<a href="/admin/households?${search}" data-households="${status ?? "all"}${scope === "new" ? "-new" : ""}">${number(n)}</a>`;
}

function rateCell(rate: { percent: number | null; meetsTarget: boolean }): Html {
  if (rate.percent === null) return html`<span class="note">Chưa có hộ</span>`;
  return html`${percentText(rate.percent)} ${rate.meetsTarget ? html`<span class="ok">Đạt</span>` : html`<span class="below">Chưa đạt</span>`}`;
}

/** The dashboard's households section: the table per village, the trend, the per-task uptake. */
export function householdsSection(ind: HouseholdIndicator | null, q: PeriodQuery): Html {
  if (!ind) return html``;
  if (!ind.rule) {
    return html`<div class="card" id="households-section">
      <h2>Hộ gia đình biết dùng ứng dụng thiết yếu</h2>
      <p class="warn" role="status">Nội dung chưa có quy tắc tính hộ (tệp content/households.yaml), nên chưa tính được chỉ tiêu hộ gia đình. Hãy nhờ bộ phận kỹ thuật bổ sung.</p>
    </div>`;
  }
  const row = (villageId: number | null, f: HouseholdIndicator["total"] | HouseholdIndicator["villages"][number]) => html`
    <td class="num" data-h="withSmartphone">${householdsLink(q, villageId, "smartphone", "cumulative", f.withSmartphone)}</td>
    <td class="num" data-h="counted">${householdsLink(q, villageId, "counted", "cumulative", f.counted)}</td>
    <td class="num" data-h="rate">${rateCell(f.rate)}</td>
    <td class="num" data-h="selfReportedOnly">${householdsLink(q, villageId, "selfReportedOnly", "cumulative", f.selfReportedOnly)}</td>
    <td class="num" data-h="newCounted">${householdsLink(q, villageId, "counted", "new", f.newCounted)}</td>
    <td class="num" data-h="noSmartphone">${householdsLink(q, villageId, "noSmartphone", "cumulative", f.withoutSmartphone)}</td>`;
  const trend = ind.focus.trend;
  const focusName = ind.focus.villageId === null ? "toàn xã" : (ind.villages.find((v) => v.villageId === ind.focus.villageId)?.name ?? "");
  const exportSearch = periodSearch({ period: q.period });
  return html`<div class="card" id="households-section">
      <h2>Hộ gia đình có điện thoại thông minh biết dùng ứng dụng thiết yếu (mục tiêu ${HOUSEHOLD_TARGET_PERCENT}%)</h2>
      <p class="note"><strong>Quy tắc tính:</strong> ${householdRuleText(ind.rule)}</p>
      <p class="note">${HOUSEHOLD_PERIOD_RULE} Bấm vào một con số để xem danh sách hộ.</p>
      <div class="scroll" tabindex="0" role="region" aria-label="Bảng hộ gia đình theo thôn"><table id="households">
        <thead><tr><th>Thôn</th><th class="num">Hộ có điện thoại thông minh</th><th class="num">Hộ đạt${
          ind.rule.evidence === "confirmed" ? " (đã xác nhận)" : ""
        }</th><th class="num">Tỉ lệ (mục tiêu ${HOUSEHOLD_TARGET_PERCENT}%)</th><th class="num">Chỉ tự đánh dấu</th><th class="num">Mới đạt trong kỳ</th><th class="num">Hộ không có điện thoại thông minh</th></tr></thead>
        <tbody>
          ${ind.villages.map((v) => html`<tr data-village-id="${v.villageId}"><td>${v.name}</td>${row(v.villageId, v)}</tr>`)}
        </tbody>
        <tfoot><tr><td>Toàn xã</td>${row(null, ind.total)}</tr></tfoot>
      </table></div>
      <p class="note">${HOUSEHOLD_SELF_REPORTED_RULE}</p>
      <p class="exports">Tải báo cáo hộ gia đình:
        <a href="/admin/households/report.xlsx?${exportSearch}" aria-label="Báo cáo hộ gia đình, Excel">Excel (.xlsx)</a> ·
        <a href="/admin/households/report.csv?${exportSearch}" aria-label="Báo cáo hộ gia đình, CSV">CSV</a> ·
        <a href="/admin/households/report.pdf?${exportSearch}" aria-label="Báo cáo hộ gia đình, PDF để in và ký">PDF để in và ký</a></p>
      <p class="exports">Danh sách hộ: <a href="/admin/households.xlsx?${exportSearch}" aria-label="Danh sách hộ, Excel">Excel (.xlsx)</a> · <a href="/admin/households.csv?${exportSearch}" aria-label="Danh sách hộ, CSV">CSV</a> ·
        <a href="/admin/households/import">Nhập danh sách hộ từ tệp</a></p>
    </div>
    <div class="card">
      <h2>Tỉ lệ hộ đạt theo ${q.granularity === "week" ? "tuần" : "tháng"} (${focusName})</h2>
      ${rateChart({
        id: "household-trend",
        title: "Tỉ lệ hộ có điện thoại thông minh biết dùng ứng dụng thiết yếu theo thời gian",
        target: HOUSEHOLD_TARGET_PERCENT,
        points: trend,
        lines: [{ label: "Tỉ lệ hộ đạt", color: "#0068ff", values: trend.map((p) => p.rate.percent) }],
      })}
    </div>
    <div class="card">
      <h2>Số người đã làm từng nhiệm vụ (lũy kế đến ${vietnameseDay(q.period.to)})</h2>
      <p class="note">${TASK_UPTAKE_RULE}</p>
      <div class="scroll" tabindex="0" role="region" aria-label="Bảng từng việc theo thôn"><table id="task-uptake">
        <thead><tr><th>Thôn</th>${ind.total.tasks.map((t) => html`<th class="num">${t.title}: đã xác nhận</th><th class="num">${t.title}: chỉ tự đánh dấu</th>`)}</tr></thead>
        <tbody>
          ${ind.villages.map(
            (v) =>
              html`<tr data-village-id="${v.villageId}"><td>${v.name}</td>${v.tasks.map(
                (t) =>
                  html`<td class="num" data-task="${t.taskId}-confirmed">${number(t.confirmed)}</td><td class="num" data-task="${t.taskId}-self">${number(t.selfReportedOnly)}</td>`,
              )}</tr>`,
          )}
        </tbody>
        <tfoot><tr><td>Toàn xã</td>${ind.total.tasks.map(
          (t) =>
            html`<td class="num" data-task="${t.taskId}-confirmed">${number(t.confirmed)}</td><td class="num" data-task="${t.taskId}-self">${number(t.selfReportedOnly)}</td>`,
        )}</tr></tfoot>
      </table></div>
    </div>`;
}

function statusHeading(q: HouseholdListQuery): string {
  if (q.scope === "new") return "Hộ mới đạt trong kỳ";
  if (q.status === null) return "Tất cả hộ trong danh sách";
  if (q.status === "smartphone") return "Hộ có điện thoại thông minh";
  return `Hộ: ${HOUSEHOLD_STATUS_LABEL[q.status].toLocaleLowerCase("vi")}`;
}

/** The drill-down: the households behind a number, with the best member's tasks and the rule in words. */
export function householdsPage(input: {
  query: HouseholdListQuery;
  villages: { id: number; name: string }[];
  villageName: string | null;
  rule: HouseholdIndicator["rule"];
  rows: HouseholdRow[];
  page: number;
  username: string;
  csrf: string;
}): Html {
  const { query: q, rows, rule } = input;
  const pages = Math.max(1, Math.ceil(rows.length / HOUSEHOLDS_PAGE_SIZE));
  const page = Math.min(input.page, pages);
  const shown = rows.slice((page - 1) * HOUSEHOLDS_PAGE_SIZE, page * HOUSEHOLDS_PAGE_SIZE);
  const search = householdsSearch(q);
  const tasks = rule?.tasks ?? [];
  return staffLayout(
    "Danh sách hộ gia đình",
    { username: input.username, csrf: input.csrf, current: "/admin/households" },
    html`<div class="card">
      <p><a href="/admin?${periodSearch({ period: q.period })}">← Về trang chỉ số</a></p>
      <h2>${statusHeading(q)} — ${input.villageName ?? "toàn xã"}, đến hết ngày ${vietnameseDay(q.period.to)}: <span id="households-total">${number(rows.length)}</span> hộ</h2>
      ${rule ? html`<p><strong>Quy tắc tính:</strong> ${householdRuleText(rule)}</p>` : html`<p class="warn">Nội dung chưa có quy tắc tính hộ, nên chưa hộ nào được tính.</p>`}
      <p class="note">${HOUSEHOLD_PERIOD_RULE}</p>
      <p class="note">${HOUSEHOLD_FORGOTTEN_RULE}</p>
      <form method="get" action="/admin/households" class="filters">
        <input type="hidden" name="from" value="${q.period.from}" /><input type="hidden" name="to" value="${q.period.to}" />
        <div><label for="village">Thôn</label><select id="village" name="village"><option value="">Toàn xã</option>${input.villages.map(
          (v) => html`<option value="${v.id}" ${v.id === q.villageId ? "selected" : ""}>${v.name}</option>`,
        )}</select></div>
        <div><label for="status">Tình trạng</label><select id="status" name="status"><option value="">Tất cả</option><option value="smartphone" ${q.status === "smartphone" ? "selected" : ""}>Có điện thoại thông minh (mẫu số)</option>${HOUSEHOLD_STATUSES.map(
          (s) => html`<option value="${s}" ${s === q.status ? "selected" : ""}>${HOUSEHOLD_STATUS_LABEL[s]}</option>`,
        )}</select></div>
        <div><button type="submit">Lọc</button></div>
      </form>
      <p class="exports"><a href="/admin/households.xlsx?${search}">Tải danh sách (Excel)</a> · <a href="/admin/households.csv?${search}" aria-label="Tải danh sách (CSV)">CSV</a> · <a href="/admin/households/import">Nhập danh sách hộ từ tệp</a></p>
      <div class="scroll" tabindex="0" role="region" aria-label="Danh sách hộ"><table id="household-list">
        <thead><tr><th class="num">Mã hộ</th><th>Thôn</th><th>Tên hộ</th><th>Điện thoại thông minh</th><th class="num">Số thành viên</th><th>Thành viên</th><th>Tình trạng</th>${tasks.map(
          (t) => html`<th>${t.title}</th>`,
        )}</tr></thead>
        <tbody>
          ${shown.map(
            (r) => html`<tr data-household-id="${r.id}" data-status="${r.status}">
              <td class="num">${r.id}</td><td>${r.villageName}</td><td>${r.label}</td><td>${r.hasSmartphone ? "Có" : "Không"}</td>
              <td class="num">${r.memberCount}</td><td>${r.memberNames.map((n, i) => html`${i > 0 ? ", " : ""}${n ?? "(đã xóa dữ liệu)"}`)}</td>
              <td>${HOUSEHOLD_STATUS_LABEL[r.status]}</td>${tasks.map((t) => {
                const e = r.best.get(t.id);
                return html`<td data-task="${t.id}">${e ? EVIDENCE_LABEL[e] : "—"}</td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table></div>
      <p class="note">Các cột nhiệm vụ là của người trong hộ làm được nhiều nhất (hộ chỉ được tính khi một người làm được tất cả).</p>
      ${
        pages > 1
          ? html`<p>Trang ${page} / ${pages}
              ${page > 1 ? html`· <a href="/admin/households?${search}&page=${page - 1}">← Trang trước</a>` : ""}
              ${page < pages ? html`· <a href="/admin/households?${search}&page=${page + 1}">Trang sau →</a>` : ""}</p>`
          : ""
      }
    </div>`,
  );
}

/** The list as a file: the import's columns first (so it can be edited and sent back), then the standing. */
export function householdsTable(
  q: HouseholdListQuery,
  rule: HouseholdIndicator["rule"],
  rows: HouseholdRow[],
  signedOn: string,
): ReportTable {
  const tasks = rule?.tasks ?? [];
  const [code, village, label, phone] = HOUSEHOLD_IMPORT_HEADERS;
  return {
    title: `Danh sách hộ gia đình — đến hết ngày ${vietnameseDay(q.period.to)}`,
    communeName: "",
    period: q.period,
    columns: [
      { header: code, kind: "integer" },
      { header: village, kind: "text" },
      { header: label, kind: "text" },
      { header: phone, kind: "text" },
      { header: "Số thành viên", kind: "integer" },
      { header: "Đạt chỉ tiêu", kind: "text" },
      ...tasks.map((t) => ({ header: t.title, kind: "text" as const })),
    ],
    rows: rows.map((r) => [
      r.id,
      r.villageName,
      r.label,
      r.hasSmartphone ? "Có" : "Không",
      r.memberCount,
      HOUSEHOLD_STATUS_LABEL[r.status],
      ...tasks.map((t) => {
        const e = r.best.get(t.id);
        return e ? EVIDENCE_LABEL[e] : "";
      }),
    ]),
    totals: [],
    notes: rule ? [`Quy tắc tính: ${householdRuleText(rule)}`, HOUSEHOLD_PERIOD_RULE] : [HOUSEHOLD_PERIOD_RULE],
    signedOn,
    place: "",
  };
}

/** The import file pre-filled with the commune's households today: edit, add rows without a code, send back. */
export function householdTemplateTable(rows: HouseholdRow[], today: string): ReportTable {
  const [code, village, label, phone] = HOUSEHOLD_IMPORT_HEADERS;
  return {
    title: "Danh sách hộ gia đình",
    communeName: "",
    period: { from: today, to: today },
    columns: [
      { header: code, kind: "integer" },
      { header: village, kind: "text" },
      { header: label, kind: "text" },
      { header: phone, kind: "text" },
    ],
    rows: rows.map((r) => [r.id, r.villageName, r.label, r.hasSmartphone ? "Có" : "Không"]),
    totals: [],
    notes: [],
    signedOn: today,
    place: "",
  };
}

export function householdImportPage(input: { username: string; csrf: string; notice?: string; problems?: string[] }): Html {
  return staffLayout(
    "Nhập danh sách hộ gia đình",
    { username: input.username, csrf: input.csrf, current: "/admin/households" },
    html`<div class="card">
      <p><a href="/admin/households">← Về danh sách hộ</a></p>
      <h2>Nhập danh sách hộ gia đình từ tệp Excel hoặc CSV</h2>
      ${input.notice ? html`<p class="ok" role="status">${input.notice}</p>` : ""}
      ${
        input.problems && input.problems.length > 0
          ? html`<div class="error" role="alert"><p>Chưa lưu gì, vì tệp có lỗi:</p><ul>${input.problems.map((p) => html`<li>${p}</li>`)}</ul></div>`
          : ""
      }
      <p>Dòng đầu là tiêu đề, các cột theo thứ tự bất kỳ: ${HOUSEHOLD_IMPORT_HEADERS.map((h, i) => html`${i > 0 ? ", " : ""}<strong>${h}</strong>`)}. Các cột khác (như trong tệp tải về) được bỏ qua.</p>
      <ul class="note">
        <li>Dòng có <strong>Mã hộ</strong>: sửa tên và việc có điện thoại thông minh của hộ đó (hộ phải thuộc xã và vẫn ở thôn ghi trong dòng).</li>
        <li>Dòng không có mã hộ: thêm một hộ mới vào thôn. Tên thôn viết có dấu hay không dấu, hoa hay thường đều được.</li>
        <li>Cột điện thoại thông minh ghi <strong>Có</strong> hoặc <strong>Không</strong> (cũng nhận x, 1, 0).</li>
        <li>Tệp có một lỗi thì không dòng nào được lưu; trang sẽ liệt kê mọi lỗi theo số dòng để sửa rồi gửi lại.</li>
      </ul>
      <p><a href="/admin/households/template.csv">Tải tệp mẫu (CSV)</a> · <a href="/admin/households/template.xlsx">Tải tệp mẫu (Excel)</a> (đã điền các hộ hiện có)</p>
      <form method="post" action="/admin/households/import" enctype="multipart/form-data">
        ${csrfField(input.csrf)}
        <label for="file">Tệp .xlsx hoặc .csv (tối đa 1 MB)</label>
        <input id="file" name="file" type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        <button type="submit">Nhập</button>
      </form>
    </div>`,
  );
}
