import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { CertificateRow } from "./store";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const styles = `
  body { font-family: system-ui, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1c2430; background: #f4f6f8; }
  main { max-width: 640px; margin: 24px auto; padding: 0 16px; }
  .card { background: #fff; border-radius: 10px; padding: 20px 24px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  .verdict { font-size: 22px; font-weight: 700; padding: 14px 16px; border-radius: 8px; margin: 0 0 16px; }
  .valid { background: #ecfdf3; color: #0a7a32; } .revoked { background: #fef3f2; color: #b42318; }
  .withdrawn, .unknown { background: #f2f4f7; color: #344054; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 8px 16px; font-size: 17px; margin: 0; }
  dt { color: #475467; } dd { margin: 0; font-weight: 600; }
  .note { color: #475467; font-size: 14px; margin-top: 16px; }
`;

const date = (d: Date) =>
  d.toLocaleDateString("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" });

function page(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${title} — Kiểm tra chứng nhận Học Vụ Số</title>
    <style>${styles}</style>
  </head>
  <body><main><div class="card">${body}</div></main></body>
</html>`;
}

/**
 * What anyone holding the paper or the QR code may learn: whether it is genuine, and exactly what the
 * certificate itself prints. A withdrawn certificate no longer names anyone.
 */
export function verifyPage(row: CertificateRow | undefined, serial: string): Html {
  if (!row) {
    return page(
      "Không tìm thấy",
      html`<p class="verdict unknown" data-status="unknown">Không tìm thấy chứng nhận số ${serial}</p>
        <p>Hãy kiểm tra lại số hiệu in trên giấy chứng nhận. Nếu vẫn không thấy, chứng nhận này không do hệ thống Học Vụ Số cấp.</p>`,
    );
  }
  if (row.status === "withdrawn") {
    return page(
      "Đã rút",
      html`<p class="verdict withdrawn" data-status="withdrawn">Chứng nhận số ${row.serial} đã được rút theo yêu cầu của người học</p>
        <p>Người học đã xóa dữ liệu của mình, nên trang này không còn hiện tên. Chứng nhận không còn dùng để xác nhận.</p>`,
    );
  }
  const facts = html`<dl>
    <dt>Họ và tên</dt><dd>${row.displayName}</dd>
    <dt>Chương trình</dt><dd>${row.programTitle}</dd>
    <dt>Xã</dt><dd>${row.communeName}</dd>
    <dt>Ngày cấp</dt><dd>${date(row.issuedAt)}</dd>
    <dt>Số hiệu</dt><dd>${row.serial}</dd>
    <dt>Phiên bản nội dung</dt><dd>${row.contentVersion}</dd>
  </dl>`;
  if (row.status === "revoked") {
    return page(
      "Đã thu hồi",
      html`<p class="verdict revoked" data-status="revoked">Chứng nhận đã bị thu hồi</p>
        ${facts}
        <p><strong>Lý do thu hồi:</strong> ${row.statusReason ?? ""}${row.statusChangedAt ? html` (ngày ${date(row.statusChangedAt)})` : ""}</p>`,
    );
  }
  return page(
    "Hợp lệ",
    html`<p class="verdict valid" data-status="valid">Chứng nhận hợp lệ</p>
      ${facts}
      <p class="note">Chứng nhận do hệ thống Học Vụ Số của phong trào Bình dân học vụ số cấp khi người học đạt bài kiểm tra cuối của mọi khóa trong chương trình. Bản điện tử có chữ ký số Ed25519; khóa công khai ở <a href="/.well-known/hvs-certificate-keys.json">/.well-known/hvs-certificate-keys.json</a>.</p>`,
  );
}
