import { describe, expect, it } from "vitest";
import { createStandIn } from "./app";
import { oaStandIn, RESIDENT } from "./test-stand-in";

const PHONE = "84912345678";
const message = (overrides: Record<string, unknown> = {}) => ({
  phone: PHONE,
  template_id: "301234",
  template_data: { ten: "Bà Năm", lop: "Zalo an toàn" },
  tracking_id: "campaign-1:resident-7",
  ...overrides,
});

function znsStandIn(znsTemplateId?: string) {
  const kit = oaStandIn(znsTemplateId ? { znsTemplateId } : {});
  const sendZns = (token: string | undefined, body: unknown) =>
    kit.post("/message/template", body, token === undefined ? {} : { access_token: token });
  const sent = async () => (await kit.standIn.request("/demo/zns/sent")).json();
  return { ...kit, sendZns, sent };
}

describe("Zalo stand-in: POST /message/template (ZNS)", () => {
  it("accepts a template message in ZNS's shape and records it, whether or not the person follows the OA", async () => {
    const { sendZns, sent, accessToken, clock } = znsStandIn();
    const token = await accessToken();
    const response = await sendZns(token, message());
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { msg_id: string } };
    expect(body).toEqual({
      error: 0,
      message: "Success",
      data: { msg_id: expect.stringMatching(/^[0-9a-f]{32}$/), sent_time: String(clock.ms), sending_mode: "1" },
    });
    expect(await sent()).toEqual([
      {
        msg_id: body.data.msg_id,
        phone: PHONE,
        template_id: "301234",
        template_data: { ten: "Bà Năm", lop: "Zalo an toàn" },
        tracking_id: "campaign-1:resident-7",
        time: clock.ms,
      },
    ]);
  });

  it("checks the OA access token as the OA API does: -216 when missing or unknown, -220 once expired", async () => {
    const { sendZns, sent, accessToken, clock } = znsStandIn();
    expect(await (await sendZns(undefined, message())).json()).toEqual({ error: -216, message: "Access token is invalid" });
    expect(await (await sendZns("forged", message())).json()).toMatchObject({ error: -216 });
    const token = await accessToken();
    clock.ms += 90_000 * 1000;
    expect(await (await sendZns(token, message())).json()).toEqual({ error: -220, message: "access_token is expired or removed" });
    expect(await sent()).toEqual([]);
  });

  it("refuses a bad phone, template id or template data, and a body that is not JSON", async () => {
    const { standIn, sendZns, sent, accessToken } = znsStandIn();
    const token = await accessToken();
    const refused = async (body: unknown) => ((await (await sendZns(token, body)).json()) as { error: number }).error;
    for (const phone of ["0912345678", "+84912345678", "8491234567", "849123456789", 84912345678]) {
      expect(await refused(message({ phone }))).toBe(-108);
    }
    expect(await refused(message({ template_id: "" }))).toBe(-109);
    expect(await refused(message({ template_id: undefined }))).toBe(-109);
    expect(await refused(message({ template_data: { ten: 5 } }))).toBe(-112);
    expect(await refused(message({ template_data: ["a"] }))).toBe(-112);
    expect(await refused(message({ template_data: undefined }))).toBe(-112);
    const notJson = await standIn.request("/message/template", { method: "POST", headers: { access_token: token }, body: "phone=84" });
    expect(await notJson.json()).toMatchObject({ error: -122 });
    expect(await sent()).toEqual([]);
  });

  it("accepts only the configured template id when one is set", async () => {
    const { sendZns, sent, accessToken } = znsStandIn("301234");
    const token = await accessToken();
    expect(await (await sendZns(token, message({ template_id: "999999" }))).json()).toMatchObject({ error: -109 });
    expect(await (await sendZns(token, message())).json()).toMatchObject({ error: 0 });
    expect(await sent()).toHaveLength(1);
  });

  it("honours the planned faults shared with the OA API, and a reset forgets what was sent", async () => {
    const { standIn, post, sendZns, sent, accessToken } = znsStandIn();
    const token = await accessToken();
    await post("/demo/oa/faults", { mode: "http500" });
    expect((await sendZns(token, message())).status).toBe(500);
    await post("/demo/oa/faults", { mode: "rate_limit" });
    expect(await (await sendZns(token, message())).json()).toMatchObject({ error: -32 });
    await post("/demo/oa/faults", { mode: "token_expired" });
    expect(await (await sendZns(token, message())).json()).toMatchObject({ error: -216 });
    await post("/demo/oa/faults", { mode: "timeout", hangMs: 5 });
    expect((await sendZns(token, message())).status).toBe(504);
    expect(await sent()).toEqual([]);
    await post("/demo/oa/faults", { mode: "timeout", hangMs: 5, acceptThenHang: true });
    expect(await (await sendZns(token, message())).json()).toMatchObject({ error: 0 });
    expect(await sent()).toHaveLength(1);
    await post("/demo/oa/reset", {});
    expect(await (await standIn.request("/demo/zns/sent")).json()).toEqual([]);
  });

  it("is absent when the stand-in plays no OA", async () => {
    const standIn = createStandIn({ appId: "app", appSecret: "s", users: [RESIDENT] });
    expect((await standIn.request("/message/template", { method: "POST", body: "{}" })).status).toBe(404);
  });
});
