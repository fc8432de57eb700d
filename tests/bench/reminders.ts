import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CampaignSummary } from "@hvs/shared/team";
import { campaignOf, communeWithFollowers, quietHoursAwayFromNow, teamMemberToken } from "../support/campaign-setup";
import { apiJson } from "../support/resident";
import { type Process, startServer, startStandIn } from "../support/started-server";

/**
 * `npm run bench:reminders`: a village team's campaign to 100,000 OA followers, against the Zalo stand-in.
 * Measures how long the server takes to queue every recipient (target ≤ 10 s), then the rate the stand-in
 * receives messages at over a steady window, beside the configured rate (target: the same), and the
 * server's resident memory while sending, beside the same server idle for as long just before (target:
 * flat). Reports; never fails because a target is missed.
 */

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const RATE = Number(process.env.BENCH_RATE ?? 40);
const WINDOW_S = Number(process.env.BENCH_SECONDS ?? 30);
const WARM_UP_S = 3;
const QUEUE_TARGET_S = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server's resident set size in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  return kb / 1024;
}

/** Samples the server's memory every 500 ms for `seconds`; returns the first and the highest and last sample. */
async function memoryOver(pid: number, seconds: number, during?: () => Promise<void>) {
  const samples: number[] = [];
  const sampling = (async () => {
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      samples.push(rssMb(pid));
      await sleep(500);
    }
  })();
  await Promise.all([sampling, during?.()]);
  return { first: samples[0] ?? 0, peak: Math.max(...samples), last: samples.at(-1) ?? 0 };
}

const accepted = async (standIn: Process) => (await apiJson<{ csAccepted: number }>(`${standIn.url}/demo/oa/stats`)).csAccepted;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "hvs-bench-reminders-"));
  const databaseFile = join(dataDir, "reminders.db");
  const started: Process[] = [];
  try {
    console.log(`Seeding ${RECIPIENTS} OA followers and starting the stand-in and the bot-server…`);
    const standIn = await startStandIn(undefined, {
      ZALO_STAND_IN_LOAD_TEST_FOLLOWERS: String(RECIPIENTS),
      // Zalo's limit is 4,000 a minute; the campaign's own pace is what is measured, so the stand-in never refuses.
      ZALO_OA_RATE_LIMIT_PER_MINUTE: "1000000",
    });
    started.push(standIn);
    const { villageId, inviteCode } = communeWithFollowers(databaseFile, RECIPIENTS);
    const server = await startServer(standIn, databaseFile, {
      CAMPAIGN_SEND_RATE_PER_SECOND: String(RATE),
      OA_SEND_RATE_PER_SECOND: String(Math.min(66, RATE * 2)),
      QUIET_HOURS: quietHoursAwayFromNow(),
    });
    started.push(server);
    const token = await teamMemberToken(server, standIn, villageId, inviteCode);

    console.log(`Baseline: the server idle for ${WINDOW_S} s…`);
    const idle = await memoryOver(server.pid, WINDOW_S);

    console.log("Creating the campaign…");
    const asked = performance.now();
    const created = await apiJson<CampaignSummary>(`${server.url}/api/team/campaigns`, {
      method: "POST",
      token,
      body: {
        clientId: randomUUID(),
        audience: "everyone",
        template: "Chào {ten}, Tổ công nghệ số nhắc bạn học tiếp bài “{bai_tiep}” nhé!",
      },
    });
    let summary = await campaignOf(server, token, created.id);
    while (summary.recipientCount === null) {
      await sleep(20);
      summary = await campaignOf(server, token, created.id);
    }
    const queueS = (performance.now() - asked) / 1000;
    console.log(`Queued ${summary.recipientCount} recipients in ${queueS.toFixed(2)} s; warming up ${WARM_UP_S} s…`);
    await sleep(WARM_UP_S * 1000);

    console.log(`Measuring the pace for ${WINDOW_S} s (configured ${RATE}/s)…`);
    const perSecond: number[] = [];
    const from = await accepted(standIn);
    const windowStart = performance.now();
    const sending = await memoryOver(server.pid, WINDOW_S, async () => {
      let last = from;
      for (let s = 0; s < WINDOW_S; s++) {
        await sleep(1000);
        const now = await accepted(standIn);
        perSecond.push(now - last);
        last = now;
      }
    });
    const sent = (await accepted(standIn)) - from;
    const measured = sent / ((performance.now() - windowStart) / 1000);
    const errorPct = (Math.abs(measured - RATE) / RATE) * 100;

    console.log(`queue ${queueS.toFixed(2)} s (target ≤ ${QUEUE_TARGET_S} s): ${queueS <= QUEUE_TARGET_S ? "met" : "MISSED"}`);
    console.log(
      `pace ${measured.toFixed(1)}/s against ${RATE}/s configured; per second min ${Math.min(...perSecond)} max ${Math.max(...perSecond)}`,
    );
    console.log(
      `memory: idle ${idle.first.toFixed(0)}→${idle.last.toFixed(0)} MB (peak ${idle.peak.toFixed(0)}); sending ${sending.first.toFixed(0)}→${sending.last.toFixed(0)} MB (peak ${sending.peak.toFixed(0)})`,
    );
    console.log(
      [
        `recipients=${summary.recipientCount}`,
        `queue_s=${queueS.toFixed(2)}`,
        `rate_configured=${RATE}`,
        `rate_measured=${measured.toFixed(1)}`,
        `rate_error_pct=${errorPct.toFixed(1)}`,
        `per_second_min=${Math.min(...perSecond)}`,
        `per_second_max=${Math.max(...perSecond)}`,
        `rss_idle_growth_mb=${(idle.last - idle.first).toFixed(1)}`,
        `rss_sending_growth_mb=${(sending.last - sending.first).toFixed(1)}`,
        `rss_sending_peak_mb=${sending.peak.toFixed(0)}`,
      ].join(" "),
    );
  } finally {
    for (const process of started.reverse()) await process.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
