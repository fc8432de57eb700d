import { html, raw } from "hono/html";

/**
 * The printable poster a team hangs at the cultural house: the village's name, the QR code that opens the
 * mini app with the village chosen, and three lines on what to do. Public: it shows nothing personal.
 */
export function posterPage(input: { villageName: string; communeName: string; link: string; qrSvg: string }) {
  return html`<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Học kỹ năng số cùng ${input.villageName}</title>
    <style>
      body { font-family: system-ui, "Segoe UI", Roboto, sans-serif; margin: 0; color: #111; }
      main { max-width: 720px; margin: 0 auto; padding: 32px 24px; text-align: center; }
      h1 { font-size: 34px; margin: 0 0 8px; } h2 { font-size: 24px; font-weight: 600; margin: 0 0 24px; color: #0b5394; }
      .qr { width: 70%; max-width: 420px; margin: 0 auto; } .qr svg { width: 100%; height: auto; }
      ol { text-align: left; font-size: 22px; line-height: 1.5; max-width: 560px; margin: 24px auto; }
      .link { font-size: 14px; color: #444; word-break: break-all; }
      .print { font-size: 18px; padding: 10px 20px; margin-top: 16px; }
      @media print { .print { display: none; } @page { size: A4; margin: 15mm; } }
    </style>
  </head>
  <body>
    <main>
      <h1>Bình dân học vụ số</h1>
      <h2>${input.villageName} · ${input.communeName}</h2>
      <div class="qr" role="img" aria-label="Mã QR mở ứng dụng Học Vụ Số">${raw(input.qrSvg)}</div>
      <ol>
        <li>Mở Zalo, bấm biểu tượng quét mã QR.</li>
        <li>Quét mã trên để mở Học Vụ Số (thôn của bạn đã được chọn sẵn).</li>
        <li>Học mỗi ngày vài phút. Cần giúp, hãy hỏi Tổ công nghệ số cộng đồng của thôn.</li>
      </ol>
      <p class="link">${input.link}</p>
      <button class="print" onclick="window.print()">In áp phích</button>
    </main>
  </body>
</html>`;
}
