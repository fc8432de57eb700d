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
  ZALO_GRAPH_BASE_URL: z.url().default("https://graph.zalo.me"),
  ZALO_OA_API_BASE_URL: z.url().default("https://openapi.zalo.me"),
  ZALO_OAUTH_BASE_URL: z.url().default("https://oauth.zaloapp.com"),
  // Printed in certificates' QR codes and links: the address residents and verifiers reach the server at.
  PUBLIC_BASE_URL: z.url().optional(),
  // Progress writes share one commit per turn of the event loop; `off` exists to measure what that buys.
  PROGRESS_GROUP_COMMIT: z.enum(["on", "off"]).default("on"),
});
export type Env = z.infer<typeof Env>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Treat `FOO=` like an unset variable, the way shells and .env files usually mean it.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = Env.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  throw new Error(`Cấu hình không hợp lệ (biến môi trường):\n${lines.join("\n")}`);
}
