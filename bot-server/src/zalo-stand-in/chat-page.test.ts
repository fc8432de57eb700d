import { describe, expect, it } from "vitest";
import { createStandIn } from "./app";
import { CHAT_PAGE_TITLE, escapeHtml } from "./chat-page";
import { oaStandIn } from "./test-stand-in";

describe("Zalo stand-in: the chat simulator page", () => {
  it("serves a Vietnamese, self-contained page", async () => {
    const response = await oaStandIn().standIn.request("/demo/chat");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(CHAT_PAGE_TITLE).toBe("Zalo giả lập — trò chuyện với OA");
    expect(html).toContain(`<title>${CHAT_PAGE_TITLE}</title>`);
    expect(html).toContain('<html lang="vi">');
    for (const label of ["Gửi", "Quan tâm OA", "Bỏ quan tâm", "Gửi ảnh", "Gửi nhãn dán", "Gửi vị trí", "Yêu cầu xóa dữ liệu"]) {
      expect(html).toContain(`>${label}</button>`);
    }
    // Offline: nothing is loaded from elsewhere.
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(html).toContain("ZALO_WEBHOOK_URL");
  });

  it("puts message text on the page only as text, and escapes what the server fills in", async () => {
    const html = await (
      await oaStandIn({ oaId: '<img src=x onerror="alert(1)">', webhookUrl: "http://127.0.0.1:9/" }).standIn.request("/demo/chat")
    ).text();
    expect(html).not.toContain("<img");
    expect(html).toContain("&#60;img src=x onerror=&#34;alert(1)&#34;&#62;");
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(html).toContain("textContent");
    expect(html).not.toContain("ZALO_WEBHOOK_URL");
    expect(escapeHtml(`<b>"Lan" & 'Hùng'</b>`)).toBe("&#60;b&#62;&#34;Lan&#34; &#38; &#39;Hùng&#39;&#60;/b&#62;");
  });

  it("says the OA is not configured when the stand-in runs without one", async () => {
    const standIn = createStandIn({ appId: "app", appSecret: "s", users: [] });
    const response = await standIn.request("/demo/chat");
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("chưa có OA");
  });
});
