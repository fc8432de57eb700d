import { Hono } from "hono";
import { createDemoChat } from "./demo-chat";
import { createDemoOa } from "./demo-oa";
import { createFaults } from "./faults";
import { createOaApi } from "./oa-api";
import { addLoadTestFollowers, createOaUsers } from "./oa-users";
import { createOaTokens } from "./oauth";
import { createSlidingWindow } from "./rate-limit";
import { createZns } from "./zns";

/** The Official Account the stand-in plays, as an OA admin would have set it up. */
export interface OaConfig {
  oaId: string;
  /** Signs webhook events (the OA's key, not the app secret). */
  oaSecretKey: string;
  /** The one valid refresh token at start, as if an admin had just authorised the app. */
  initialRefreshToken: string;
  /** Where the simulator posts events: the bot-server's webhook. */
  webhookUrl?: string;
  /** Zalo's OA access token lasts 25 hours. */
  accessTokenTtlSeconds?: number;
  /** Zalo's documented OA API limit is 4,000 calls per app per minute. */
  rateLimitPerMinute?: number;
  /** Synthetic followers for load tests (oa-users.ts, addLoadTestFollowers). */
  loadTestFollowers?: number;
  /** The ZNS template Zalo has approved for this OA; when set, ZNS sends naming another id are refused. */
  znsTemplateId?: string;
}

interface Deps {
  appId: string;
  appSecret: string;
  oa: OaConfig;
  users: { id: string; name: string }[];
  now: () => number;
}

/** Wires the OA side: Zalo-shaped routes at the root, the simulator and test controls under /demo. */
export function createOa({ appId, appSecret, oa, users: people, now }: Deps) {
  const users = createOaUsers(oa.oaId, people);
  if (oa.loadTestFollowers) addLoadTestFollowers(users, oa.loadTestFollowers, now());
  const tokens = createOaTokens({
    appId,
    appSecret,
    initialRefreshToken: oa.initialRefreshToken,
    accessTokenTtlSeconds: oa.accessTokenTtlSeconds ?? 90_000,
    now,
  });
  const faults = createFaults();
  const rateWindow = createSlidingWindow(oa.rateLimitPerMinute ?? 4000, 60_000, now);
  const api = createOaApi({ oaId: oa.oaId, users, checkToken: tokens.check, faults, rateWindow, now });
  const zns = createZns({ checkToken: tokens.check, faults, templateId: oa.znsTemplateId, now });

  const demoChat = createDemoChat({ appId, oaId: oa.oaId, oaSecretKey: oa.oaSecretKey, webhookUrl: oa.webhookUrl, users, now });
  const demoOa = createDemoOa({
    users,
    now,
    stats: () => ({ ...tokens.counts, ...api.counts }),
    sent: () => api.sent,
    planFault: faults.plan,
    // Tokens and interaction times survive: a reset starts a new test, not a new OA authorisation.
    reset: () => {
      api.reset();
      zns.reset();
      faults.clear();
      rateWindow.clear();
      tokens.counts.refreshCalls = 0;
      tokens.counts.refreshSuccesses = 0;
      for (const user of users.all) user.conversation = [];
    },
  });

  return { zalo: new Hono().route("/", tokens.routes).route("/", api.routes).route("/", zns.routes), demoChat, demoOa, users };
}
