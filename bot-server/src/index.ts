import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { purgeExpiredSessions } from "./auth/sessions";
import { startCampaignJob } from "./campaigns/campaign-job";
import { ensureSigningKey } from "./certificates/signing";
import { startReminderJob } from "./chatbot/reminder-job";
import { buildLessonSearch } from "./chatbot/search";
import { openDatabase } from "./db/client";
import { readEnv } from "./env";
import { ensureHouseholdReadiness } from "./households/readiness";
import { createLineLog } from "./http/line-log";
import { ensureMilestones, milestoneRules } from "./indicators/milestones";
import { loadCurriculum } from "./learning/curriculum";
import { startInboxWorker } from "./webhooks/inbox-worker";
import { createZaloGraphClient } from "./zalo/graph-client";
import { createOaClient } from "./zalo/oa-client";
import { startOaSender } from "./zalo/oa-sender";
import { createOaTokenSource, seedOaTokens } from "./zalo/oa-token";
import { createZnsClient } from "./zalo/zns-client";

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

// The chatbot: webhook events are processed from the stored inbox, replies and reminders go through the
// outbox, and the outbox is delivered to Zalo with the OA's token (see zalo/oa-sender.ts).
if (env.ZALO_OA_REFRESH_TOKEN) seedOaTokens(database.db, env.ZALO_OA_REFRESH_TOKEN, new Date());
const tokens = createOaTokenSource({
  db: database.db,
  oauthBaseUrl: env.ZALO_OAUTH_BASE_URL,
  appId: env.ZALO_APP_ID,
  appSecret: env.ZALO_APP_SECRET,
  log,
});
const sender = startOaSender({
  db: database.db,
  client: createOaClient({ baseUrl: env.ZALO_OA_API_BASE_URL }),
  tokens,
  log,
  ratePerSecond: env.OA_SEND_RATE_PER_SECOND,
  zns: env.ZALO_ZNS_TEMPLATE_ID ? createZnsClient({ baseUrl: env.ZALO_ZNS_API_BASE_URL }) : undefined,
});
const miniAppUrl = env.MINI_APP_URL ?? `https://zalo.me/s/${env.ZALO_APP_ID}/`;
const chat = {
  content,
  search: buildLessonSearch(content.curriculum),
  appUrl: miniAppUrl,
  quietHours: env.QUIET_HOURS,
};
// Zalo OA events are stored by the webhook and worked through here, resuming any left by a restart.
const webhookLoad = { inFlight: 0 };
const inbox = startInboxWorker(database.db, chat, () => new Date(), log, {
  onProcessed: sender.kick,
  busy: () => webhookLoad.inFlight > 0,
});
const reminders = startReminderJob(database.db, content, () => new Date(), log, sender.kick, env.QUIET_HOURS);
// Village teams' reminder campaigns, paced under the OA sender's rate so chat replies always have room.
const campaigns = startCampaignJob({
  db: database.db,
  content,
  now: () => new Date(),
  log,
  ratePerSecond: env.CAMPAIGN_SEND_RATE_PER_SECOND,
  quietHours: env.QUIET_HOURS,
  zns: env.ZALO_ZNS_TEMPLATE_ID ? { templateId: env.ZALO_ZNS_TEMPLATE_ID } : undefined,
  onQueued: sender.kick,
});

const app = createApp({
  db: database.db,
  content,
  zalo: createZaloGraphClient({ baseUrl: env.ZALO_GRAPH_BASE_URL, appSecret: env.ZALO_APP_SECRET }),
  log,
  groupCommit: env.PROGRESS_GROUP_COMMIT === "on",
  publicBaseUrl: env.PUBLIC_BASE_URL,
  miniAppUrl,
  zaloOa: { appId: env.ZALO_APP_ID, oaSecretKey: env.ZALO_OA_SECRET_KEY, onEventStored: inbox.kick, load: webhookLoad },
});

const server = serve({ fetch: app.fetch, port: env.PORT }, (info) => {
  log(`listening on http://localhost:${info.port}`);
});

function shutdown(signal: string) {
  log(`${signal}: closing`);
  inbox.stop();
  reminders.stop();
  campaigns.stop();
  void sender.stop();
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
