import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { CONSENT_VERSION, type ProgressEvent, ProgressResponse, type ProgressResult, type SignInResponse } from "@hvs/shared/api";
import { Curriculum } from "@hvs/shared/content";
import { EARLIEST_DAY } from "../admin/period-query";
import { csrfTokenFor, STAFF_COOKIE } from "../admin/staff-auth";
import { createApp } from "../app";
import { createSession, STAFF_SESSION_MS } from "../auth/sessions";
import type { ChatDeps } from "../chatbot/conversation";
import { buildLessonSearch } from "../chatbot/search";
import { openDatabase } from "../db/client";
import { communes, staff, villagePopulations, villages } from "../db/schema";
import { ensureHouseholdReadiness } from "../households/readiness";
import { communeReport } from "../indicators/commune-report";
import { vietnamDay } from "../indicators/milestones";
import { indexCurriculum } from "../learning/curriculum";
import { createZaloGraphClient } from "../zalo/graph-client";
import { createStandIn, type StandInUser } from "../zalo-stand-in/app";
import { fixtureCurriculum } from "./fixture-curriculum";

export const TEST_OA_SECRET = "test-oa-secret-key";

export const TEST_USERS: StandInUser[] = [
  { id: "9000000000000000001", name: "Người Thử Một" },
  { id: "9000000000000000002", name: "Người Thử Hai" },
  { id: "9000000000000000003", name: "Tổ Viên Thôn A" },
  { id: "9000000000000000004", name: "Tổ Viên Thôn B" },
  { id: "9000000000000000005", name: "Bà Lan" },
];

/**
 * One isolated system per test: a fresh in-memory database, and a Zalo stand-in on its own port that the
 * app reaches over real HTTP, exactly as it reaches Zalo.
 */
