import type { QuietHours } from "@hvs/shared/vietnam-time";
import type { Db } from "../db/client";
import type { CurriculumIndex } from "../learning/curriculum";
import { dispatchSome, startDueCampaigns, type ZnsOption } from "./dispatch";

export interface CampaignJobOptions {
  db: Db;
  content: CurriculumIndex;
  now: () => Date;
  log: (line: string) => void;
  /** Campaign messages per second; keep it under the OA sender's rate so chat replies are never starved. */
  ratePerSecond: number;
  quietHours: QuietHours;
  /** When set, people the OA cannot message but whose phone a team recorded get this ZNS template. */
  zns?: ZnsOption;
  /** Called when messages were queued (the OA sender looks at once instead of at its next poll). */
  onQueued: () => void;
  tickMs?: number;
}

/**
 * Runs campaigns: starts those whose time has come and queues their messages at a steady pace (a token
 * bucket holding at most one second's worth). Everything it knows is in the database, so after a restart it
 * carries on where the last committed decision left off.
 */
export function startCampaignJob({ db, content, now, log, ratePerSecond, quietHours, zns, onQueued, tickMs = 100 }: CampaignJobOptions) {
  let tokens = 0;
  let last = performance.now();
  const tick = () => {
    try {
      startDueCampaigns(db, now());
      const at = performance.now();
      tokens = Math.min(ratePerSecond, tokens + ((at - last) / 1000) * ratePerSecond);
      last = at;
      const queued = dispatchSome(db, content, now(), Math.floor(tokens), quietHours, zns);
      tokens -= queued;
      if (queued > 0) onQueued();
    } catch (error) {
      // Codes only: a campaign's rows carry names.
      log(`campaigns: ${error instanceof Error ? error.name : "error"} ${(error as { code?: string }).code ?? ""}`);
    }
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
