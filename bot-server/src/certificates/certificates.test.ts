import { generateKeyPairSync } from "node:crypto";
import { CertificateList, type ProgressEvent } from "@hvs/shared/api";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { certificates, communes, quizAttempts, reviewFlags, villages } from "../db/schema";
import { MAX_ATTEMPTS_PER_QUIZ_PER_HOUR } from "../learning/progress";
import { CORRECT_ANSWERS } from "../test-support/fixture-curriculum";
import { createTestSystem, progressEvent, TEST_USERS, type TestSystem } from "../test-support/system";
import { jwtFrom } from "./credential";
import { type SigningKey, signJwt } from "./signing";
import { type PublicJwk, verifyCredential } from "./verify-credential";

let system: TestSystem;
let token: string;
beforeEach(async () => {
  system = await createTestSystem();
  token = await system.signIn(TEST_USERS[0]?.id ?? "");
});
afterEach(() => system.close());

async function mine() {
  return CertificateList.parse(await (await system.call(token, "GET", "/api/certificates")).json()).certificates;
}

/** A staff member of the given commune, signed in. */
const staffSession = (communeId = system.communeId) => system.staffSession({ communeId });
const staffPost = (session: ReturnType<typeof staffSession>, path: string, form: Record<string, string>) =>
  system.staffForm(session, path, form);

const verifyPage = async (serial: string) => {
  const response = await system.app.request(`/verify/${serial}`);
  return { status: response.status, text: await response.text() };
};

/** A key the server never published, to prove a signature by anyone else is refused. */
function strangerKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const x = publicKey.export({ format: "jwk" }).x ?? "";
  return { kid: "stranger", privateKey, publicJwk: { kty: "OKP", crv: "Ed25519", x, kid: "stranger", alg: "EdDSA", use: "sig" } };
}

async function keys(): Promise<PublicJwk[]> {
  return ((await (await system.app.request("/.well-known/hvs-certificate-keys.json")).json()) as { keys: PublicJwk[] }).keys;
}