export async function createTestSystem(options: { standInSecret?: string; now?: () => number } = {}) {
  const appSecret = "test-app-secret";
  const standIn = createStandIn({ appId: "test-app", appSecret: options.standInSecret ?? appSecret, users: TEST_USERS, now: options.now });
  const server = serve({ fetch: standIn.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const standInUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const database = openDatabase(":memory:");
  const db = database.db;
  const commune = db.insert(communes).values({ name: "Xã Thử" }).returning().get();
  const [villageA, villageB] = db
    .insert(villages)
    .values([
      { communeId: commune.id, name: "Thôn A" },
      { communeId: commune.id, name: "Thôn B" },
    ])
    .returning()
    .all();
  if (!villageA || !villageB) throw new Error("seed failed");
  // Thôn A has 10 adults since the movement began; Thôn B has no figure yet.
  db.insert(villagePopulations)
    .values({ villageId: villageA.id, adults: 10, effectiveFrom: "2025-01-01", source: "setup", recordedAt: new Date() })
    .run();

  const logs: string[] = [];
  const content = indexCurriculum(Curriculum.parse(fixtureCurriculum));
  // As the server does at start (index.ts): the households' ready days follow the content's rule.
  ensureHouseholdReadiness(db, content, new Date());
  // What the chatbot needs; the inbox is processed by calling processInbox(db, chat, now) in tests.
  const chat: ChatDeps = { content, search: buildLessonSearch(content.curriculum), appUrl: "https://zalo.me/s/test-app/" };
  const app = createApp({
    db,
    content,
    zalo: createZaloGraphClient({ baseUrl: standInUrl, appSecret, timeoutMs: 2000 }),
    log: (line) => logs.push(line),
    zaloOa: { appId: "test-app", oaSecretKey: TEST_OA_SECRET },
  });

  async function zaloToken(userId: string, expiresInSeconds?: number): Promise<string> {
    const response = await fetch(`${standInUrl}/demo/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ userId, expiresInSeconds }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  async function signIn(userId: string, villageId: number | null = villageA?.id ?? null): Promise<string> {
    const response = await app.request("/api/auth/zalo", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ accessToken: await zaloToken(userId), consentVersion: CONSENT_VERSION }),
    });
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
    const { sessionToken } = (await response.json()) as SignInResponse;
    if (villageId !== null) await call(sessionToken, "PUT", "/api/me/village", { villageId });
    return sessionToken;
  }

  function call(token: string | null, method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  /** Posts progress events as the phone does and returns the per-event results (the HTTP status must be 200). */
  async function send(token: string, ...events: unknown[]): Promise<ProgressResult[]> {
    const response = await call(token, "POST", "/api/progress", { events });
    if (response.status !== 200) throw new Error(`progress failed: ${response.status} ${await response.text()}`);
    return ProgressResponse.parse(await response.json()).results;
  }

  /** Finishes a lesson of the fixture curriculum. */
  async function completeLesson(token: string, lessonId: string, lessonVersion = 1) {
    return send(token, progressEvent.completed(lessonId, lessonVersion));
  }

  /** Starts an attempt at the fixture's quiz and answers every question given; returns the attempt's id. */
  async function takeQuiz(token: string, answers: Record<string, string[]>, quizId = "kiem-tra-1", quizVersion = 3) {
    // Taken at a person's pace (15 s a question, by the phone's clock): faster would be held for review.
    const startedAt = Date.now() - 5 * 60_000;
    const start = { ...progressEvent.started(quizId, quizVersion), at: new Date(startedAt).toISOString() };
    const answered = Object.entries(answers).map(([questionId, optionIds], i) => ({
      ...progressEvent.answer(start.attemptId, questionId, optionIds),
      at: new Date(startedAt + (i + 1) * 15_000).toISOString(),
    }));
    const results = await send(token, start, ...answered);
    const problem = results.find((r) => r.status === "rejected");
    if (problem) throw new Error(`quiz event rejected: ${JSON.stringify(problem)}`);
    return { attemptId: start.attemptId, results };
  }

  let staffCount = 0;
  /** A staff account signed in directly (scrypt is not under test): its id, its cookie and its CSRF token. */
  function staffSession(options: { communeId?: number; role?: "commune" | "province" } = {}) {
    const staffId = db
      .insert(staff)
      .values({
        communeId: options.communeId ?? commune.id,
        username: `canbo-${++staffCount}`,
        passwordHash: "unused",
        role: options.role ?? "commune",
        createdAt: new Date(),
      })
      .returning()
      .get().id;
    const { token } = createSession(db, { staffId }, STAFF_SESSION_MS, new Date());
    return { staffId, cookie: `${STAFF_COOKIE}=${token}`, csrf: csrfTokenFor(token) };
  }

  /** Posts a staff form as the page would: same origin, with the session's CSRF token. */
  function staffForm(session: { cookie: string; csrf: string }, path: string, fields: Record<string, string>) {
    return app.request(`http://localhost${path}`, {
      method: "POST",
      headers: {
        Cookie: session.cookie,
        Host: "localhost",
        Origin: "http://localhost",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
    });
  }

  let standInOpen = true;
  async function stopZalo() {
    if (!standInOpen) return;
    standInOpen = false;
    await new Promise((resolve) => server.close(resolve));
  }

  return {
    app,
    db,
    logs,
    chat,
    communeId: commune.id,
    villageA,
    villageB,
    standInUrl,
    zaloToken,
    signIn,
    call,
    send,
    completeLesson,
    takeQuiz,
    staffSession,
    staffForm,
    stopZalo,
    /** The dashboard's figures since the movement began, as staff see them today. */
    figures: () => communeReport(db, commune.id, { from: EARLIEST_DAY, to: vietnamDay(new Date()) }, "month"),
    async close() {
      database.close();
      await stopZalo();
    },
  };
}

export type TestSystem = Awaited<ReturnType<typeof createTestSystem>>;

/** Builds progress events as the mini app does: a fresh client id each, and the phone's clock. */
export const progressEvent = {
  opened: (lessonId: string): ProgressEvent => ({ id: randomUUID(), at: new Date().toISOString(), type: "lesson_opened", lessonId }),
  completed: (lessonId: string, lessonVersion = 1): ProgressEvent => ({
    id: randomUUID(),
    at: new Date().toISOString(),
    type: "lesson_completed",
    lessonId,
    lessonVersion,
  }),
  started: (quizId = "kiem-tra-1", quizVersion = 3, attemptId: string = randomUUID()) => ({
    id: randomUUID(),
    at: new Date().toISOString(),
    type: "attempt_started" as const,
    attemptId,
    quizId,
    quizVersion,
  }),
  answer: (attemptId: string, questionId: string, optionIds: string[]): ProgressEvent => ({
    id: randomUUID(),
    at: new Date().toISOString(),
    type: "answer",
    attemptId,
    questionId,
    optionIds,
  }),
};
