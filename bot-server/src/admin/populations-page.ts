import { vietnameseDay } from "@hvs/shared/periods";
import { html } from "hono/html";
import { POPULATION_HEADERS } from "../indicators/population-import";
import type { populationLog } from "../indicators/populations";
import { csrfField, type Html, staffLayout, vietnamDateTime } from "./pages";

const SOURCE = { form: "Nhập trên trang", import: "Nhập từ tệp", setup: "Khởi tạo" } as const;

export interface VillageNow {
  villageId: number;
  name: string;
  adults: number;
}

export function populationsPage(input: {
  villages: VillageNow[];
  log: ReturnType<typeof populationLog>;
  today: string;
  username: string;
  csrf: string;
  notice?: string;
  problems?: string[];
}): Html {
  return staffLayout(
    "Số người trưởng thành",
    { username: input.username, csrf: input.csrf, current: "/admin/populations" },
    html`<div class="card">
      <h2>Số người trưởng thành theo thôn (mẫu số của các tỉ lệ)</h2>
      <p class="note">Mỗi lần nhập là một dòng mới trong lịch sử, có ngày bắt đầu áp dụng: báo cáo của một kỳ dùng số có hiệu lực vào ngày cuối kỳ, nên sửa số cho năm sau không làm thay đổi báo cáo đã gửi.</p>
      ${input.notice ? html`<p class="ok" role="status">${input.notice}</p>` : ""}
      ${
        input.problems && input.problems.length > 0
          ? html`<div class="error" role="alert"><p>Chưa lưu gì, vì tệp có lỗi:</p><ul>${input.problems.map((p) => html`<li>${p}</li>`)}</ul></div>`
          : ""
      }
      <table id="populations">
        <thead><tr><th>Thôn</th><th class="num">Đang áp dụng hôm nay</th><th>Nhập số mới</th></tr></thead>
        <tbody>
          ${input.villages.map(
            (v) => html`<tr data-village-id="${v.villageId}">
              <td>${v.name}</td>
              <td class="num">${v.adults.toLocaleString("vi-VN")}</td>
              <td>
                <form method="post" action="/admin/populations" class="filters">
                  ${csrfField(input.csrf)}
                  <input type="hidden" name="villageId" value="${v.villageId}" />
                  <div><label for="adults-${v.villageId}">Số người</label>
                    <input id="adults-${v.villageId}" name="adults" inputmode="numeric" pattern="[0-9]*" required maxlength="7" size="8" /></div>
                  <div><label for="from-${v.villageId}">Áp dụng từ ngày</label>
                    <input id="from-${v.villageId}" name="effectiveFrom" type="date" required value="${input.today}" max="${input.today}" /></div>
                  <div><button type="submit">Lưu</button></div>
                </form>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <div class="card">
      <h2>Nhập từ tệp Excel hoặc CSV</h2>
      <p>Dòng đầu là tiêu đề gồm ba cột: ${POPULATION_HEADERS.map((h, i) => html`${i > 0 ? ", " : ""}<strong>${h}</strong>`)}. Mỗi dòng sau là một thôn. Ngày viết 01/01/2026 hoặc 2026-01-01.
        <a href="/admin/populations/template.csv">Tải tệp mẫu (CSV)</a> · <a href="/admin/populations/template.xlsx">Tải tệp mẫu (Excel)</a></p>
      <form method="post" action="/admin/populations/import" enctype="multipart/form-data">
        ${csrfField(input.csrf)}
        <label for="file">Tệp .xlsx hoặc .csv (tối đa 1 MB)</label>
        <input id="file" name="file" type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        <button type="submit">Nhập</button>
      </form>
    </div>
    <div class="card">
      <h2>Lịch sử</h2>
      <table id="population-history">
        <thead><tr><th>Thôn</th><th class="num">Số người</th><th>Áp dụng từ</th><th>Cách nhập</th><th>Người nhập</th><th>Lúc</th></tr></thead>
        <tbody>
          ${input.log.map(
            (
              r,
            ) => html`<tr><td>${r.villageName}</td><td class="num">${r.adults.toLocaleString("vi-VN")}</td><td>${vietnameseDay(r.effectiveFrom)}</td>
              <td>${SOURCE[r.source]}</td><td>${r.recordedBy ?? ""}</td><td>${vietnamDateTime(r.recordedAt)}</td></tr>`,
          )}
        </tbody>
      </table>
    </div>`,
  );
}
