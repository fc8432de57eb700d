import { startCampaignJob } from "../campaigns/campaign-job";
import { startReminderJob } from "../chatbot/reminder-job";
import { buildLessonSearch } from "../chatbot/search";
import type { Db } from "../db/client";
import type { Env } from "../env";
import type { CurriculumIndex } from "../learning/curriculum";
import { startInboxWorker } from "../webhooks/inbox-worker";
import { createOaClient } from "../zalo/oa-client";
import { startOaSender } from "../zalo/oa-sender";
import { createOaTokenSource, seedOaTokens } from "../zalo/oa-token";
import { createZnsClient } from "../zalo/zns-client";

export interface BackgroundJobs {
  /** An event was stored: process the inbox now rather than at the next poll. */
  kickInbox: () => void;
  stop: () => Promise<void>;
}

/**
 * Everything the server does that no request waits for: the chatbot works through the webhook's stored
 * inbox, replies, reminders and campaign messages go into the outbox, and the outbox is delivered to Zalo
 * with the OA's token (zalo/oa-sender.ts). The server runs these on a thread of their own (jobs-thread.ts).
 */
export function startBackgroundJobs({
  db,
  content,
  env,
  log,
  writeTurn,
}: {
  db: Db;
  content: CurriculumIndex;
  env: Env;
  log: (line: string) => void;
  /** How each inbox batch waits its turn to write (db/write-turns.ts). */
  writeTurn?: <T>(write: () => T) => T;
}): BackgroundJobs {
  const now = () => new Date();
  if (env.ZALO_OA_REFRESH_TOKEN) seedOaTokens(db, env.ZALO_OA_REFRESH_TOKEN, now());
  const tokens = createOaTokenSource({
    db,
    oauthBaseUrl: env.ZALO_OAUTH_BASE_URL,
    appId: env.ZALO_APP_ID,
    appSecret: env.ZALO_APP_SECRET,
    log,
  });
  const sender = startOaSender({
    db,
    client: createOaClient({ baseUrl: env.ZALO_OA_API_BASE_URL }),
    tokens,
    log,
    ratePerSecond: env.OA_SEND_RATE_PER_SECOND,
    zns: env.ZALO_ZNS_TEMPLATE_ID ? createZnsClient({ baseUrl: env.ZALO_ZNS_API_BASE_URL }) : undefined,
  });
  const chat = {
    content,
    search: buildLessonSearch(content.curriculum),
    appUrl: miniAppUrlOf(env),
    quietHours: env.QUIET_HOURS,
  };
  // Resumes at once whatever a crash or restart left in the inbox.
  const inbox = startInboxWorker(db, chat, now, log, { onProcessed: sender.kick, writeTurn });
  const reminders = startReminderJob(db, content, now, log, sender.kick, env.QUIET_HOURS);
  // Village teams' reminder campaigns, paced under the OA sender's rate so chat replies always have room.
  const campaigns = startCampaignJob({
    db,
    content,
    now,
    log,
    ratePerSecond: env.CAMPAIGN_SEND_RATE_PER_SECOND,
    quietHours: env.QUIET_HOURS,
    zns: env.ZALO_ZNS_TEMPLATE_ID ? { templateId: env.ZALO_ZNS_TEMPLATE_ID } : undefined,
    onQueued: sender.kick,
  });
  return {
    kickInbox: inbox.kick,
    stop: async () => {
      inbox.stop();
      reminders.stop();
      campaigns.stop();
      await sender.stop();
    },
  };
}

/** Where lesson links in the chat, villages' posters and invitations open the mini app. */
export function miniAppUrlOf(env: Env): string {
  return env.MINI_APP_URL ?? `https://zalo.me/s/${env.ZALO_APP_ID}/`;
}
