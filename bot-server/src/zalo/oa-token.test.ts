import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { zaloOaTokens } from "../db/schema";
import { oaKit } from "./oa-test-kit";

let kit: Awaited<ReturnType<typeof oaKit>>;
beforeEach(async () => {
  kit = await oaKit();
});
afterEach(() => kit.close());

const row = () => kit.db.select().from(zaloOaTokens).where(eq(zaloOaTokens.id, 1)).get();

describe("the OA access token (single-use refresh tokens)", () => {
  it("refreshes exactly once for twenty callers at once, and commits the new pair before handing it out", async () => {
    const source = kit.tokenSource();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => source.accessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toBeTruthy();
    expect(await kit.stats()).toMatchObject({ refreshCalls: 1, refreshSuccesses: 1 });
    expect(row()).toMatchObject({ accessToken: tokens[0], needsReauthorization: false, refreshLeaseUntil: null });
    expect(row()?.refreshToken).not.toBe("first-refresh");
  });

  it("after a restart uses the stored pair instead of the spent first token", async () => {
    const first = await kit.tokenSource().accessToken();
    // A new process: the configured first token is spent, but the database holds its successor.
    const restarted = kit.tokenSource();
    expect(await restarted.accessToken()).toBe(first);
    expect((await kit.stats()).refreshCalls).toBe(1);
    // When Zalo rejects the token, the stored refresh token (not the first one) gets the next pair.
    restarted.reject(first ?? "");
    const second = await restarted.accessToken();
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    expect(await kit.stats()).toMatchObject({ refreshCalls: 2, refreshSuccesses: 2 });
  });

  it("is not locked out when a refresh died before Zalo answered, or a crashed process left its lease", async () => {
    const down = kit.tokenSource(() => Promise.reject(new TypeError("fetch failed")));
    expect(await down.accessToken()).toBeNull();
    expect(row()).toMatchObject({ refreshToken: "first-refresh", refreshLeaseUntil: null, needsReauthorization: false });

    // A process that claimed the lease and was killed: the lease lapses and the next one proceeds.
    kit.db
      .update(zaloOaTokens)
      .set({ refreshLeaseUntil: new Date(Date.now() - 1) })
      .run();
    expect(await kit.tokenSource().accessToken()).toBeTruthy();
    expect((await kit.stats()).refreshSuccesses).toBe(1);
  });

  it("waits for another process's refresh rather than spending the refresh token a second time", async () => {
    // Another process holds the lease; its new pair lands in the row while we wait.
    kit.db
      .update(zaloOaTokens)
      .set({ refreshLeaseUntil: new Date(Date.now() + 10_000) })
      .run();
    const waiting = kit.tokenSource().accessToken();
    await new Promise((r) => setTimeout(r, 60));
    kit.db
      .update(zaloOaTokens)
      .set({ accessToken: "from-the-other-process", accessExpiresAt: new Date(Date.now() + 3_600_000), refreshLeaseUntil: null })
      .run();
    expect(await waiting).toBe("from-the-other-process");
    expect((await kit.stats()).refreshCalls).toBe(0);
  });

  it("marks the OA as needing a person when Zalo refuses the refresh token, and stops asking", async () => {
    kit.db.update(zaloOaTokens).set({ refreshToken: "revoked-by-admin" }).run();
    const source = kit.tokenSource();
    expect(await source.accessToken()).toBeNull();
    expect(row()?.needsReauthorization).toBe(true);
    expect(await source.accessToken()).toBeNull();
    expect((await kit.stats()).refreshCalls).toBe(1);
  });
});
