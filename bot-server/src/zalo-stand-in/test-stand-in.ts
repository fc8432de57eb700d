import { createStandIn } from "./app";
import type { OaConfig } from "./oa";
import { oaUserIdFor } from "./oa-users";

/** Shared by the stand-in's tests: one resident, an OA, a clock the test moves, and the calls made often. */
export const APP_ID = "app";
export const APP_SECRET = "app-secret";
export const OA_ID = "oa-1";
export const RESIDENT = { id: "111", name: "Bà Năm" };
export const RESIDENT_OA_ID = oaUserIdFor(OA_ID, RESIDENT.id);

export function oaStandIn(oa: Partial<OaConfig> = {}) {
  const clock = { ms: 1_700_000_000_000 };
  const standIn = createStandIn({
    appId: APP_ID,
    appSecret: APP_SECRET,
    users: [RESIDENT],
    oa: { oaId: OA_ID, oaSecretKey: "oa-secret", initialRefreshToken: "first-refresh", ...oa },
    now: () => clock.ms,
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    standIn.request(path, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });

  function refresh(refreshToken: string, secret = APP_SECRET) {
    return standIn.request("/v4/oa/access_token", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", secret_key: secret },
      body: new URLSearchParams({ app_id: APP_ID, grant_type: "refresh_token", refresh_token: refreshToken }),
    });
  }

  async function accessToken(): Promise<string> {
    const body = (await (await refresh("first-refresh")).json()) as { access_token: string };
    return body.access_token;
  }

  function sendCs(token: string | undefined, message: object, userId = RESIDENT_OA_ID) {
    return post("/v3.0/oa/message/cs", { recipient: { user_id: userId }, message }, token === undefined ? {} : { access_token: token });
  }

  /** The resident says something in the simulator, which also opens the 7-day window. */
  const residentSays = (text: string) => post("/demo/chat/send", { userId: RESIDENT.id, text });

  return { standIn, clock, post, refresh, accessToken, sendCs, residentSays };
}
