import { CONSENT_VERSION, ErrorBody, SignInResponse } from "@hvs/shared/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { learnerIdentities, learners, sessions } from "../db/schema";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";
import { LEARNER_SESSION_MS, purgeExpiredSessions } from "./sessions";

let system: TestSystem;
beforeEach(async () => {
  system = await createTestSystem();
});
afterEach(() => system.close());

const user = TEST_USERS[0]?.id ?? "";

const withConsent = (accessToken: string) => JSON.stringify({ accessToken, consentVersion: CONSENT_VERSION });

function signInWith(body: string, contentType = "application/json") {
  return system.app.request("/api/auth/zalo", { method: "POST", headers: { "Content-Type": contentType }, body });
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = ErrorBody.parse(await response.json());
  expect(body.code).toBe(code);
  expect(body.requestId).not.toBe("");
  // Vietnamese for the person reading it: at least one letter with a diacritic.
  expect(body.message).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i);
}

function counts() {
  return {
    learners: system.db.select().from(learners).all().length,
    identities: system.db.select().from(learnerIdentities).all().length,
    sessions: system.db.select().from(sessions).all().length,
  };
}

describe("POST /api/auth/zalo", () => {
  it("verifies the token with Zalo and returns our own session for the app-scoped id", async () => {
    const response = await signInWith(withConsent(await system.zaloToken(user)));
    expect(response.status).toBe(200);
    const body = SignInResponse.parse(await response.json());
    expect(body.me).toEqual({
      id: expect.any(Number),
      displayName: "Người Thử Một",
      village: null,
      team: null,
      assistedBy: null,
      family: { profileCount: 1, isOwner: true },
    });
    expect(body.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The session works, and is stored only as a hash.
    expect((await system.call(body.sessionToken, "GET", "/api/me")).status).toBe(200);
    expect(system.db.select().from(sessions).get()?.tokenHash).not.toBe(body.sessionToken);
  });

  it("stores nothing and asks nobody without consent, and keeps proof of the consent given", async () => {
    const token = await system.zaloToken(user);
    await expectError(await signInWith(JSON.stringify({ accessToken: token })), 400, "CONSENT_REQUIRED");
    await expectError(await signInWith(JSON.stringify({ accessToken: token, consentVersion: "2020-old" })), 400, "CONSENT_REQUIRED");
    expect(counts()).toEqual({ learners: 0, identities: 0, sessions: 0 });

    await signInWith(withConsent(token));
    expect(system.db.select().from(learners).get()).toMatchObject({ consentVersion: CONSENT_VERSION, consentedAt: expect.any(Date) });
  });

  it("keys learners by the Zalo id: signing in again is the same learner", async () => {
    const first = SignInResponse.parse(await (await signInWith(withConsent(await system.zaloToken(user)))).json());
    const second = SignInResponse.parse(await (await signInWith(withConsent(await system.zaloToken(user)))).json());
    expect(second.me.id).toBe(first.me.id);
    expect(counts()).toEqual({ learners: 1, identities: 1, sessions: 2 });
  });

  it("ends the session on logout, and purges expired sessions", async () => {
    const { sessionToken } = SignInResponse.parse(await (await signInWith(withConsent(await system.zaloToken(user)))).json());
    const out = await system.call(sessionToken, "POST", "/api/auth/logout");
    expect(out.status).toBe(200);
    expect((await system.call(sessionToken, "GET", "/api/me")).status).toBe(401);
    expect(counts().sessions).toBe(0);

    await signInWith(withConsent(await system.zaloToken(user)));
    expect(purgeExpiredSessions(system.db, new Date())).toBe(0);
    expect(purgeExpiredSessions(system.db, new Date(Date.now() + LEARNER_SESSION_MS + 1000))).toBe(1);
  });

  it("rejects a forged token and stores nothing", async () => {
    await expectError(await signInWith(withConsent("not-a-zalo-token")), 401, "ZALO_TOKEN_INVALID");
    expect(counts()).toEqual({ learners: 0, identities: 0, sessions: 0 });
  });

  it("rejects an expired token", async () => {
    const expired = await system.zaloToken(user, -1);
    await expectError(await signInWith(withConsent(expired)), 401, "ZALO_TOKEN_INVALID");
    expect(counts().learners).toBe(0);
  });

  it("is refused by Zalo when the server's app secret is wrong (appsecret_proof)", async () => {
    const other = await createTestSystem({ standInSecret: "a-different-secret" });
    try {
      const response = await other.app.request("/api/auth/zalo", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: withConsent(await other.zaloToken(user)),
      });
      await expectError(response, 401, "ZALO_TOKEN_INVALID");
    } finally {
      await other.close();
    }
  });

  it("says Zalo is unavailable, not that the token is bad, when Zalo cannot be reached", async () => {
    const token = await system.zaloToken(user);
    await system.stopZalo();
    await expectError(await signInWith(withConsent(token)), 503, "ZALO_UNAVAILABLE");
    expect(counts()).toEqual({ learners: 0, identities: 0, sessions: 0 });
  });

  it("answers malformed JSON, a wrong content type and a wrong shape with one error shape", async () => {
    await expectError(await signInWith("{not json"), 400, "MALFORMED_JSON");
    await expectError(await signInWith(withConsent("x"), "text/plain"), 415, "UNSUPPORTED_CONTENT_TYPE");
    await expectError(await signInWith(JSON.stringify({ token: "x" })), 400, "VALIDATION_FAILED");
    await expectError(await signInWith(withConsent("x".repeat(5000))), 400, "VALIDATION_FAILED");
    expect(counts()).toEqual({ learners: 0, identities: 0, sessions: 0 });
  });
});
