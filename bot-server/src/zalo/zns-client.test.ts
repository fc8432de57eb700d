import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStandIn } from "../zalo-stand-in/app";
import { createZnsClient, normaliseVietnamesePhone, znsFailureOf } from "./zns-client";

const TEMPLATE_ID = "301234";

/** The stand-in on a real port, an OA access token from it, and a fetch that counts ZNS calls. */
async function znsKit() {
  const standIn = createStandIn({
    appId: "zns-app",
    appSecret: "zns-secret",
    users: [],
    oa: { oaId: "zns-oa", oaSecretKey: "zns-oa-secret", initialRefreshToken: "first-refresh", znsTemplateId: TEMPLATE_ID },
  });
  const server = serve({ fetch: standIn.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const refreshed = await fetch(`${url}/v4/oa/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", secret_key: "zns-secret" },
    body: new URLSearchParams({ app_id: "zns-app", grant_type: "refresh_token", refresh_token: "first-refresh" }),
  });
  const { access_token: accessToken } = (await refreshed.json()) as { access_token: string };

  let calls = 0;
  const countingFetch: typeof fetch = (input, init) => {
    calls += 1;
    return fetch(input, init);
  };
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

  return {
    accessToken,
    client: createZnsClient({ baseUrl: url, timeoutMs: 300, fetch: countingFetch }),
    calls: () => calls,
    fault: (plan: { mode: string; hangMs?: number; acceptThenHang?: boolean }) => post("/demo/oa/faults", plan),
    sent: async () => (await (await fetch(`${url}/demo/zns/sent`)).json()) as Record<string, unknown>[],
    async close() {
      // A planned timeout fault holds a request open; close() alone would wait for it.
      if ("closeAllConnections" in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

let kit: Awaited<ReturnType<typeof znsKit>>;
beforeEach(async () => {
  kit = await znsKit();
});
afterEach(async () => {
  await kit.close();
});

const message = (phone = "0912345678") => ({
  phone,
  templateId: TEMPLATE_ID,
  data: { ten: "Bà Năm", lop: "Zalo an toàn" },
  trackingId: "campaign-1:resident-7",
});

describe("normaliseVietnamesePhone", () => {
  it("writes a Vietnamese number as ZNS wants it, 84 and nine digits", () => {
    for (const raw of ["0912345678", "+84912345678", "84912345678", " 0912 345 678 ", "091.234.5678", "+84-912-345-678"]) {
      expect(normaliseVietnamesePhone(raw)).toBe("84912345678");
    }
  });

  it("refuses anything that is not a Vietnamese number", () => {
    for (const raw of ["", "912345678", "091234567", "09123456789", "0012345678", "+1 912345678", "+840912345678", "0912x45678"]) {
      expect(normaliseVietnamesePhone(raw)).toBeNull();
    }
  });
});

describe("the ZNS client against the stand-in", () => {
  it("sends a template message and returns Zalo's msg_id; the stand-in recorded the normalised phone", async () => {
    const result = await kit.client.sendTemplate(kit.accessToken, message("+84 912 345 678"));
    expect(result).toEqual({ ok: true, messageId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(await kit.sent()).toEqual([
      {
        msg_id: result.ok ? result.messageId : "",
        phone: "84912345678",
        template_id: TEMPLATE_ID,
        template_data: { ten: "Bà Năm", lop: "Zalo an toàn" },
        tracking_id: "campaign-1:resident-7",
        time: expect.any(Number),
      },
    ]);
  });

  it("reports token_invalid for an unknown or planned-expired token", async () => {
    expect(await kit.client.sendTemplate("forged", message())).toEqual({ ok: false, failure: "token_invalid", code: -216 });
    await kit.fault({ mode: "token_expired" });
    expect(await kit.client.sendTemplate(kit.accessToken, message())).toEqual({ ok: false, failure: "token_invalid", code: -216 });
    expect(await kit.sent()).toEqual([]);
  });

  it("reports server_error for HTTP 500 and rate_limited for the rate-limit fault", async () => {
    await kit.fault({ mode: "http500" });
    expect(await kit.client.sendTemplate(kit.accessToken, message())).toEqual({ ok: false, failure: "server_error" });
    await kit.fault({ mode: "rate_limit" });
    expect(await kit.client.sendTemplate(kit.accessToken, message())).toEqual({ ok: false, failure: "rate_limited", code: -32 });
    expect(await kit.sent()).toEqual([]);
  });

  it("reports timeout when Zalo does not answer in time, whether or not the message was taken", async () => {
    await kit.fault({ mode: "timeout", hangMs: 5000 });
    const started = Date.now();
    expect(await kit.client.sendTemplate(kit.accessToken, message())).toEqual({ ok: false, failure: "timeout" });
    expect(Date.now() - started).toBeLessThan(2000);
    await kit.fault({ mode: "timeout", hangMs: 5000, acceptThenHang: true });
    expect(await kit.client.sendTemplate(kit.accessToken, message())).toEqual({ ok: false, failure: "timeout" });
    expect(await kit.sent()).toHaveLength(1);
  });

  it("reports invalid_request with Zalo's code for a template the OA may not use", async () => {
    const result = await kit.client.sendTemplate(kit.accessToken, { ...message(), templateId: "999999" });
    expect(result).toEqual({ ok: false, failure: "invalid_request", code: -109 });
  });

  it("refuses a bad phone number or an empty template id without making any request", async () => {
    for (const phone of ["912345678", "+1 415 555 0100", "số của bà Năm"]) {
      expect(await kit.client.sendTemplate(kit.accessToken, message(phone))).toEqual({ ok: false, failure: "invalid_request" });
    }
    expect(await kit.client.sendTemplate(kit.accessToken, { ...message(), templateId: " " })).toEqual({
      ok: false,
      failure: "invalid_request",
    });
    expect(kit.calls()).toBe(0);
    expect(await kit.sent()).toEqual([]);
  });
});

describe("the ZNS client's reading of answers", () => {
  const answering = (response: () => Response) => createZnsClient({ baseUrl: "http://zns.test", fetch: async () => response() });

  it("maps ZNS codes in one table, unknown codes as refusals", () => {
    expect(znsFailureOf(-124)).toBe("token_invalid");
    expect(znsFailureOf(-220)).toBe("token_invalid");
    expect(znsFailureOf(-144)).toBe("quota_exceeded");
    expect(znsFailureOf(-131)).toBe("not_allowed");
    expect(znsFailureOf(-100)).toBe("server_error");
    expect(znsFailureOf(-99_999)).toBe("invalid_request");
  });

  it("treats HTTP 429 as rate_limited, other 4xx as invalid_request, and an unreadable body as server_error", async () => {
    expect(await answering(() => new Response("", { status: 429 })).sendTemplate("t", message())).toEqual({
      ok: false,
      failure: "rate_limited",
    });
    expect(await answering(() => new Response("", { status: 403 })).sendTemplate("t", message())).toEqual({
      ok: false,
      failure: "invalid_request",
    });
    expect(await answering(() => new Response("<html>")).sendTemplate("t", message())).toEqual({ ok: false, failure: "server_error" });
    expect(await answering(() => Response.json({ error: 0, message: "Success", data: {} })).sendTemplate("t", message())).toEqual({
      ok: false,
      failure: "server_error",
    });
    expect(await answering(() => Response.json({ error: -144, message: "quota" })).sendTemplate("t", message())).toEqual({
      ok: false,
      failure: "quota_exceeded",
      code: -144,
    });
  });

  it("sends exactly ZNS's body with the normalised phone and the token in the access_token header", async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const client = createZnsClient({
      baseUrl: "https://business.openapi.zalo.me",
      fetch: async (input, init) => {
        seen.push({ url: String(input), init });
        return Response.json({ error: 0, message: "Success", data: { msg_id: "m1", sent_time: "1700000000000" } });
      },
    });
    expect(await client.sendTemplate("oa-token", message("0912345678"))).toEqual({ ok: true, messageId: "m1" });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe("https://business.openapi.zalo.me/message/template");
    expect(seen[0]?.init?.method).toBe("POST");
    expect(seen[0]?.init?.headers).toMatchObject({ access_token: "oa-token" });
    expect(JSON.parse(String(seen[0]?.init?.body))).toEqual({
      phone: "84912345678",
      template_id: TEMPLATE_ID,
      template_data: { ten: "Bà Năm", lop: "Zalo an toàn" },
      tracking_id: "campaign-1:resident-7",
    });
  });
});
