import { vietnameseDay } from "@hvs/shared/periods";
import { vietnamClock } from "@hvs/shared/vietnam-time";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

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
  nav.tabs { background: #fff; border-bottom: 1px solid #dde3ea; padding: 0 16px; display: flex; flex-wrap: wrap; gap: 4px; }
  nav.tabs a { padding: 12px 14px; color: #1c2430; text-decoration: none; border-bottom: 3px solid transparent; }
  nav.tabs a[aria-current="page"] { border-color: #0068ff; color: #0068ff; font-weight: 600; }
  .card + .card, .tiles + .card, .card + .tiles { margin-top: 24px; }
  .filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; }
  .filters label { margin-top: 0; }
  .filters input, .filters select { width: auto; font-size: 16px; padding: 8px; }
  .filters button { margin-top: 0; }
  .presets a { margin-right: 12px; }
  select { font-size: 16px; padding: 10px; border: 1px solid #98a2b3; border-radius: 6px; }
  .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 24px; margin-top: 24px; }
  .tile { background: #fff; border-radius: 8px; padding: 16px 20px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  .tile h3 { margin: 0; font-size: 16px; } .tile .big { font-size: 40px; font-weight: 700; margin: 8px 0; }
  .bar { position: relative; height: 12px; background: #eef2f6; border-radius: 6px; }
  .bar span { position: absolute; inset: 0 auto 0 0; background: #0068ff; border-radius: 6px; }
  .bar i { position: absolute; top: -4px; bottom: -4px; width: 2px; background: #b42318; }
  .scroll { overflow-x: auto; }
  .funnel .barcell { width: 40%; } .funnel .barcell span { display: block; height: 14px; background: #0068ff; border-radius: 4px; }
  .chart { width: 100%; height: auto; max-width: 720px; }
  th[title] { cursor: help; text-decoration: underline dotted; }
  @media (max-width: 600px) {
    main { margin: 12px auto; padding: 0 8px; } .card, .tile { padding: 14px; } header { padding: 10px 12px; } header h1 { font-size: 17px; }
    .tile .big { font-size: 32px; } .funnel .barcell { display: none; } th, td { padding: 8px 6px; font-size: 15px; }
  }
  @media print { header form, nav.tabs, .filters, .presets, .exports { display: none; } body { background: #fff; } .card, .tile { box-shadow: none; } }
`;

export function layout(title: string, body: Html, headerRight: Html | string = "", nav: Html | string = ""): Html {
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
    ${nav}
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

/** The hidden field every staff form carries (admin/staff-auth.ts checks it). */
export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

const TABS = [
  { href: "/admin", label: "Chỉ số" },
  { href: "/admin/households", label: "Hộ gia đình" },
  { href: "/admin/populations", label: "Số người trưởng thành" },
  { href: "/admin/team", label: "Tổ công nghệ số" },
  { href: "/admin/certificates", label: "Chứng nhận" },
];

/** A commune staff page: the tabs, and the logout button (a CSRF-checked form, so it cannot be forged). */
export function staffLayout(title: string, who: { username: string; csrf: string; current: string }, body: Html): Html {
  const logout = html`<form method="post" action="/admin/logout">${csrfField(who.csrf)}<button type="submit">Đăng xuất (${who.username})</button></form>`;
  const nav = html`<nav class="tabs" aria-label="Trang cán bộ">${TABS.map(
    (t) => html`<a href="${t.href}" ${t.href === who.current ? html`aria-current="page"` : ""}>${t.label}</a>`,
  )}</nav>`;
  return layout(title, body, logout, nav);
}

const two = (n: number) => String(n).padStart(2, "0");

/** dd/mm/yyyy in Vietnam time. */
export function vietnamDate(d: Date): string {
  return vietnameseDay(vietnamClock(d).date);
}

/** "hh:mm ngày dd/mm/yyyy" in Vietnam time. */
export function vietnamDateTime(d: Date): string {
  const { minute } = vietnamClock(d);
  return `${two(Math.floor(minute / 60))}:${two(minute % 60)} ngày ${vietnamDate(d)}`;
}
