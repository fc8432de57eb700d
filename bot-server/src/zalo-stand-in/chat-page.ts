/**
 * The chat simulator, `GET /demo/chat`: a newcomer plays a resident chatting with the commune's OA, with
 * no Zalo account. One self-contained page (no external assets: the demo runs offline). Message text is
 * only ever put on the page with textContent, so nothing a chatbot or a person sends can become markup.
 */

export const CHAT_PAGE_TITLE = "Zalo giả lập — trò chuyện với OA";

/** For the few values put into the HTML on the server; everything else arrives as JSON. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const STYLE = `
  :root { color-scheme: light; --blue: #0057d9; --ink: #1b1f24; --muted: #4a5562; --bg: #eef1f5; --line: #c5ccd6; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.45 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: var(--bg); }
  .wrap { max-width: 480px; margin: 0 auto; padding: 12px; }
  h1 { font-size: 1.2rem; margin: 0 0 4px; }
  .lead { margin: 0 0 12px; color: var(--muted); font-size: 0.95rem; }
  .notice { background: #fff4d6; border: 1px solid #b88a00; border-radius: 8px; padding: 8px 10px; margin: 0 0 12px; }
  label { font-weight: 600; }
  select, input[type="text"] { font: inherit; width: 100%; padding: 10px; border: 1px solid var(--line); border-radius: 8px; background: #fff; color: var(--ink); }
  .picker { margin-bottom: 12px; }
  .picker select { margin-top: 4px; }
  .phone { background: #fff; border: 1px solid var(--line); border-radius: 16px; overflow: hidden; }
  .phone-head { background: var(--blue); color: #fff; padding: 10px 14px; font-weight: 600; }
  #log { height: min(60vh, 520px); overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #e3e8ef; }
  .empty { color: var(--muted); text-align: center; margin: auto 0; }
  .msg { max-width: 85%; display: flex; flex-direction: column; gap: 4px; }
  .msg.user { align-self: flex-end; align-items: flex-end; }
  .msg.oa { align-self: flex-start; align-items: flex-start; }
  .bubble { position: relative; padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere; }
  .user .bubble { background: var(--blue); color: #fff; border-bottom-right-radius: 4px; }
  .oa .bubble { background: #fff; color: var(--ink); border: 1px solid var(--line); border-bottom-left-radius: 4px; }
  .time { font-size: 0.75rem; color: var(--muted); }
  .choices { display: flex; flex-direction: column; gap: 4px; width: 100%; }
  .choice { font: inherit; display: block; text-align: center; text-decoration: none; padding: 8px 10px; border-radius: 10px;
    border: 1px solid var(--blue); background: #fff; color: var(--blue); cursor: pointer; min-height: 44px; }
  .choice:hover { background: #e8f0ff; }
  .hidden-note { align-self: center; font-size: 0.8rem; color: var(--muted); font-style: italic; }
  #composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid var(--line); }
  #composer button { font: inherit; font-weight: 600; padding: 0 18px; border: 0; border-radius: 8px; background: var(--blue); color: #fff; cursor: pointer; min-height: 44px; }
  .actions { display: flex; flex-wrap: wrap; gap: 6px; padding: 0 10px 12px; }
  .actions button { font: inherit; font-size: 0.9rem; padding: 6px 10px; border: 1px solid var(--line); border-radius: 999px; background: #fff; color: var(--ink); cursor: pointer; min-height: 40px; }
  :focus-visible { outline: 3px solid #e07800; outline-offset: 2px; }
  /* Next to the input box, so a failed post is seen where the person is typing. */
  #status { min-height: 1.4em; margin: 0; padding: 4px 12px 0; font-size: 0.9rem; color: var(--muted); }
  #error { margin: 8px 10px 0; padding: 8px 10px; border-radius: 8px; background: #fde8e8; border: 1px solid #b3261e; color: #7a1712; }
  #error:empty { display: none; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

