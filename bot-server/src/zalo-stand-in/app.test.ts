import { describe, expect, it } from "vitest";
import { appSecretProof } from "../zalo/appsecret-proof";
import { createStandIn } from "./app";

const users = [{ id: "111", name: "Bà Năm" }];

async function issue(standIn: ReturnType<typeof createStandIn>, body: unknown) {
  return standIn.request("/demo/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

function me(standIn: ReturnType<typeof createStandIn>, headers: Record<string, string>, fields = "id,name") {
  return standIn.request(`/v2.0/me?fields=${fields}`, { headers });
}

describe("Zalo stand-in: GET /v2.0/me", () => {
  it("answers Zalo's success shape with only the fields asked for", async () => {
    const standIn = createStandIn({ appId: "app", appSecret: "secret", users });
    const { access_token } = (await (await issue(standIn, { userId: "111" })).json()) as { access_token: string };
    const headers = { access_token, appsecret_proof: appSecretProof(access_token, "secret") };
    expect(await (await me(standIn, headers)).json()).toEqual({ error: 0, message: "Success", id: "111", name: "Bà Năm" });
    expect(await (await me(standIn, headers, "id")).json()).toEqual({ error: 0, message: "Success", id: "111" });
  });

  it("answers HTTP 200 with Zalo's error codes for a missing, unknown or expired token and a bad proof", async () => {
    let clock = 1_000_000;
    const standIn = createStandIn({ appId: "app", appSecret: "secret", users, tokenTtlSeconds: 60, now: () => clock });
    const { access_token } = (await (await issue(standIn, { userId: "111" })).json()) as { access_token: string };
    const proof = appSecretProof(access_token, "secret");

    const missing = await me(standIn, {});
    expect(missing.status).toBe(200);
    expect(await missing.json()).toMatchObject({ error: 452 });
    expect(await (await me(standIn, { access_token: "forged", appsecret_proof: appSecretProof("forged", "secret") })).json()).toMatchObject(
      { error: 452 },
    );
    expect(await (await me(standIn, { access_token, appsecret_proof: appSecretProof(access_token, "wrong") })).json()).toMatchObject({
      error: -242,
    });
    expect(await (await me(standIn, { access_token })).json()).toMatchObject({ error: -242 });

    clock += 59_000;
    expect(await (await me(standIn, { access_token, appsecret_proof: proof })).json()).toMatchObject({ error: 0 });
    clock += 1_000;
    expect(await (await me(standIn, { access_token, appsecret_proof: proof })).json()).toMatchObject({ error: 452 });
  });

  it("issues demo tokens only for its own users", async () => {
    const standIn = createStandIn({ appId: "app", appSecret: "secret", users });
    expect((await issue(standIn, { userId: "999" })).status).toBe(400);
    expect((await issue(standIn, {})).status).toBe(400);
  });
});
