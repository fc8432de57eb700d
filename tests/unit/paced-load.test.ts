import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { pacedLoad } from "../bench/paced-load";

// The instrument behind bench:progress's latency figure: if it paced badly or hid a stall, the figure
// would be wrong in the flattering direction, so these check both against servers whose timing is known.

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(handler: (request: IncomingMessage, response: ServerResponse, body: string) => void): Promise<string> {
  const listening = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => handler(request, response, body));
  });
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/api/progress`;
}

const json = (response: ServerResponse, status: number, value: unknown) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(value));
};

describe("pacedLoad", () => {
  it("sends at a steady rate, whatever the answers, and carries the body and headers", async () => {
    const arrivals: number[] = [];
    const bodies = new Set<string>();
    const tokens = new Set<string | undefined>();
    const url = await serve((request, response, body) => {
      arrivals.push(performance.now());
      bodies.add(body);
      tokens.add(request.headers.authorization);
      // Slow answers: a closed loop over 4 connections would manage 4 / 0.03 s = 133/s, not 200.
      setTimeout(() => json(response, 200, { ok: true, text: "Đã lưu" }), 30);
    });
    let n = 0;
    const result = await pacedLoad({
      url,
      headers: { "content-type": "application/json", authorization: "Bearer t" },
      body: () => JSON.stringify({ n: ++n, note: "bài học" }),
      rate: 200,
      durationS: 1,
      connections: 32,
    });
    expect(result).toMatchObject({ sent: 200, ok: 200, failed: 0 });
    expect(bodies.size).toBe(200);
    expect([...bodies].every((body) => JSON.parse(body).note === "bài học")).toBe(true);
    expect([...tokens]).toEqual(["Bearer t"]);
    expect(result.p50).toBeGreaterThanOrEqual(30);
    expect(result.p50).toBeLessThan(60);
    // Spread over the second rather than sent at its start: every tenth of it carries about a tenth.
    const first = arrivals[0] ?? 0;
    const perTenth = Array.from({ length: 10 }, (_, i) => arrivals.filter((t) => Math.floor((t - first) / 100) === i).length);
    for (const count of perTenth) expect(count).toBeGreaterThanOrEqual(12);
    expect(result.connectionsUsed).toBeGreaterThan(4);
  });

  it("counts a stall in the server from when each request was due, not from when it could be sent", async () => {
    let stalled = false;
    const url = await serve((_request, response) => {
      if (!stalled) {
        stalled = true;
        // The whole process stops for 300 ms, as a server's event loop can.
        const until = performance.now() + 300;
        while (performance.now() < until) {}
      }
      json(response, 200, {});
    });
    // Two connections only: requests due during the stall wait for one, and that wait must count.
    const result = await pacedLoad({ url, headers: {}, body: () => "{}", rate: 200, durationS: 1, connections: 2 });
    expect(result.ok).toBe(200);
    expect(result.max).toBeGreaterThanOrEqual(280);
    // About 60 requests were due during the stall: far more than 1% of 200, so the p99 shows it.
    expect(result.p99).toBeGreaterThanOrEqual(200);
  });

  it("counts error answers and dropped connections as failures", async () => {
    let n = 0;
    const url = await serve((request, response) => {
      n++;
      if (n % 10 === 0) return request.socket.destroy();
      json(response, n % 5 === 0 ? 500 : 200, { n });
    });
    const result = await pacedLoad({ url, headers: {}, body: () => "{}", rate: 100, durationS: 1, connections: 8 });
    expect(result.sent).toBe(100);
    expect(result.ok + result.failed).toBe(100);
    // Every fifth answer is a 500 or a dropped connection.
    expect(result.failed).toBe(20);
  });
});
