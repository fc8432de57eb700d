import { z } from "zod";
import { AppError } from "../http/app-error";
import { appSecretProof } from "./appsecret-proof";

export interface ZaloProfile {
  /** App-scoped user id: the same person has another id in another Zalo app. */
  id: string;
  name: string | null;
}

export interface ZaloGraphClient {
  getMe(accessToken: string): Promise<ZaloProfile>;
}

const MeResponse = z.object({
  error: z.number(),
  message: z.string().optional(),
  id: z.string().optional(),
  name: z.string().optional(),
});

/**
 * Codes that mean "this token is not good", as opposed to Zalo being unwell: 452 session key invalid
 * (Social API), -216/-220 invalid or expired token and -242 bad appsecret_proof (OA API, which shares the
 * token layer), 100 invalid parameter.
 */
const TOKEN_REJECTED = new Set([452, -216, -220, -242, 100]);

interface Options {
  baseUrl: string;
  appSecret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function createZaloGraphClient({ baseUrl, appSecret, timeoutMs = 5000, fetch: doFetch = fetch }: Options): ZaloGraphClient {
  const url = new URL("/v2.0/me", baseUrl);
  url.searchParams.set("fields", "id,name");
  return {
    async getMe(accessToken) {
      let response: Response;
      try {
        response = await doFetch(url, {
          headers: { access_token: accessToken, appsecret_proof: appSecretProof(accessToken, appSecret) },
          redirect: "error",
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new AppError("ZALO_UNAVAILABLE", `graph /me: ${(error as Error).name}`);
      }
      if (!response.ok) throw new AppError("ZALO_UNAVAILABLE", `graph /me: HTTP ${response.status}`);
      const parsed = MeResponse.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw new AppError("ZALO_UNAVAILABLE", "graph /me: unexpected body");
      const me = parsed.data;
      if (me.error !== 0) {
        throw new AppError(TOKEN_REJECTED.has(me.error) ? "ZALO_TOKEN_INVALID" : "ZALO_UNAVAILABLE", `graph /me: error ${me.error}`);
      }
      if (!me.id) throw new AppError("ZALO_UNAVAILABLE", "graph /me: no id");
      return { id: me.id, name: me.name?.trim() || null };
    },
  };
}
