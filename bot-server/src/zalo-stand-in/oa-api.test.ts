import { describe, expect, it } from "vitest";
import { createStandIn } from "./app";
import { oaUserIdFor } from "./oa-users";
import { OA_ID, oaStandIn, RESIDENT, RESIDENT_OA_ID } from "./test-stand-in";

const DAY_MS = 24 * 60 * 60 * 1000;
const buttons = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Nút ${i}`, type: "oa.query.hide", payload: `#${i}` }));

describe("Zalo stand-in: OA user ids", () => {
  it("derives a stable 19-digit OA id per OA and lists it with the demo users", async () => {
    expect(oaUserIdFor(OA_ID, RESIDENT.id)).toMatch(/^[1-9]\d{18}$/);
    expect(oaUserIdFor(OA_ID, RESIDENT.id)).toBe(RESIDENT_OA_ID);
    expect(oaUserIdFor("other-oa", RESIDENT.id)).not.toBe(RESIDENT_OA_ID);
    const { standIn } = oaStandIn();
    expect(await (await standIn.request("/demo/users")).json()).toEqual({ users: [{ ...RESIDENT, oaUserId: RESIDENT_OA_ID }] });
  });
});

describe("Zalo stand-in: POST /v3.0/oa/message/cs", () => {
  it("accepts a consultation message in Zalo's shape and records it", async () => {
    const { standIn, accessToken, sendCs, residentSays } = oaStandIn();
    const token = await accessToken();
    await residentSays("xin chào");
    const message = {
      text: "Chào bác! Bác muốn học gì?",
      attachment: { type: "template", payload: { buttons: [{ title: "Học Zalo", type: "oa.query.hide", payload: "#zalo" }] } },
    };
    const response = await sendCs(token, message);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { message_id: string } };
    expect(body).toEqual({
      data: {
        message_id: expect.stringMatching(/^[0-9a-f]{20}$/),
        user_id: RESIDENT_OA_ID,
        quota: { quota_type: "reply", remain: "7", total: "8" },
      },
      error: 0,
      message: "Success",
    });
    expect(await (await standIn.request("/demo/oa/sent")).json()).toEqual([
      {
        message_id: body.data.message_id,
        user_id: RESIDENT_OA_ID,
        text: message.text,
        buttons: message.attachment.payload.buttons,
        time: expect.any(Number),
      },
    ]);
    const chat = (await (await standIn.request(`/demo/chat/messages?userId=${RESIDENT.id}`)).json()) as object[];
    expect(chat).toMatchObject([
      { src: 1, text: "xin chào" },
      { src: 0, text: message.text, buttons: message.attachment.payload.buttons },
    ]);
    expect(await (await standIn.request("/demo/oa/stats")).json()).toEqual({
      refreshCalls: 1,
      refreshSuccesses: 1,
      csCalls: 1,
      csAccepted: 1,
    });
  });

  it("answers -216 for a missing or unknown token and -220 once the 25-hour token has expired", async () => {
    const { accessToken, sendCs, residentSays, clock } = oaStandIn();
    const token = await accessToken();
    expect(await (await sendCs(undefined, { text: "a" })).json()).toEqual({ error: -216, message: "Access token is invalid" });
    expect(await (await sendCs("forged", { text: "a" })).json()).toMatchObject({ error: -216 });
    clock.ms += 90_000 * 1000 - 1;
    await residentSays("còn đây");
    expect(await (await sendCs(token, { text: "a" })).json()).toMatchObject({ error: 0 });
    clock.ms += 1;
    expect(await (await sendCs(token, { text: "a" })).json()).toEqual({ error: -220, message: "access_token is expired or removed" });
  });

  it("answers -230 before any interaction and after 7 days, and accepts again after the person interacts", async () => {
    const { standIn, accessToken, sendCs, post, clock } = oaStandIn({ accessTokenTtlSeconds: 30 * 24 * 3600 });
    const token = await accessToken();
    const notInteracted = { error: -230, message: "User has not interacted with the OA in the past 7 days" };
    expect(await (await sendCs(token, { text: "a" })).json()).toEqual(notInteracted);

    await post("/demo/chat/send", { userId: RESIDENT.id, event: "follow" });
    clock.ms += 7 * DAY_MS;
    expect(await (await sendCs(token, { text: "a" })).json()).toMatchObject({ error: 0 });
    clock.ms += 1;
    expect(await (await sendCs(token, { text: "a" })).json()).toEqual(notInteracted);

    await post("/demo/oa/interacted", { userId: RESIDENT.id });
    expect(await (await sendCs(token, { text: "a" })).json()).toMatchObject({ error: 0 });
    await post("/demo/oa/interacted", { userId: RESIDENT.id, at: clock.ms - 8 * DAY_MS });
    expect(await (await sendCs(token, { text: "a" })).json()).toEqual(notInteracted);
    expect(await (await standIn.request("/demo/oa/stats")).json()).toMatchObject({ csCalls: 5, csAccepted: 2 });
  });

  it("answers -201 naming the field for an unknown user, too many buttons, or text over 2,000 characters", async () => {
    const { accessToken, sendCs, residentSays } = oaStandIn();
    const token = await accessToken();
    await residentSays("hỏi");
    const withButtons = (list: object[]) => ({ text: "a", attachment: { type: "template", payload: { buttons: list } } });
    expect(await (await sendCs(token, { text: "a" }, "123")).json()).toEqual({ error: -201, message: "user_id is invalid!" });
    expect(await (await sendCs(token, { text: "x".repeat(2001) })).json()).toEqual({ error: -201, message: "text is invalid!" });
    expect(await (await sendCs(token, withButtons(buttons(6)))).json()).toEqual({ error: -201, message: "buttons is invalid!" });
    expect(await (await sendCs(token, withButtons([{ title: "t".repeat(101), type: "oa.query.show", payload: "#a" }]))).json()).toEqual({
      error: -201,
      message: "title is invalid!",
    });
    expect(await (await sendCs(token, withButtons([{ title: "t", type: "oa.query.show", payload: "p".repeat(1001) }]))).json()).toEqual({
      error: -201,
      message: "payload is invalid!",
    });
    expect(
      await (await sendCs(token, withButtons([{ title: "t", type: "oa.open.url", payload: { url: "javascript:alert(1)" } }]))).json(),
    ).toEqual({
      error: -201,
      message: "url is invalid!",
    });
    expect(await (await sendCs(token, { ...withButtons(buttons(5)), text: "x".repeat(2000) })).json()).toMatchObject({ error: 0 });
  });

  it("answers -32 past the per-minute limit, counting a sliding minute", async () => {
    const { accessToken, sendCs, residentSays, clock } = oaStandIn({ rateLimitPerMinute: 3 });
    const token = await accessToken();
    await residentSays("hỏi");
    for (let i = 0; i < 3; i += 1) expect(await (await sendCs(token, { text: `${i}` })).json()).toMatchObject({ error: 0 });
    expect(await (await sendCs(token, { text: "over" })).json()).toEqual({
      error: -32,
      message: "Your application reached limit call api",
    });
    clock.ms += 60_000;
    expect(await (await sendCs(token, { text: "later" })).json()).toMatchObject({ error: 0 });
  });

  it("answers -216 on every OA route when the stand-in has no OA", async () => {
    const standIn = createStandIn({ appId: "app", appSecret: "s", users: [RESIDENT] });
    const cs = await standIn.request("/v3.0/oa/message/cs", { method: "POST", body: "{}" });
    expect(await cs.json()).toMatchObject({ error: -216 });
    expect(await (await standIn.request("/v2.0/oa/conversation?data={}")).json()).toMatchObject({ error: -216 });
    expect((await standIn.request("/demo/oa/stats")).status).toBe(404);
    expect(await (await standIn.request("/demo/users")).json()).toEqual({ users: [RESIDENT] });
  });
});

