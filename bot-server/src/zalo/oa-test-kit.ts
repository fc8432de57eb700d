import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { openDatabase } from "../db/client";
import { createStandIn } from "../zalo-stand-in/app";
import { oaUserIdFor } from "../zalo-stand-in/oa-users";
import { createOaClient } from "./oa-client";
import { createOaTokenSource, seedOaTokens } from "./oa-token";

/**
 * The OA side for tests: a stand-in on a real port, a fresh database seeded with the first refresh token,
 * and a fetch that notes every call so tests can see how often and when Zalo was asked.
 */
export async function oaKit() {
  const appId = "kit-app";
  const appSecret = "kit-secret";
  const resident = { id: "7100000000000000001", name: "Người Thử" };
  const standIn = createStandIn({
    appId,
    appSecret,
    users: [resident],
    oa: { oaId: "kit-oa", oaSecretKey: "kit-oa-secret", initialRefreshToken: "first-refresh" },
  });
  const server = serve({ fetch: standIn.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const calls: { path: string; at: number }[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    calls.push({ path: new URL(input instanceof Request ? input.url : input).pathname, at: Date.now() });
    return fetch(input, init);
  };

  const database = openDatabase(":memory:");
  seedOaTokens(database.db, "first-refresh", new Date());
  const tokenSource = (fetchImpl: typeof fetch = recordingFetch) =>
    createOaTokenSource({ db: database.db, oauthBaseUrl: url, appId, appSecret, fetch: fetchImpl, waitMs: 20 });

  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

  return {
    db: database.db,
    url,
    calls,
    residentOaId: oaUserIdFor("kit-oa", resident.id),
    tokenSource,
    client: createOaClient({ baseUrl: url, timeoutMs: 300, fetch: recordingFetch }),
    /** The resident wrote to the OA just now, which opens Zalo's 7-day window for replies. */
    interacted: (at?: number | null) => post("/demo/oa/interacted", { userId: resident.id, at }),
    fault: (plan: { mode: string; count?: number; acceptThenHang?: boolean; hangMs?: number }) => post("/demo/oa/faults", plan),
    sent: async () => (await (await fetch(`${url}/demo/oa/sent`)).json()) as { text: string; user_id: string }[],
    stats: async () =>
      (await (await fetch(`${url}/demo/oa/stats`)).json()) as {
        refreshCalls: number;
        refreshSuccesses: number;
        csCalls: number;
        csAccepted: number;
      },
    async close() {
      database.close();
      // A planned timeout fault can hold a request open; close() would wait for it.
      if ("closeAllConnections" in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
