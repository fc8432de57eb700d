import { describe, expect, it } from "vitest";
import { oaStandIn, RESIDENT } from "./test-stand-in";

async function ready() {
  const kit = oaStandIn();
  const token = await kit.accessToken();
  await kit.residentSays("hỏi");
  const plan = (fault: object) => kit.post("/demo/oa/faults", fault);
  const send = (text: string) => kit.sendCs(token, { text });
  const sentTexts = async () => ((await (await kit.standIn.request("/demo/oa/sent")).json()) as { text: string }[]).map((m) => m.text);
  return { ...kit, plan, send, sentTexts };
}

describe("Zalo stand-in: planned faults on /v3.0/oa/message/cs", () => {
  it("http500 fails the next n calls with a plain HTTP 500, then sends work again", async () => {
    const { plan, send, sentTexts } = await ready();
    await plan({ mode: "http500", count: 2 });
    for (const text of ["a", "b"]) {
      const response = await send(text);
      expect(response.status).toBe(500);
      expect(await response.text()).toBe("Internal Server Error");
    }
    expect(await (await send("c")).json()).toMatchObject({ error: 0 });
    expect(await sentTexts()).toEqual(["c"]);
  });

  it("rate_limit answers -32 and token_expired answers -216, each for its count", async () => {
    const { plan, send } = await ready();
    await plan({ mode: "rate_limit", count: 1 });
    expect(await (await send("a")).json()).toMatchObject({ error: -32 });
    await plan({ mode: "token_expired" });
    expect(await (await send("b")).json()).toMatchObject({ error: -216 });
    expect(await (await send("c")).json()).toMatchObject({ error: 0 });
  });

  it("timeout holds the answer and records nothing; with acceptThenHang the message is recorded before the wait", async () => {
    const { standIn, plan, send, sentTexts } = await ready();
    await plan({ mode: "timeout", hangMs: 40 });
    const started = Date.now();
    const lost = await send("lost");
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect(lost.status).toBe(504);
    expect(await sentTexts()).toEqual([]);

    await plan({ mode: "timeout", hangMs: 200, acceptThenHang: true });
    const pending = send("got through");
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The answer is still on its way, but the person already has the message.
    expect(await sentTexts()).toEqual(["got through"]);
    const messages = (await (await standIn.request(`/demo/chat/messages?userId=${RESIDENT.id}`)).json()) as { text: string }[];
    expect(messages.at(-1)?.text).toBe("got through");
    expect(await (await pending).json()).toMatchObject({ error: 0 });
  });

  it("none clears a plan; reset clears sent messages, stats and faults", async () => {
    const { standIn, plan, send, sentTexts, post } = await ready();
    await plan({ mode: "http500", count: 5 });
    await plan({ mode: "none" });
    expect((await send("a")).status).toBe(200);
    await plan({ mode: "http500", count: 5 });
    await post("/demo/oa/reset", {});
    expect(await sentTexts()).toEqual([]);
    expect(await (await standIn.request("/demo/oa/stats")).json()).toEqual({
      refreshCalls: 0,
      refreshSuccesses: 0,
      csCalls: 0,
      csAccepted: 0,
    });
    expect(await (await send("b")).json()).toMatchObject({ error: 0 });
    expect((await plan({ mode: "explode" })).status).toBe(400);
  });
});
