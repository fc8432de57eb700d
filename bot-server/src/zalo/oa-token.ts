import { and, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { zaloOaTokens } from "../db/schema";

const ROW = 1;
// Refresh a little before the 25-hour expiry, so a send never starts with a token about to die.
const EARLY_MS = 10 * 60 * 1000;
// Long enough for one OAuth round trip with its timeout; a crashed holder's lease lapses after this.
const LEASE_MS = 30_000;

const RefreshResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.union([z.string(), z.number()]).transform(Number),
});

export interface OaTokenSource {
  /** A usable access token, refreshing first if needed; null when there is none to be had right now. */
  accessToken(): Promise<string | null>;
  /** Zalo said this token is invalid (-216/-220): the next call refreshes instead of reusing it. */
  reject(token: string): void;
}

/**
 * Puts the first refresh token (from the OA's authorisation in Zalo's console) in the database, once. After
 * that the database is the truth: the configured token is spent by the first refresh, so reading it
 * again on every start would lock the OA out.
 */
export function seedOaTokens(db: Db, refreshToken: string, now: Date): void {
  db.insert(zaloOaTokens).values({ id: ROW, refreshToken, updatedAt: now }).onConflictDoNothing().run();
}

interface Options {
  db: Db;
  oauthBaseUrl: string;
  appId: string;
  appSecret: string;
  now?: () => Date;
  log?: (line: string) => void;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** How long to wait between looks while another process holds the refresh lease. */
  waitMs?: number;
}

/**
 * The OA access token, refreshed with Zalo's single-use refresh tokens so that the OA can never be locked
 * out by us: one refresh at a time (a promise shared in this process, a lease row across processes), and
 * the new pair committed to the database in the same tick its response is read, before anything uses it.
 * If the process dies before Zalo answers, the old refresh token was never spent and still works.
 */
export function createOaTokenSource({
  db,
  oauthBaseUrl,
  appId,
  appSecret,
  now = () => new Date(),
  log = () => {},
  timeoutMs = 10_000,
  fetch: doFetch = fetch,
  waitMs = 250,
}: Options): OaTokenSource {
  const url = new URL("/v4/oa/access_token", oauthBaseUrl);
  let inFlight: Promise<string | null> | null = null;
  let rejected: string | null = null;

  const read = () => db.select().from(zaloOaTokens).where(eq(zaloOaTokens.id, ROW)).get();

  function usable(row: ReturnType<typeof read>): string | null {
    if (!row?.accessToken || !row.accessExpiresAt || row.accessToken === rejected) return null;
    return row.accessExpiresAt.getTime() - EARLY_MS > now().getTime() ? row.accessToken : null;
  }

  function claimLease(): boolean {
    const at = now();
    const claimed = db
      .update(zaloOaTokens)
      .set({ refreshLeaseUntil: new Date(at.getTime() + LEASE_MS) })
      .where(and(eq(zaloOaTokens.id, ROW), or(isNull(zaloOaTokens.refreshLeaseUntil), lt(zaloOaTokens.refreshLeaseUntil, at))))
      .run();
    return claimed.changes === 1;
  }

  const releaseLease = () => db.update(zaloOaTokens).set({ refreshLeaseUntil: null }).where(eq(zaloOaTokens.id, ROW)).run();

  async function refresh(): Promise<string | null> {
    for (;;) {
      const row = read();
      if (!row || row.needsReauthorization) return null;
      const ready = usable(row);
      if (ready) return ready;
      if (claimLease()) break;
      // Someone else is refreshing: their new pair lands in the row; look again shortly.
      await new Promise((r) => setTimeout(r, waitMs));
    }
    const row = read();
    if (!row) return null;
    let answer: unknown;
    try {
      const response = await doFetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", secret_key: appSecret },
        body: new URLSearchParams({ app_id: appId, grant_type: "refresh_token", refresh_token: row.refreshToken }),
        redirect: "error",
        signal: AbortSignal.timeout(timeoutMs),
      });
      answer = response.ok ? await response.json() : { httpStatus: response.status };
    } catch (error) {
      // Zalo did not answer: the old refresh token is unspent as far as we know; try again later.
      releaseLease();
      log(`oa token: refresh failed (${(error as Error).name})`);
      return null;
    }
    const parsed = RefreshResponse.safeParse(answer);
    if (!parsed.success) {
      const status = (answer as { httpStatus?: number } | null)?.httpStatus;
      if (status !== undefined && status >= 500) {
        releaseLease();
        log(`oa token: refresh failed (HTTP ${status})`);
        return null;
      }
      // Refused: the refresh token is spent, expired or revoked. Only a person can fix that.
      db.update(zaloOaTokens)
        .set({ needsReauthorization: true, refreshLeaseUntil: null, updatedAt: now() })
        .where(eq(zaloOaTokens.id, ROW))
        .run();
      log(`oa token: refresh refused (error ${(answer as { error?: unknown } | null)?.error ?? "?"}); authorise the app for the OA again`);
      return null;
    }
    const { access_token, refresh_token, expires_in } = parsed.data;
    const at = now();
    // No await between reading Zalo's answer and this commit: the new pair is durable before it is used.
    db.update(zaloOaTokens)
      .set({
        accessToken: access_token,
        accessExpiresAt: new Date(at.getTime() + (Number.isFinite(expires_in) ? expires_in : 3600) * 1000),
        refreshToken: refresh_token,
        refreshLeaseUntil: null,
        updatedAt: at,
      })
      .where(eq(zaloOaTokens.id, ROW))
      .run();
    rejected = null;
    log("oa token: refreshed");
    return access_token;
  }

  return {
    async accessToken() {
      const ready = usable(read());
      if (ready) return ready;
      inFlight ??= refresh().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    reject(token) {
      rejected = token;
    },
  };
}
