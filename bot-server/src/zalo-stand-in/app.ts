import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { z } from "zod";
import { appSecretProof } from "../zalo/appsecret-proof";
import { createOa, type OaConfig } from "./oa";
import { createAbsentOa } from "./oa-absent";
import { sameText } from "./same-text";

/**
 * A local stand-in for the part of Zalo this project talks to, so the system runs and is tested with no
 * Zalo account and no internet. Zalo-shaped routes answer as Zalo documents them (HTTP 200 with
 * `{error, message}`); routes under /demo are the stand-in's own, for the demo sign-in, the chat
 * simulator (/demo/chat) and tests.
 */

export interface StandInUser {
  id: string;
  name: string;
}

export interface StandInConfig {
  appId: string;
  appSecret: string;
  users: StandInUser[];
  /** Zalo's OAuth v4 user tokens last one hour; the mini-app token's lifetime is not documented. */
  tokenTtlSeconds?: number;
  /** The Official Account side (chatbot API, OAuth refresh, webhook events); off when absent. */
  oa?: OaConfig;
  /** Clock in epoch ms, injectable so tests can step past token expiry and the 7-day window. */
  now?: () => number;
}

// Social API error codes (developers.zalo.me, "Mã lỗi").
const SESSION_INVALID = {
  error: 452,
  message:
    "Session key invalid. This could be because the session key has an incorrect format, or because the user has revoked this session",
};
// The OA API's code for a wrong appsecret_proof; which code the Graph API uses is not documented.
const PROOF_INVALID = { error: -242, message: "appsecret_proof is invalid" };
const INVALID_PARAMETER = { error: 100, message: "Invalid parameter" };

const TokenRequest = z.object({
  userId: z.string().min(1),
  expiresInSeconds: z.number().int().min(-3600).max(86400).optional(),
});

export function createStandIn({ appId, appSecret, users, tokenTtlSeconds = 3600, oa, now = Date.now }: StandInConfig) {
  const tokens = new Map<string, { userId: string; expiresAt: number }>();
  const byId = new Map(users.map((u) => [u.id, u]));
  const oaSide = oa ? createOa({ appId, appSecret, oa, users, now }) : undefined;
  const { zalo, demoChat, demoOa } = oaSide ?? createAbsentOa();
  // The mini app and the simulator need the OA id too: it is what webhooks and OA messages name people by.
  const listed = oaSide ? oaSide.users.all.map((u) => ({ id: u.appUserId, name: u.name, oaUserId: u.oaUserId })) : users;

  const demo = new Hono()
    .use(cors({ origin: "*", allowMethods: ["GET", "POST"], allowHeaders: ["Content-Type"] }))
    .get("/users", (c) => c.json({ users: listed }))
    .post("/token", async (c) => {
      const parsed = TokenRequest.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success || !byId.has(parsed.data.userId)) return c.json(INVALID_PARAMETER, 400);
      const ttl = parsed.data.expiresInSeconds ?? tokenTtlSeconds;
      const accessToken = randomBytes(24).toString("base64url");
      tokens.set(accessToken, { userId: parsed.data.userId, expiresAt: now() + ttl * 1000 });
      return c.json({ access_token: accessToken, expires_in: String(ttl), app_id: appId });
    })
    .route("/chat", demoChat)
    .route("/oa", demoOa);

  return new Hono()
    .get("/v2.0/me", (c) => {
      const token = c.req.header("access_token");
      if (!token) return c.json(SESSION_INVALID);
      const proof = c.req.header("appsecret_proof");
      if (!proof || !sameText(proof, appSecretProof(token, appSecret))) return c.json(PROOF_INVALID);
      const grant = tokens.get(token);
      if (!grant || grant.expiresAt <= now()) return c.json(SESSION_INVALID);
      const user = byId.get(grant.userId);
      if (!user) return c.json(SESSION_INVALID);
      const fields = new Set((c.req.query("fields") ?? "id").split(",").map((f) => f.trim()));
      return c.json({
        error: 0,
        message: "Success",
        id: user.id,
        ...(fields.has("name") ? { name: user.name } : {}),
        ...(fields.has("picture") ? { picture: { data: { url: "" } } } : {}),
      });
    })
    .route("/", zalo)
    .route("/demo", demo);
}