// Runs in the browser. Builds every node with textContent; the poll appends only new messages so the
// live region announces each once, and rebuilds only when the conversation was reset or the person changed.
const SCRIPT = `
(() => {
  const $ = (id) => document.getElementById(id);
  const log = $("log"), picker = $("resident"), input = $("text"), statusLine = $("status"), errorLine = $("error");
  const timeFormat = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit" });
  const LABELS = { image: "📷 Ảnh", sticker: "🙂 Nhãn dán", location: "📍 Vị trí" };
  const EVENT_DONE = {
    follow: "Đã quan tâm OA.", unfollow: "Đã bỏ quan tâm OA.", user_send_image: "Đã gửi ảnh.",
    user_send_sticker: "Đã gửi nhãn dán.", user_send_location: "Đã gửi vị trí.",
    user_withdraw: "Đã gửi yêu cầu xóa dữ liệu.", user_submit_info: "Đã gửi thông tin.", user_send_text: "Đã gửi.",
  };
  // Ids of the messages on screen; null until the first answer for the chosen person.
  let shown = null;
  let busy = false;

  function node(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function choice(button) {
    if (button.type === "oa.query.show" || button.type === "oa.query.hide") {
      const el = node("button", "choice", button.title);
      el.type = "button";
      el.addEventListener("click", () => send({ text: button.payload, hidden: button.type === "oa.query.hide" }));
      return el;
    }
    const link = node("a", "choice", button.title);
    if (button.type === "oa.open.url" && /^https?:\\/\\//i.test(button.payload.url)) {
      link.href = button.payload.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    } else if (button.type === "oa.open.phone" && /^\\d+$/.test(button.payload.phone_code)) {
      link.href = "tel:+" + button.payload.phone_code;
    } else {
      return node("span", "choice", button.title);
    }
    return link;
  }

  function entry(m) {
    if (m.hidden) return node("p", "hidden-note", "Bạn đã bấm một nút (tin ẩn, chỉ OA nhận được).");
    const box = node("div", "msg " + (m.src === 0 ? "oa" : "user"));
    const who = node("span", "visually-hidden", m.src === 0 ? "OA:" : "Bạn:");
    const bubble = node("div", "bubble", m.type === "text" ? m.text : LABELS[m.type] || m.type);
    bubble.prepend(who);
    box.append(bubble);
    if (m.buttons && m.buttons.length) {
      const choices = node("div", "choices");
      choices.setAttribute("role", "group");
      choices.setAttribute("aria-label", "Nút trả lời của OA");
      for (const b of m.buttons) choices.append(choice(b));
      box.append(choices);
    }
    box.append(node("span", "time", timeFormat.format(new Date(m.time))));
    return box;
  }

  function render(messages) {
    const continues = shown !== null && shown.length <= messages.length && shown.every((id, i) => messages[i].message_id === id);
    if (continues && shown.length === messages.length) return;
    const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    if (!continues || shown.length === 0) log.replaceChildren();
    for (const m of messages.slice(continues ? shown.length : 0)) log.append(entry(m));
    if (!messages.length) log.append(node("p", "empty", "Chưa có tin nhắn. Hãy gửi lời chào tới OA."));
    shown = messages.map((m) => m.message_id);
    if (nearBottom || !continues) log.scrollTop = log.scrollHeight;
  }

  async function poll() {
    const userId = picker.value;
    if (!userId) return;
    try {
      const response = await fetch("/demo/chat/messages?userId=" + encodeURIComponent(userId));
      const messages = response.ok ? await response.json() : null;
      // An answer for the person shown before a switch is dropped, not drawn into the new conversation.
      if (messages && userId === picker.value) render(messages);
    } catch {
      statusLine.textContent = "Mất kết nối với Zalo giả lập; đang thử lại…";
    }
  }

  async function send(what) {
    // Ignored rather than disabling buttons, which would throw keyboard focus off the one just pressed.
    if (busy || !picker.value) return;
    busy = true;
    log.setAttribute("aria-busy", "true");
    errorLine.textContent = "";
    statusLine.textContent = "Đang gửi…";
    try {
      const response = await fetch("/demo/chat/send", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ userId: picker.value, ...what }),
      });
      const result = await response.json();
      if (!response.ok) {
        errorLine.textContent = "Zalo giả lập không nhận yêu cầu này.";
        statusLine.textContent = "";
      } else if (result.delivered) {
        statusLine.textContent = EVENT_DONE[result.event_name] || "Đã gửi.";
      } else {
        statusLine.textContent = "";
        errorLine.textContent = result.status === 0
          ? "Không gửi được tới máy chủ chatbot: chưa cấu hình địa chỉ webhook hoặc máy chủ không trả lời. Tin nhắn vẫn được lưu trong Zalo giả lập."
          : "Máy chủ chatbot trả lời lỗi HTTP " + result.status + ", sự kiện chưa được nhận.";
      }
    } catch {
      statusLine.textContent = "";
      errorLine.textContent = "Mất kết nối với Zalo giả lập. Hãy kiểm tra nó còn chạy không.";
    } finally {
      busy = false;
      log.removeAttribute("aria-busy");
    }
    await poll();
  }

  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    input.value = "";
    send({ text }).then(() => input.focus());
  });
  for (const button of document.querySelectorAll("[data-event]")) {
    button.addEventListener("click", () => send({ event: button.dataset.event }));
  }
  picker.addEventListener("change", () => {
    errorLine.textContent = "";
    statusLine.textContent = "";
    shown = null;
    poll();
  });

  fetch("/demo/users")
    .then((r) => r.json())
    .then(({ users }) => {
      for (const user of users) {
        const option = node("option", "", user.name);
        option.value = user.id;
        picker.append(option);
      }
      poll();
      setInterval(poll, 1000);
    })
    .catch(() => (errorLine.textContent = "Không tải được danh sách người dân mẫu."));
})();
`;

