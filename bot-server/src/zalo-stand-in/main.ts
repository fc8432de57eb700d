import { serve } from "@hono/node-server";
import { z } from "zod";
import { DEMO_CHAT_ONLY, DEMO_RESIDENTS } from "../demo/residents";
import { createStandIn } from "./app";

/**
 * Runs the stand-in as its own process. Reads the app credentials it checks proofs against and, when both
 * the OA secret key and the initial refresh token are set, plays the commune's OA as well.
 */
const Env = z.object({
  ZALO_APP_ID: z.string().min(1),
  ZALO_APP_SECRET: z.string().min(1),
  ZALO_STAND_IN_PORT: z.coerce.number().int().min(1).max(65535).default(8090),
  ZALO_OA_ID: z.string().min(1).default("demo-oa"),
  ZALO_OA_SECRET_KEY: z.string().min(1).optional(),
  ZALO_OA_REFRESH_TOKEN: z.string().min(1).optional(),
  ZALO_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  ZALO_OA_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).optional(),
  // The one ZNS template the stand-in accepts; unset accepts any id.
  ZALO_ZNS_TEMPLATE_ID: z.string().min(1).optional(),
  // Synthetic OA followers for load tests (a campaign to 100,000 people); none in normal use.
  ZALO_STAND_IN_LOAD_TEST_FOLLOWERS: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

// Unset and empty mean the same thing, as a shell `VAR=` line would suggest.
const parsed = Env.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== "")));
if (!parsed.success) {
  const names = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))].join(", ");
  console.error(`zalo-stand-in: biến môi trường thiếu hoặc sai: ${names} (cần ZALO_APP_ID và ZALO_APP_SECRET giống bot-server)`);
  process.exit(1);
}
const env = parsed.data;

const oa =
  env.ZALO_OA_SECRET_KEY && env.ZALO_OA_REFRESH_TOKEN
    ? {
        oaId: env.ZALO_OA_ID,
        oaSecretKey: env.ZALO_OA_SECRET_KEY,
        initialRefreshToken: env.ZALO_OA_REFRESH_TOKEN,
        webhookUrl: env.ZALO_WEBHOOK_URL,
        rateLimitPerMinute: env.ZALO_OA_RATE_LIMIT_PER_MINUTE,
        loadTestFollowers: env.ZALO_STAND_IN_LOAD_TEST_FOLLOWERS,
        znsTemplateId: env.ZALO_ZNS_TEMPLATE_ID,
      }
    : undefined;

const app = createStandIn({
  appId: env.ZALO_APP_ID,
  appSecret: env.ZALO_APP_SECRET,
  // Residents who learn in the mini app, then newcomers who have only met the OA.
  users: [...DEMO_RESIDENTS, ...DEMO_CHAT_ONLY].map((r) => ({ id: r.zaloId, name: r.name })),
  oa,
});
const server = serve({ fetch: app.fetch, port: env.ZALO_STAND_IN_PORT, hostname: "127.0.0.1" }, (info) => {
  console.log(`[zalo-stand-in] listening on http://localhost:${info.port}`);
  // Configuration only: no tokens, keys or people.
  if (oa) {
    console.log(`[zalo-stand-in] OA ${oa.oaId} on; chat simulator at http://localhost:${info.port}/demo/chat`);
    console.log(`[zalo-stand-in] webhook: ${oa.webhookUrl ?? "not set (events are kept here only)"}`);
  } else {
    console.log("[zalo-stand-in] OA off (set ZALO_OA_SECRET_KEY and ZALO_OA_REFRESH_TOKEN to turn it on)");
  }
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // A planned timeout fault holds a request open for up to its hangMs; nothing here is worth waiting for.
    if ("closeAllConnections" in server) server.closeAllConnections();
  });
}
