import { Hono } from "hono";
import { compress } from "hono/compress";
import { requestId } from "hono/request-id";
import { createAdminRoutes } from "./admin/routes";
import { requireLearner } from "./auth/require-learner";
import { createZaloSignInRoutes } from "./auth/zalo-sign-in";
import { createCertificateRoutes, createKeyRoutes, createVerifyRoutes } from "./certificates/routes";
import type { Db } from "./db/client";
import type { WriteTurns } from "./db/write-turns";
import { createMyHouseholdRoutes } from "./households/routes";
import { boundedBody } from "./http/body";
import type { AppEnv } from "./http/context";
import { createErrorHandler, type Log, notFound } from "./http/on-error";
import { anyOriginCors, securityHeaders } from "./http/response-headers";
import { createMeRoutes } from "./learners/routes";
import { createCourseRoutes } from "./learning/courses";
import type { CurriculumIndex } from "./learning/curriculum";
import { createLessonRoutes } from "./learning/lessons";
import { createProgressRoutes } from "./learning/progress-routes";
import { createQuizRoutes } from "./learning/quizzes";
import { createMediaRoutes } from "./media/routes";
import { createProfileRoutes } from "./profiles/routes";
import { createProgramRoutes } from "./programs/routes";
import { createTaskRoutes } from "./tasks/routes";
import { createClaimRoute, createPosterRoutes, createTeamRoutes } from "./teams/routes";
import { createVillageRoutes } from "./villages/routes";
import { inboxBacklog } from "./webhooks/zalo-inbox";
import { createZaloWebhookRoutes } from "./webhooks/zalo-routes";
import type { ZaloGraphClient } from "./zalo/graph-client";

export interface AppDeps {
  db: Db;
  content: CurriculumIndex;
  zalo: ZaloGraphClient;
  now?: () => Date;
  log?: Log;
  /** Progress writes share commits (db/group-commit.ts); false only to measure without it. */
  groupCommit?: boolean;
  /** Set where a jobs thread also writes: the webhook's and progress commits go first (db/write-turns.ts). */
  writeTurns?: WriteTurns;
  /** The server's public address, for links printed in certificates (QR codes); else each request's origin. */
  publicBaseUrl?: string;
  /** The mini app's address (links and QR codes for villages and invitations); default Zalo's link for the app id. */
  miniAppUrl?: string;
  /** For checking the OA webhook's signature; without the OA secret key the webhook refuses everything. */
  zaloOa?: { appId: string; oaSecretKey?: string; onEventStored?: () => void };
}

/** Builds the whole HTTP app from its dependencies; `index.ts` only reads config and calls `serve()`. */
export function createApp({
  db,
  content,
  zalo,
  now = () => new Date(),
  log = () => {},
  groupCommit,
  writeTurns,
  publicBaseUrl,
  miniAppUrl = "https://zalo.me/s/mini-app/",
  zaloOa,
}: AppDeps) {
  const learner = requireLearner(db, now);
  const smallBody = boundedBody(16 * 1024);
  const gzip = compress();

  // Residents call from the mini app, which Zalo hosts on its own origin; bearer tokens, not cookies,
  // so allowing any origin does not expose a session.
  const api = new Hono<AppEnv>()
    .use(anyOriginCors({ headers: ["Authorization", "Content-Type"], methods: ["GET", "POST", "PUT", "DELETE"], maxAgeSeconds: 7200 }))
    .route("/auth", createZaloSignInRoutes({ db, zalo, now }))
    // Lessons and quiz questions are the public curriculum (no answers, nothing about the reader), so they
    // need no session; that keeps a phone's GET a "simple" request with no CORS preflight round trip.
    .route("/lessons", createLessonRoutes({ content }))
    .route("/quizzes", createQuizRoutes({ content }))
    .use("/me/*", learner)
    .use("/villages/*", learner)
    .use("/courses/*", learner)
    .use("/progress", learner)
    .use("/programs/*", learner)
    .use("/certificates/*", learner)
    .use("/profiles", learner)
    .use("/profiles/*", learner)
    .use("/tasks", learner)
    .use("/tasks/*", learner)
    .use("/team", learner)
    .use("/team/*", learner)
    .route("/me/claim", createClaimRoute({ db, now }))
    .route("/me/household", createMyHouseholdRoutes({ db, now }))
    .route("/me", createMeRoutes({ db, content, now }))
    .route("/villages", createVillageRoutes({ db }))
    .route("/courses", createCourseRoutes({ db, content }))
    .route("/progress", createProgressRoutes({ db, content, now, groupCommit, writeTurns }))
    .route("/programs", createProgramRoutes({ db, content }))
    .route("/certificates", createCertificateRoutes({ db, content, now, publicBaseUrl }))
    .route("/profiles", createProfileRoutes({ db, now }))
    .route("/tasks", createTaskRoutes({ db, content, now }))
    .route("/team", createTeamRoutes({ db, content, now, miniAppUrl, publicBaseUrl }));

  const admin = createAdminRoutes({ db, content, now, miniAppUrl });

  const app = new Hono<AppEnv>()
    .use(requestId())
    // Lessons are text: gzip makes them a third of the size on a slow 3G link. Answers to writes are a few
    // bytes of JSON or a redirect, where gzip only costs: it rebuilds every response to add its header.
    .use((c, next) => (c.req.method === "GET" ? gzip(c, next) : next()))
    .use(async (c, next) => {
      const started = performance.now();
      await next();
      // Path and status only: no query strings, bodies or tokens, which may carry personal data.
      log(`${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - started)}ms ${c.get("requestId")}`);
    })
    // Routes may loosen a header for a reason (see CORP on media and certificate images); the rest get defaults.
    .use(securityHeaders())
    // Every body here (API JSON, the login form, a webhook event) is a few hundred bytes; the two uploads
    // (a population sheet, a household list) have their own larger limit on their routes.
    .use((c, next) =>
      c.req.path === "/admin/populations/import" || c.req.path === "/admin/households/import" ? next() : smallBody(c, next),
    )
    // Counts only: what is waiting in the webhook inbox tells an operator the chatbot is keeping up.
    .get("/health", (c) => c.json({ ok: true, contentHash: content.curriculum.contentHash, webhookInbox: inboxBacklog(db) }, 200))
    .route("/api", api)
    .route("/media", createMediaRoutes({ mediaRoot: content.mediaRoot }))
    .route(
      "/webhooks/zalo",
      createZaloWebhookRoutes({
        db,
        now,
        appId: zaloOa?.appId ?? "",
        oaSecretKey: zaloOa?.oaSecretKey,
        onStored: zaloOa?.onEventStored,
        writeTurns,
      }),
    )
    .route("/verify", createVerifyRoutes({ db, publicBaseUrl }))
    .route("/villages", createPosterRoutes({ db, miniAppUrl }))
    .route("/.well-known", createKeyRoutes({ db }))
    .route("/api/admin", admin.api)
    .route("/admin", admin.pages);

  app.onError(createErrorHandler(log));
  app.notFound(notFound);
  return app;
}
