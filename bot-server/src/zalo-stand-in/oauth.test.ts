import { describe, expect, it } from "vitest";
import { OAUTH_ERRORS } from "./oa-errors";
import { oaStandIn } from "./test-stand-in";

interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: string;
}

describe("Zalo stand-in: OA OAuth refresh", () => {
  it("trades a refresh token once for a new pair; the old refresh token then fails, the old access token still works", async () => {
    const { refresh, sendCs, residentSays } = oaStandIn();
    const first = (await (await refresh("first-refresh")).json()) as TokenPair;
    expect(first.expires_in).toBe("90000");
    expect(first.access_token).toBeTruthy();
    expect(first.refresh_token).not.toBe("first-refresh");

    const reused = await refresh("first-refresh");
    expect(reused.status).toBe(200);
    expect(await reused.json()).toEqual(OAUTH_ERRORS.invalidRefreshToken);

    const second = (await (await refresh(first.refresh_token)).json()) as TokenPair;
    expect(second.access_token).not.toBe(first.access_token);
    await residentSays("chào");
    expect(await (await sendCs(first.access_token, { text: "vẫn dùng được" })).json()).toMatchObject({ error: 0 });
  });

  it("lets only one of two concurrent refreshes with the same token succeed", async () => {
    const { refresh } = oaStandIn();
    const answers = (await Promise.all([refresh("first-refresh"), refresh("first-refresh")].map(async (r) => (await r).json()))) as {
      error?: number;
    }[];
    expect(answers.filter((a) => a.error === undefined)).toHaveLength(1);
    expect(answers.filter((a) => a.error === -14014)).toHaveLength(1);
  });

  it("refuses a wrong secret_key or app_id without spending the refresh token, and counts every call", async () => {
    const { standIn, refresh } = oaStandIn();
    expect(await (await refresh("first-refresh", "wrong")).json()).toEqual(OAUTH_ERRORS.invalidApp);
    const wrongApp = await standIn.request("/v4/oa/access_token", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", secret_key: "app-secret" },
      body: new URLSearchParams({ app_id: "other", grant_type: "refresh_token", refresh_token: "first-refresh" }),
    });
    expect(await wrongApp.json()).toEqual(OAUTH_ERRORS.invalidApp);
    expect(await (await refresh("unknown")).json()).toEqual(OAUTH_ERRORS.invalidRefreshToken);
    expect(await (await refresh("first-refresh")).json()).toHaveProperty("access_token");
    expect(await (await standIn.request("/demo/oa/stats")).json()).toMatchObject({ refreshCalls: 4, refreshSuccesses: 1 });
  });

  it("expires refresh tokens after three months", async () => {
    const { refresh, clock } = oaStandIn();
    clock.ms += 91 * 24 * 60 * 60 * 1000;
    expect(await (await refresh("first-refresh")).json()).toEqual(OAUTH_ERRORS.invalidRefreshToken);
  });
});
