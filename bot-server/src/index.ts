import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { purgeExpiredSessions } from "./auth/sessions";
import { ensureSigningKey } from "./certificates/signing";
import { openDatabase } from "./db/client";
import { readEnv } from "./env";
import { createLineLog } from "./http/line-log";
import { loadCurriculum } from "./learning/curriculum";
import { startInboxWorker } from "./webhooks/inbox-worker";
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
const app = createApp({
  db: database.db,
  content: loadCurriculum(),
  zalo: createZaloGraphClient({ baseUrl: env.ZALO_GRAPH_BASE_URL, appSecret: env.ZALO_APP_SECRET }),
  log,
  groupCommit: env.PROGRESS_GROUP_COMMIT === "on",
  publicBaseUrl: env.PUBLIC_BASE_URL,
  zaloOa: { appId: env.ZALO_APP_ID, oaSecretKey: env.ZALO_OA_SECRET_KEY },
});

// Zalo OA events are stored by the webhook and worked through here, resuming any left by a restart.
startInboxWorker(database.db, () => new Date(), log);

const server = serve({ fetch: app.fetch, port: env.PORT }, (info) => {
  log(`listening on http://localhost:${info.port}`);
});

function shutdown(signal: string) {
  log(`${signal}: closing`);
  server.close(() => {
    database.close();
    process.exit(0);
  });
  // Keep-alive connections can hold close() open; the database is WAL, so a hard exit loses nothing committed.
  setTimeout(() => {
    database.close();
    process.exit(0);
  }, 3000).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
