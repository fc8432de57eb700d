import { parseQuietHours } from "@hvs/shared/vietnam-time";
import { z } from "zod";

/**
 * The server's whole configuration, read once at start. Unset Zalo base URLs mean the real Zalo hosts;
 * demo mode points them at the local stand-in.
 */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_URL: z.string().min(1).default("file:./data/hocvuso.db"),
  ZALO_APP_ID: z.string().min(1, "cần ID của Zalo Mini App / Zalo App"),
  ZALO_APP_SECRET: z.string().min(1, "cần khóa bí mật (secret key) của Zalo App"),
  // The OA is used by the chatbot and reminders, which come later; the API runs without them.
  ZALO_OA_ID: z.string().min(1).optional(),
  ZALO_OA_SECRET_KEY: z.string().min(1).optional(),
  // The first refresh token, from authorising the app for the OA in Zalo's console. Read once: after the
  // first refresh the database holds the current one (refresh tokens are single-use).
  ZALO_OA_REFRESH_TOKEN: z.string().min(1).optional(),
  // Where lesson links in the chat open the mini app. UNVERIFIED: Zalo's share link for a mini app is
  // believed to be https://zalo.me/s/<mini app id>/; set this explicitly in production.
  MINI_APP_URL: z.url().optional(),
  // OA sends per second; Zalo's limit is 4,000 calls a minute per app.
  OA_SEND_RATE_PER_SECOND: z.coerce.number().positive().max(66).default(50),
  // Campaign messages per second; below OA_SEND_RATE_PER_SECOND so replies in the chat are never held up.
  CAMPAIGN_SEND_RATE_PER_SECOND: z.coerce.number().positive().max(60).default(20),
  // When no reminder or campaign message goes out (Vietnam time), "HH:MM-HH:MM"; it may span midnight.
  QUIET_HOURS: z
    .string()
    .default("21:00-06:00")
    .transform((text, ctx) => {
      const parsed = parseQuietHours(text);
      if (!parsed) {
        ctx.addIssue({ code: "custom", message: "dạng GG:PP-GG:PP, ví dụ 21:00-06:00" });
        return z.NEVER;
      }
      return parsed;
    }),
  // A ZNS template (approved in Zalo's console, with parameters `ten` and `bai_tiep`) for campaign reminders
  // to people the OA cannot message but whose phone a village team recorded. Unset: no ZNS is sent.
  ZALO_ZNS_TEMPLATE_ID: z.string().min(1).optional(),
  ZALO_ZNS_API_BASE_URL: z.url().default("https://business.openapi.zalo.me"),
  ZALO_GRAPH_BASE_URL: z.url().default("https://graph.zalo.me"),
  ZALO_OA_API_BASE_URL: z.url().default("https://openapi.zalo.me"),
  ZALO_OAUTH_BASE_URL: z.url().default("https://oauth.zaloapp.com"),
  // Printed in certificates' QR codes and links: the address residents and verifiers reach the server at.
  PUBLIC_BASE_URL: z.url().optional(),
  // Progress writes share one commit per turn of the event loop; `off` exists to measure what that buys.
  PROGRESS_GROUP_COMMIT: z.enum(["on", "off"]).default("on"),
});
export type Env = z.infer<typeof Env>;

const parsedEnvCheck = (env: Env) => {
  // Campaigns share the OA sender with the chat's replies: leave the replies room.
  if (env.CAMPAIGN_SEND_RATE_PER_SECOND >= env.OA_SEND_RATE_PER_SECOND) {
    throw new Error(
      `Cấu hình không hợp lệ (biến môi trường):\n  CAMPAIGN_SEND_RATE_PER_SECOND phải nhỏ hơn OA_SEND_RATE_PER_SECOND (${env.OA_SEND_RATE_PER_SECOND})`,
    );
  }
  return env;
};

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Treat `FOO=` like an unset variable, the way shells and .env files usually mean it.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = Env.safeParse(cleaned);
  if (parsed.success) return parsedEnvCheck(parsed.data);
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  throw new Error(`Cấu hình không hợp lệ (biến môi trường):\n${lines.join("\n")}`);
}
