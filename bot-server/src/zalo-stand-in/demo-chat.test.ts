import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zaloEventMac } from "../zalo/webhook-signature";
import { APP_ID, OA_ID, oaStandIn, RESIDENT, RESIDENT_OA_ID } from "./test-stand-in";

interface Received {
  body: string;
  signature: string | undefined;
  numRetry: string | undefined;
}

// A real HTTP receiver standing in for the bot-server's webhook, so the posting is tested over the wire.
const received: Received[] = [];
let answerStatus = 200;
let server: ReturnType<typeof serve>;
let webhookUrl = "";

beforeAll(async () => {
  const receiver = new Hono().post("/webhooks/zalo", async (c) => {
    received.push({ body: await c.req.text(), signature: c.req.header("x-zevent-signature"), numRetry: c.req.header("num_retry") });
    return c.json({ received: true }, answerStatus as 200);
  });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: receiver.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/zalo`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface SendResult {
  delivered: boolean;
  status: number;
  event_name: string;
  msg_id?: string;
  body: string;
  signature: string;
}

function kit() {
  received.length = 0;
  answerStatus = 200;
  const stand = oaStandIn({ webhookUrl });
  const send = async (request: object) =>
    (await (await stand.post("/demo/chat/send", { userId: RESIDENT.id, ...request })).json()) as SendResult;
  return { ...stand, send };
}

const expectedMac = (body: string) => zaloEventMac(APP_ID, body, JSON.parse(body).timestamp, "oa-secret");

describe("Zalo stand-in: the chat simulator's webhook events", () => {
  it("posts a user_send_text in Zalo's shape, signed over the exact bytes sent", async () => {
    const { send, clock } = kit();
    const result = await send({ text: "Tôi muốn học VNeID" });
    expect(result).toMatchObject({ delivered: true, status: 200, event_name: "user_send_text", msg_id: expect.any(String) });
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got?.body).toBe(result.body);
    expect(got?.signature).toBe(expectedMac(result.body));
    expect(got?.signature).toBe(result.signature);
    expect(got?.numRetry).toBeUndefined();
    expect(JSON.parse(result.body)).toEqual({
      app_id: APP_ID,
      user_id_by_app: RESIDENT.id,
      event_name: "user_send_text",
      timestamp: String(clock.ms),
      sender: { id: RESIDENT_OA_ID },
      recipient: { id: OA_ID },
      message: { text: "Tôi muốn học VNeID", msg_id: result.msg_id },
    });
  });

  it("redelivers the identical body and signature with num_retry", async () => {
    const { send, post } = kit();
    const first = await send({ text: "chào" });
    const again = await post("/demo/chat/redeliver", { body: first.body, signature: first.signature });
    expect(await again.json()).toEqual({ delivered: true, status: 200 });
    expect(received).toHaveLength(2);
    expect(received[1]?.body).toBe(received[0]?.body);
    expect(received[1]?.signature).toBe(received[0]?.signature);
    expect(received[1]?.numRetry).toBe("1");
  });

  it("posts follow, attachment, submit-info and withdraw events in their own shapes", async () => {
    const { send } = kit();
    const bodies: Record<string, Record<string, unknown>> = {};
    for (const event of [
      "follow",
      "unfollow",
      "user_send_image",
      "user_send_sticker",
      "user_send_location",
      "user_submit_info",
      "user_withdraw",
    ]) {
      const result = await send({ event });
      expect(result).toMatchObject({ delivered: true, event_name: event });
      expect(received.at(-1)?.signature).toBe(expectedMac(result.body));
      bodies[event] = JSON.parse(result.body);
    }
    expect(bodies.follow).toEqual({
      oa_id: OA_ID,
      follower: { id: RESIDENT_OA_ID },
      user_id_by_app: RESIDENT.id,
      event_name: "follow",
      source: "oa_profile",
      app_id: APP_ID,
      timestamp: expect.stringMatching(/^\d+$/),
    });
    expect(bodies.user_send_image?.message).toEqual({
      msg_id: expect.any(String),
      attachments: [{ type: "image", payload: { url: expect.any(String), thumbnail: expect.any(String) } }],
    });
    expect(bodies.user_send_sticker?.message).toMatchObject({ attachments: [{ type: "sticker", payload: { id: expect.any(String) } }] });
    expect(bodies.user_send_location?.message).toMatchObject({ attachments: [{ type: "location", payload: { coordinates: {} } }] });
    expect(bodies.user_submit_info).toMatchObject({
      sender: { id: RESIDENT_OA_ID },
      recipient: { id: OA_ID },
      info: { name: RESIDENT.name },
    });
    expect(bodies.user_withdraw).toEqual({
      app_id: APP_ID,
      user_id_by_app: RESIDENT.id,
      event_name: "user_withdraw",
      timestamp: expect.stringMatching(/^\d+$/),
      sender: { id: RESIDENT_OA_ID },
      recipient: { id: OA_ID },
    });
  });

  it("keeps what the person said, marks hidden button taps, and reports a refused or unreachable webhook", async () => {
    const { standIn, send } = kit();
    await send({ text: "#hoc-zalo", hidden: true });
    await send({ event: "user_send_sticker" });
    answerStatus = 500;
    expect(await send({ text: "có ai không?" })).toMatchObject({ delivered: false, status: 500 });
    const messages = await (await standIn.request(`/demo/chat/messages?userId=${RESIDENT.id}`)).json();
    expect(messages).toMatchObject([
      { src: 1, type: "text", text: "#hoc-zalo", hidden: true },
      { src: 1, type: "sticker", text: "" },
      { src: 1, type: "text", text: "có ai không?" },
    ]);

    const offline = oaStandIn({ webhookUrl: "http://127.0.0.1:9/nowhere" });
    const result = await (await offline.residentSays("alo")).json();
    expect(result).toMatchObject({ delivered: false, status: 0, event_name: "user_send_text" });
    const unset = await (await oaStandIn().residentSays("alo")).json();
    expect(unset).toMatchObject({ delivered: false, status: 0 });
  });

  it("refuses malformed requests and unknown people", async () => {
    const { post } = kit();
    expect((await post("/demo/chat/send", { userId: "nobody", text: "a" })).status).toBe(404);
    expect((await post("/demo/chat/send", { userId: RESIDENT.id })).status).toBe(400);
    expect((await post("/demo/chat/send", { userId: RESIDENT.id, event: "user_send_video" })).status).toBe(400);
    expect((await post("/demo/chat/redeliver", { body: "" })).status).toBe(400);
    expect(received).toHaveLength(0);
  });
});
