import { PARTICIPATION_TARGET_PERCENT, type Rate } from "@hvs/shared/indicators";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ProgramAttainment } from "./certified";
import type { VillageParticipation } from "./participation";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const styles = `
  body { font-family: system-ui, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1c2430; background: #f4f6f8; }
  header { background: #0068ff; color: #fff; padding: 12px 24px; display: flex; justify-content: space-between; align-items: center; }
  header h1 { font-size: 20px; margin: 0; }
  main { max-width: 960px; margin: 24px auto; padding: 0 16px; }
  .card { background: #fff; border-radius: 8px; padding: 20px 24px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  table { border-collapse: collapse; width: 100%; font-size: 16px; }
  th, td { padding: 10px 12px; border-bottom: 1px solid #dde3ea; text-align: left; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  tfoot td { font-weight: 700; }
  .ok { color: #0a7a32; font-weight: 600; } .below { color: #b54708; font-weight: 600; } .warn { color: #b42318; }
  label { display: block; margin: 12px 0 4px; font-weight: 600; }
  input { font-size: 16px; padding: 10px; width: 100%; box-sizing: border-box; border: 1px solid #98a2b3; border-radius: 6px; }
  button { margin-top: 16px; font-size: 16px; padding: 10px 20px; background: #0068ff; color: #fff; border: 0; border-radius: 6px; cursor: pointer; }
  header button { margin: 0; background: #fff; color: #0068ff; }
  .error { background: #fef3f2; color: #b42318; padding: 10px 12px; border-radius: 6px; }
  .note { color: #475467; font-size: 14px; }
`;

export function layout(title: string, body: Html, headerRight: Html | string = ""): Html {
  return html`<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} — Học Vụ Số</title>
    <style>${styles}</style>
  </head>
  <body>
    <header><h1>Học Vụ Số · Bình dân học vụ số</h1>${headerRight}</header>
    <main>${body}</main>
  </body>
</html>`;
}

export function errorPage(message: string, requestId: string): Html {
  return layout(
    "Lỗi",
    html`<div class="card" style="max-width:520px;margin:auto">
      <p class="error" role="alert">${message}</p>
      <p><a href="/admin">Về trang cán bộ</a></p>
      <p class="note">Mã yêu cầu (gửi cho bộ phận kỹ thuật nếu cần): ${requestId}</p>
    </div>`,
  );
}

export function loginPage(error?: string): Html {
  return layout(
    "Đăng nhập cán bộ",
    html`<div class="card" style="max-width:420px;margin:auto">
      <h2>Đăng nhập cán bộ xã</h2>
      ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
      <form method="post" action="/admin/login">
        <label for="username">Tên đăng nhập</label>
        <input id="username" name="username" autocomplete="username" required maxlength="100" />
        <label for="password">Mật khẩu</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200" />
        <button type="submit">Đăng nhập</button>
      </form>
    </div>`,
  );
}

function percent(rate: Rate): string {
  return rate.percent === null ? "—" : `${rate.percent.toLocaleString("vi-VN")}%`;
}

function status(rate: Rate): Html {
  if (rate.percent === null) return html`<span class="warn">Chưa nhập số người trưởng thành</span>`;
  if (rate.exceedsPopulation) {
    return html`<span class="warn">Số người tham gia vượt số người trưởng thành: cần kiểm tra lại số liệu</span>`;
  }
  return rate.meetsTarget ? html`<span class="ok">Đạt</span>` : html`<span class="below">Chưa đạt</span>`;
}

export function dashboardPage(input: {
  communeName: string;
  username: string;
  villages: VillageParticipation[];
  total: Rate & { excluded: number };
  programs: ProgramAttainment[];
}): Html {
  const logout = html`<form method="post" action="/admin/logout"><button type="submit">Đăng xuất (${input.username})</button></form>`;
  return layout(
    "Tỉ lệ tham gia",
    html`<div class="card">
      <h2>${input.communeName}: người trưởng thành tham gia học kỹ năng số</h2>
      <p class="note">Mục tiêu: ${PARTICIPATION_TARGET_PERCENT}% người trưởng thành tham gia. "Đã tham gia" là người đã học xong ít nhất một bài hoặc làm xong một bài kiểm tra.</p>
      ${rateTable({ id: "participation", countLabel: "Đã tham gia", rows: input.villages.map((v) => ({ ...v, name: v.villageName })), total: input.total })}
      ${
        input.total.excluded > 0
          ? html`<p class="note">Dòng "Toàn xã" chưa tính ${input.total.excluded} thôn chưa nhập số người trưởng thành.</p>`
          : ""
      }
    </div>
    ${input.programs.map((program) => attainmentCard(program, input.villages))}
    <p style="margin-top:24px"><a href="/admin/certificates">Chứng nhận đã cấp và kết quả cần xem →</a></p>
    <p><a href="/admin/team">Tổ công nghệ số cộng đồng: thành viên và mã mời →</a></p>`,
    logout,
  );
}

function attainmentCard(program: ProgramAttainment, villages: VillageParticipation[]): Html {
  const names = new Map(villages.map((v) => [v.villageId, v.villageName]));
  return html`<div class="card" style="margin-top:24px">
    <h2>Đạt chương trình "${program.title}"</h2>
    <p class="note">${program.rule}</p>
    ${rateTable({
      id: `attainment-${program.programId}`,
      countLabel: "Đã đạt",
      rows: program.villages.map((v) => ({ ...v, name: names.get(v.villageId) ?? "" })),
      total: program.total,
    })}
  </div>`;
}

/** One indicator per village against adults, with the commune total: the shape every report table shares. */
function rateTable(input: { id: string; countLabel: string; rows: { villageId: number; name: string; rate: Rate }[]; total: Rate }): Html {
  const cells = (rate: Rate) => html`<td class="num">${rate.denominator.toLocaleString("vi-VN")}</td>
    <td class="num" data-count>${rate.numerator.toLocaleString("vi-VN")}</td>
    <td class="num">${percent(rate)}</td>
    <td>${status(rate)}</td>`;
  return html`<table id="${input.id}">
    <thead><tr><th>Thôn</th><th class="num">Người trưởng thành</th><th class="num">${input.countLabel}</th><th class="num">Tỉ lệ</th><th>So với mục tiêu ${PARTICIPATION_TARGET_PERCENT}%</th></tr></thead>
    <tbody>
      ${input.rows.map((row) => html`<tr data-village-id="${row.villageId}"><td>${row.name}</td>${cells(row.rate)}</tr>`)}
    </tbody>
    <tfoot><tr><td>Toàn xã</td>${cells(input.total)}</tr></tfoot>
  </table>`;
}