describe("Zalo stand-in: GET /v2.0/oa/conversation", () => {
  it("returns the latest messages newest first, at most 10, with OA and person ids", async () => {
    const { standIn, accessToken, sendCs, residentSays, clock } = oaStandIn();
    const token = await accessToken();
    for (let i = 0; i < 6; i += 1) {
      clock.ms += 1000;
      await residentSays(`hỏi ${i}`);
      clock.ms += 1000;
      await sendCs(token, { text: `đáp ${i}` });
    }
    const read = (data: object, headers: Record<string, string> = { access_token: token }) =>
      standIn.request(`/v2.0/oa/conversation?data=${encodeURIComponent(JSON.stringify(data))}`, { headers });

    const page = (await (await read({ user_id: RESIDENT_OA_ID, offset: 0, count: 10 })).json()) as {
      error: number;
      data: { src: number; time: number; message: string; from_id: string; to_id: string; type: string }[];
    };
    expect(page.error).toBe(0);
    expect(page.data).toHaveLength(10);
    expect(page.data.map((m) => m.message).slice(0, 3)).toEqual(["đáp 5", "hỏi 5", "đáp 4"]);
    expect(page.data[0]).toMatchObject({ src: 0, type: "text", from_id: OA_ID, to_id: RESIDENT_OA_ID, message_id: expect.any(String) });
    expect(page.data[1]).toMatchObject({ src: 1, from_id: RESIDENT_OA_ID, to_id: OA_ID });
    const times = page.data.map((m) => m.time);
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const second = (await (await read({ user_id: RESIDENT_OA_ID, offset: 10, count: 10 })).json()) as { data: { message: string }[] };
    expect(second.data.map((m) => m.message)).toEqual(["đáp 0", "hỏi 0"]);
    expect(await (await read({ user_id: RESIDENT_OA_ID, offset: 0, count: 11 })).json()).toEqual({
      error: -201,
      message: "count is invalid!",
    });
    expect(await (await read({ user_id: RESIDENT_OA_ID }, {})).json()).toMatchObject({ error: -216 });
  });
});
