import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../http/app-error";
import { createZaloGraphClient } from "./graph-client";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = undefined;
});

/** A fake Graph API that answers every request with `respond`, recording the request. */
async function fakeZalo(respond: (res: import("node:http").ServerResponse) => void) {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    respond(res);
  });
  await new Promise<void>((r) => server?.listen(0, "127.0.0.1", r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, client: createZaloGraphClient({ baseUrl, appSecret: "s3cret", timeoutMs: 300 }) };
}

function json(body: unknown, status = 200) {
  return (res: import("node:http").ServerResponse) => {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("Zalo Graph client", () => {
  it("calls GET /v2.0/me with the token and its appsecret_proof as headers", async () => {
    const { seen, client } = await fakeZalo(json({ error: 0, message: "Success", id: "123", name: "  Bà Tư " }));
    expect(await client.getMe("tok")).toEqual({ id: "123", name: "Bà Tư" });
    expect(seen[0]?.url).toBe("/v2.0/me?fields=id%2Cname");
    expect(seen[0]?.headers.access_token).toBe("tok");
    // Computed independently (Python's hmac module): hex HMAC-SHA256 of "tok" keyed with "s3cret".
    expect(seen[0]?.headers.appsecret_proof).toBe("2ff2659e371a012c6ab9b88a4af2122efc22dd1c5dda6dfd9e2ec9e6f7415791");
  });

  it("maps Zalo's token errors to ZALO_TOKEN_INVALID", async () => {
    const { client } = await fakeZalo(json({ error: 452, message: "Session key invalid" }));
    expect(await codeOf(client.getMe("tok"))).toBe("ZALO_TOKEN_INVALID");
  });

  it("treats Zalo's own failures, 5xx, odd bodies and hangs as ZALO_UNAVAILABLE", async () => {
    for (const respond of [
      json({ error: 10000, message: "Call fail" }),
      json({ oops: true }, 502),
      json({ error: 0, message: "Success" }),
      (res: import("node:http").ServerResponse) => res.end("<html>"),
      () => {}, // never answers: the client's timeout must end it
    ]) {
      const { client } = await fakeZalo(respond);
      expect(await codeOf(client.getMe("tok"))).toBe("ZALO_UNAVAILABLE");
      server?.closeAllConnections();
      await new Promise((r) => server?.close(r));
      server = undefined;
    }
  });
});