function page(body: string, script = ""): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${CHAT_PAGE_TITLE}</title>
<style>${STYLE}</style>
</head>
<body>
<main class="wrap">
${body}
</main>
${script ? `<script>${script}</script>` : ""}
</body>
</html>`;
}

export function chatPage({ oaId, webhookConfigured }: { oaId: string; webhookConfigured: boolean }): string {
  const notice = webhookConfigured
    ? ""
    : `<p class="notice" role="note">Chưa đặt <code>ZALO_WEBHOOK_URL</code>: tin nhắn chỉ được lưu trong Zalo giả lập, máy chủ chatbot sẽ không nhận được.</p>`;
  return page(
    `<h1>${CHAT_PAGE_TITLE}</h1>
<p class="lead">Đóng vai một người dân mẫu nhắn tin với OA của xã. Đây không phải Zalo thật; mọi thứ chỉ chạy trên máy này.</p>
${notice}
<div class="picker">
  <label for="resident">Người dân mẫu</label>
  <select id="resident"></select>
</div>
<section class="phone" aria-labelledby="phone-head">
  <div class="phone-head" id="phone-head">OA ${escapeHtml(oaId)}</div>
  <div id="log" role="log" aria-live="polite" aria-label="Tin nhắn với OA" tabindex="0"></div>
  <p id="error" role="alert"></p>
  <p id="status" role="status"></p>
  <form id="composer">
    <label for="text" class="visually-hidden">Nội dung tin nhắn</label>
    <input id="text" type="text" maxlength="2000" autocomplete="off" placeholder="Nhập tin nhắn…" enterkeyhint="send">
    <button type="submit">Gửi</button>
  </form>
  <div class="actions" role="group" aria-label="Thao tác khác">
    <button type="button" data-event="follow">Quan tâm OA</button>
    <button type="button" data-event="unfollow">Bỏ quan tâm</button>
    <button type="button" data-event="user_send_image">Gửi ảnh</button>
    <button type="button" data-event="user_send_sticker">Gửi nhãn dán</button>
    <button type="button" data-event="user_send_location">Gửi vị trí</button>
    <button type="button" data-event="user_withdraw">Yêu cầu xóa dữ liệu</button>
  </div>
</section>`,
    SCRIPT,
  );
}

/** What /demo/chat shows when the stand-in was started without an OA. */
export function notConfiguredPage(): string {
  return page(`<h1>${CHAT_PAGE_TITLE}</h1>
<p class="notice" role="alert">Zalo giả lập đang chạy mà chưa có OA. Hãy đặt <code>ZALO_OA_SECRET_KEY</code> và <code>ZALO_OA_REFRESH_TOKEN</code> rồi khởi động lại.</p>`);
}