describe("issuing", () => {
  it("issues one certificate when the program's rule is met, naming the person, program, commune and content version", async () => {
    expect(await mine()).toEqual([]);
    await system.takeQuiz(token, { ...CORRECT_ANSWERS, q1: ["a"], q2: ["b"] }); // 50%: below the 75% mark
    expect(await mine()).toEqual([]);
    await system.takeQuiz(token, CORRECT_ANSWERS);
    const [certificate, ...more] = await mine();
    expect(more).toEqual([]);
    expect(certificate).toMatchObject({
      programId: "ky-nang-so-co-ban",
      programTitle: "Kỹ năng số cơ bản",
      displayName: "Người Thử Một",
      communeName: "Xã Thử",
      status: "valid",
    });
    expect(certificate?.serial).toMatch(/^HVS-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(certificate?.verifyUrl).toBe(`http://localhost/verify/${certificate?.serial}`);
    expect(system.db.select().from(certificates).get()?.contentVersion).toMatch(/^[0-9a-f]{12}$/);
    // Passing again issues nothing more.
    await system.takeQuiz(token, CORRECT_ANSWERS);
    expect(await mine()).toHaveLength(1);
  });

  it("issues exactly one certificate from 100 concurrent completion calls", async () => {
    // Ten passing attempts finishing at once (the hourly limit), each final answer sent ten times over.
    const attempts = Array.from({ length: MAX_ATTEMPTS_PER_QUIZ_PER_HOUR }, () => {
      const startedAt = Date.now() - 5 * 60_000;
      const start = { ...progressEvent.started(), at: new Date(startedAt).toISOString() };
      const answers = Object.entries(CORRECT_ANSWERS).map(([q, o], i) => ({
        ...progressEvent.answer(start.attemptId, q, o),
        at: new Date(startedAt + (i + 1) * 15_000).toISOString(),
      }));
      return { opening: [start, ...answers.slice(0, -1)], last: answers.at(-1) as ProgressEvent };
    });
    for (const a of attempts) await system.send(token, ...a.opening);
    const calls = attempts.flatMap((a) => Array.from({ length: 10 }, () => system.send(token, a.last)));
    expect(calls).toHaveLength(100);
    const results = await Promise.all(calls);
    expect(results.every(([r]) => r?.feedback?.attempt.result?.passed)).toBe(true);
    expect(system.db.select().from(certificates).all()).toHaveLength(1);
  });

  it("holds a final quiz answered faster than anyone can read, flags it, and issues once staff accept it", async () => {
    const start = progressEvent.started();
    const answers = Object.entries(CORRECT_ANSWERS).map(([q, o]) => progressEvent.answer(start.attemptId, q, o));
    const results = await system.send(token, start, ...answers);
    expect(results.at(-1)?.feedback?.attempt.result?.passed).toBe(true);
    expect(await mine()).toEqual([]);
    const flag = system.db.select().from(reviewFlags).get();
    expect(flag).toMatchObject({ reason: "too_fast", resolution: null });
    expect(flag?.detail).toMatch(/^4 câu trong \d+ giây$/);
    expect(system.db.select().from(quizAttempts).get()?.heldForReview).toBe(true);

    const cookie = staffSession();
    const page = await (await system.app.request("/admin/certificates", { headers: { Cookie: cookie.cookie } })).text();
    expect(page).toContain("Người Thử Một");
    expect(page).toContain("4 câu trong");
    // Staff of another commune cannot resolve it.
    const other = system.db.insert(communes).values({ name: "Xã Khác" }).returning().get();
    system.db.insert(villages).values({ communeId: other.id, name: "Thôn Khác" }).run();
    expect((await staffPost(staffSession(other.id), `/admin/flags/${flag?.id}`, { decision: "accepted" })).status).toBe(404);
    expect(await mine()).toEqual([]);

    expect((await staffPost(cookie, `/admin/flags/${flag?.id}`, { decision: "accepted" })).status).toBe(303);
    expect(await mine()).toHaveLength(1);
    expect(system.db.select().from(reviewFlags).get()?.resolution).toBe("accepted");
  });

  it("limits attempts at one quiz per hour", async () => {
    for (let i = 0; i < MAX_ATTEMPTS_PER_QUIZ_PER_HOUR; i++) {
      const [started] = await system.send(token, progressEvent.started());
      expect(started?.status).toBe("recorded");
    }
    const [refused] = await system.send(token, progressEvent.started());
    expect(refused).toMatchObject({ status: "rejected", error: { code: "TOO_MANY_ATTEMPTS" } });
    expect(refused?.error?.message).toContain("thử lại sau");
  });
});

describe("verifying", () => {
  it("exports a signed Open Badges 3.0 credential that verifies offline, and fails when one byte changes", async () => {
    await system.takeQuiz(token, CORRECT_ANSWERS);
    const [certificate] = await mine();
    const response = await system.call(token, "GET", `/api/certificates/${certificate?.serial}/credential.json`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const jwt = jwtFrom(text);
    if (!jwt) throw new Error("credential export holds no JWT");
    const published = await keys();
    const verified = verifyCredential(jwt, published);
    if (!verified.ok) throw new Error(verified.reason);
    expect(verified.credential).toMatchObject({
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      name: "Kỹ năng số cơ bản",
      credentialSubject: { identifier: [{ identityType: "name", identityHash: "Người Thử Một", hashed: false }] },
      jti: certificate?.verifyUrl,
    });

    // Flip one byte anywhere in the signed text: header, payload or signature.
    for (const position of [5, Math.floor(jwt.length / 2), jwt.length - 3]) {
      const char = jwt[position] === "A" ? "B" : "A";
      const tampered = `${jwt.slice(0, position)}${char}${jwt.slice(position + 1)}`;
      expect(verifyCredential(tampered, published).ok, `byte ${position}`).toBe(false);
    }
    // The same payload signed by any other key is refused.
    const payload = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8"));
    expect(verifyCredential(signJwt(payload, strangerKey()), published)).toMatchObject({ ok: false });
    // Only the owner downloads it.
    const other = await system.signIn(TEST_USERS[1]?.id ?? "");
    expect((await system.call(other, "GET", `/api/certificates/${certificate?.serial}/credential.json`)).status).toBe(404);
  });

  it("says valid, revoked with the reason, withdrawn without the name, or unknown", async () => {
    await system.takeQuiz(token, CORRECT_ANSWERS);
    const [certificate] = await mine();
    const serial = certificate?.serial ?? "";
    let page = await verifyPage(serial);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-status="valid"');
    expect(page.text).toContain("Người Thử Một");

    const png = await system.app.request(`/verify/${serial}/certificate.png`);
    expect(png.headers.get("content-type")).toBe("image/png");
    // Loaded by the mini app from Zalo's origin; everything else keeps the same-origin default.
    expect(png.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect((await system.app.request(`/verify/${serial}`)).headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    expect((await system.app.request("/verify/HVS-0000-0000/certificate.pdf")).status).toBe(404);

    expect((await verifyPage("HVS-0000-0000")).status).toBe(404);
    expect((await verifyPage("HVS-0000-0000")).text).toContain('data-status="unknown"');
    expect((await verifyPage("<script>")).text).not.toContain("<script>");

    const cookie = staffSession();
    expect((await staffPost(cookie, `/admin/certificates/${serial}/revoke`, { reason: "" })).status).toBe(400);
    expect((await staffPost(cookie, `/admin/certificates/${serial}/revoke`, { reason: "Cấp nhầm người" })).status).toBe(303);
    page = await verifyPage(serial);
    expect(page.text).toContain('data-status="revoked"');
    expect(page.text).toContain("Cấp nhầm người");

    // Deleting one's data removes the name; a revoked certificate stays revoked (withdrawn would count again).
    expect((await system.call(token, "DELETE", "/api/me")).status).toBe(200);
    page = await verifyPage(serial);
    expect(page.text).toContain('data-status="revoked"');
    expect(page.text).not.toContain("Người Thử Một");
    expect(system.db.select().from(certificates).where(eq(certificates.serial, serial)).get()).toMatchObject({
      displayName: null,
      status: "revoked",
    });

    // A valid certificate is withdrawn with its holder's data.
    const other = await system.signIn(TEST_USERS[1]?.id ?? "");
    await system.takeQuiz(other, CORRECT_ANSWERS);
    const held = system.db.select().from(certificates).where(eq(certificates.status, "valid")).get();
    expect((await system.call(other, "DELETE", "/api/me")).status).toBe(200);
    page = await verifyPage(held?.serial ?? "");
    expect(page.text).toContain('data-status="withdrawn"');
    expect(page.text).not.toContain("Người Thử Hai");
    expect(
      system.db
        .select()
        .from(certificates)
        .where(eq(certificates.serial, held?.serial ?? ""))
        .get(),
    ).toMatchObject({
      displayName: null,
      status: "withdrawn",
    });
    // With no name left, there is no picture or PDF to give out either.
    expect((await system.app.request(`/verify/${held?.serial}/certificate.png`)).status).toBe(404);
  });

  it("does not let staff of another commune revoke", async () => {
    await system.takeQuiz(token, CORRECT_ANSWERS);
    const [certificate] = await mine();
    const other = system.db.insert(communes).values({ name: "Xã Khác" }).returning().get();
    const response = await staffPost(staffSession(other.id), `/admin/certificates/${certificate?.serial}/revoke`, { reason: "thử" });
    expect(response.status).toBe(404);
    expect((await verifyPage(certificate?.serial ?? "")).text).toContain('data-status="valid"');
  });
});
