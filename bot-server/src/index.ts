import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { purgeExpiredSessions } from "./auth/sessions";
import { ensureSigningKey } from "./certificates/signing";
import { openDatabase, sqlitePathFromUrl } from "./db/client";
import { createWriteTurns } from "./db/write-turns";
import { readEnv } from "./env";
import { ensureHouseholdReadiness } from "./households/readiness";
import { createLineLog } from "./http/line-log";
import { ensureMilestones, milestoneRules } from "./indicators/milestones";
import { miniAppUrlOf, startBackgroundJobs } from "./jobs/background-jobs";
import { startJobsThread } from "./jobs/jobs-thread";
import { loadCurriculum } from "./learning/curriculum";
import { createZaloGraphClient } from "./zalo/graph-client";

let env: ReturnType<typeof readEnv>;
try {
  env = readEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

// A line per request: batched per turn of the event loop (http/line-log.ts), flushed before every exit.
const lines = createLineLog((chunk) => process.stdout.write(chunk));
const log = (line: string) => lines.line(`[bot-server] ${line}`);
// "exit" also runs after an uncaught exception; on Linux a write to stdout (a file, a pipe or a TTY) is synchronous, so it lands.
process.on("exit", () => lines.flush());
const database = openDatabase(env.DATABASE_URL);
purgeExpiredSessions(database.db, new Date());
// The certificate key exists from the first start, so its public half is published before it signs anything.
ensureSigningKey(database.db, new Date());
const content = loadCurriculum();
// The dashboard's per-learner milestones follow the content's rules; only a change of rules rebuilds them
// (a province takes tens of seconds, so once here at start, never per request or per app built).
ensureMilestones(database.db, milestoneRules(content), new Date());
// Likewise the households' ready days, which follow the household rule (households/readiness.ts).
ensureHouseholdReadiness(database.db, content, new Date());

// The chatbot, reminders, campaigns and sending to Zalo run on a thread of their own (jobs/jobs-thread.ts),
// writing to the same file. An in-memory database cannot be opened twice, so it keeps them on this thread.
const writeTurns = createWriteTurns();
const jobs =
  sqlitePathFromUrl(env.DATABASE_URL) === ":memory:"
    ? startBackgroundJobs({ db: database.db, content, env, log })
    : startJobsThread({ curriculum: content.curriculum, mediaRoot: content.mediaRoot, writeTurns: writeTurns.buffer }, log);
const miniAppUrl = miniAppUrlOf(env);

const app = createApp({
  db: database.db,
  content,
  zalo: createZaloGraphClient({ baseUrl: env.ZALO_GRAPH_BASE_URL, appSecret: env.ZALO_APP_SECRET }),
  log,
  groupCommit: env.PROGRESS_GROUP_COMMIT === "on",
  writeTurns,
  publicBaseUrl: env.PUBLIC_BASE_URL,
  miniAppUrl,
  zaloOa: { appId: env.ZALO_APP_ID, oaSecretKey: env.ZALO_OA_SECRET_KEY, onEventStored: jobs.kickInbox },
});

const server = serve({ fetch: app.fetch, port: env.PORT }, (info) => {
  log(`listening on http://localhost:${info.port}`);
});

function shutdown(signal: string) {
  log(`${signal}: closing`);
  // The jobs finish the batch or send in hand; whatever they had not committed stays in the inbox or outbox.
  const jobsStopped = jobs.stop();
  server.close(() => {
    void jobsStopped.then(() => {
      database.close();
      process.exit(0);
    });
  });
  // Keep-alive connections can hold close() open; the database is WAL, so a hard exit loses nothing committed.
  setTimeout(() => {
    database.close();
    process.exit(0);
  }, 3000).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
