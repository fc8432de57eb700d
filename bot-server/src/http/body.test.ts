import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../test-support/responses";
import { boundedBody } from "./body";
import { createErrorHandler } from "./on-error";

const LIMIT = 100;

function app() {
  const seen: string[] = [];
  const routes = new Hono()
    .use(boundedBody(LIMIT))
    .post("/json", async (c) => {
      seen.push("json");
      return c.json({ got: await c.req.json() });
    })
    .post("/form", async (c) => c.json({ name: (await c.req.parseBody()).name }))
    .post("/bytes", async (c) => c.json({ bytes: [...new Uint8Array(await c.req.arrayBuffer())] }))
    .get("/", (c) => c.text("ok"));
  routes.onError(createErrorHandler(() => {}));
  return { routes, seen };
}

// Node's own stream is read only under @hono/node-server, so these go over real HTTP.
describe("request bodies read once, bounded, over Node's HTTP", () => {
  const { routes, seen } = app();
  let server: ReturnType<typeof serve>;
  let url = "";
  beforeAll(async () => {
    server = serve({ fetch: routes.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("gives the handler the JSON, Vietnamese intact and a leading BOM dropped as fetch would", async () => {
    const response = await fetch(`${url}/json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `\uFEFF${JSON.stringify({ ten: "Nguyễn Thị Hoà" })}`,
    });
    expect(await response.json()).toEqual({ got: { ten: "Nguyễn Thị Hoà" } });
  });

  it("refuses a declared length over the limit with 413 before the handler runs", async () => {
    seen.length = 0;
    const response = await fetch(`${url}/json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ pad: "x".repeat(LIMIT) }),
    });
    await expectError(response, 413, "PAYLOAD_TOO_LARGE");
    expect(seen).toEqual([]);
  });

  it("refuses a chunked body (no Content-Length) once it passes the limit", async () => {
    seen.length = 0;
    const chunks = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode("x".repeat(40)));
      },
    });
    const response = await fetch(`${url}/json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chunks,
      duplex: "half",
    } as RequestInit);
    await expectError(response, 413, "PAYLOAD_TOO_LARGE");
    expect(seen).toEqual([]);
  });

  it("reads forms and bytes as they were sent", async () => {
    const form = await fetch(`${url}/form`, { method: "POST", body: new URLSearchParams({ name: "Đỗ Văn Ân" }) });
    expect(await form.json()).toEqual({ name: "Đỗ Văn Ân" });
    const bytes = await fetch(`${url}/bytes`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: new Uint8Array([0, 255, 0xef, 0xbb, 0xbf]),
    });
    expect(await bytes.json()).toEqual({ bytes: [0, 255, 0xef, 0xbb, 0xbf] });
    expect(await (await fetch(url)).text()).toBe("ok");
  });
});

describe("request bodies under app.request()", () => {
  it("are bounded the same way by Hono's own limit", async () => {
    const { routes, seen } = app();
    const response = await routes.request("/json", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ pad: "x".repeat(LIMIT) }),
    });
    await expectError(response, 413, "PAYLOAD_TOO_LARGE");
    expect(seen).toEqual([]);
    const small = await routes.request("/json", { method: "POST", headers: { "content-type": "application/json" }, body: "[1]" });
    expect(await small.json()).toEqual({ got: [1] });
  });
});
