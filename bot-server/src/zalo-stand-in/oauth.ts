import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import { OAUTH_ERRORS } from "./oa-errors";
import { sameText } from "./same-text";

// A refresh token lives three months (developers.zalo.me, OA authorisation page).
const REFRESH_TOKEN_TTL_MS = 90 * 24 * 60 * 60 * 1000;

const RefreshForm = z.object({
  app_id: z.string(),
  grant_type: z.string(),
  refresh_token: z.string().min(1),
});

interface Deps {
  appId: string;
  /** OAuth v4 checks the Zalo App's secret in the `secret_key` header, not the OA's webhook key. */
  appSecret: string;
  initialRefreshToken: string;
  accessTokenTtlSeconds: number;
  now: () => number;
}

export type AccessTokenState = "valid" | "invalid" | "expired";

/**
 * The OA's OAuth v4 refresh: `POST /v4/oa/access_token`. Each refresh token works once, so a client that
 * refreshes twice with the same token (two workers, or a crash before saving the new one) sees the
 * failure here just as it would against Zalo. Old access tokens stay valid until their own expiry.
 */
export function createOaTokens({ appId, appSecret, initialRefreshToken, accessTokenTtlSeconds, now }: Deps) {
  const refreshTokens = new Map([[initialRefreshToken, now() + REFRESH_TOKEN_TTL_MS]]);
  const accessTokens = new Map<string, number>();
  const counts = { refreshCalls: 0, refreshSuccesses: 0 };

  function check(token: string | undefined): AccessTokenState {
    const expiresAt = token === undefined ? undefined : accessTokens.get(token);
    if (expiresAt === undefined) return "invalid";
    return expiresAt > now() ? "valid" : "expired";
  }

  const routes = new Hono().post("/v4/oa/access_token", async (c) => {
    counts.refreshCalls += 1;
    const isForm = (c.req.header("content-type") ?? "").startsWith("application/x-www-form-urlencoded");
    const form = RefreshForm.safeParse(isForm ? Object.fromEntries(new URLSearchParams(await c.req.text())) : null);
    const secret = c.req.header("secret_key") ?? "";
    if (!sameText(secret, appSecret) || (form.success && form.data.app_id !== appId)) return c.json(OAUTH_ERRORS.invalidApp);
    if (!form.success) return c.json(OAUTH_ERRORS.invalidRefreshToken);
    if (form.data.grant_type !== "refresh_token") return c.json(OAUTH_ERRORS.invalidGrant);

    // Looked up and spent with no await in between, so two concurrent refreshes cannot both succeed.
    const refreshExpiresAt = refreshTokens.get(form.data.refresh_token);
    refreshTokens.delete(form.data.refresh_token);
    if (refreshExpiresAt === undefined || refreshExpiresAt <= now()) return c.json(OAUTH_ERRORS.invalidRefreshToken);

    const accessToken = randomBytes(32).toString("base64url");
    const refreshToken = randomBytes(32).toString("base64url");
    accessTokens.set(accessToken, now() + accessTokenTtlSeconds * 1000);
    refreshTokens.set(refreshToken, now() + REFRESH_TOKEN_TTL_MS);
    counts.refreshSuccesses += 1;
    // Zalo sends expires_in as a string of seconds.
    return c.json({ access_token: accessToken, refresh_token: refreshToken, expires_in: String(accessTokenTtlSeconds) });
  });

  return { routes, check, counts };
}
