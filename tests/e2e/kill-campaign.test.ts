import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CampaignSummary } from "@hvs/shared/team";
import { expect, it } from "vitest";
import { campaignOf, communeWithFollowers, quietHoursAwayFromNow, teamMemberToken } from "../support/campaign-setup";
import { apiJson } from "../support/resident";
import { type Process, startServer, startStandIn } from "../support/started-server";
import { freePort } from "../support/started-system";

/**
 * "A campaign survives a restart mid-send; each (campaign, person) is sent at most once": the server is
 * SIGKILLed twice while a campaign to 400 followers is being sent, and started again on the same SQLite
 * file. In the end the stand-in must have received exactly one message per follower: none lost, none twice.
 */

const FOLLOWERS = 400;
const KILLS = 2;

it(`sends a campaign to ${FOLLOWERS} followers exactly once each through ${KILLS} kill -9`, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "hvs-kill-campaign-"));
  const databaseFile = join(dataDir, "campaign.db");
  const standIn = await startStandIn(undefined, { ZALO_STAND_IN_LOAD_TEST_FOLLOWERS: String(FOLLOWERS) });
  const port = await freePort();
  const env = { CAMPAIGN_SEND_RATE_PER_SECOND: "50", OA_SEND_RATE_PER_SECOND: "60", QUIET_HOURS: quietHoursAwayFromNow() };
  let server: Process | undefined;
  try {
    const { villageId, inviteCode } = communeWithFollowers(databaseFile, FOLLOWERS);
    server = await startServer(standIn, databaseFile, env, port);
    const token = await teamMemberToken(server, standIn, villageId, inviteCode);
    const created = await apiJson<CampaignSummary>(`${server.url}/api/team/campaigns`, {
      method: "POST",
      token,
      body: { clientId: randomUUID(), audience: "everyone", template: "Chào {ten}, mời bạn học tiếp bài “{bai_tiep}”." },
    });

    const sentToFollowers = async () =>
      (await apiJson<{ user_id: string; text: string }[]>(`${standIn.url}/demo/oa/sent`)).filter((m) => m.user_id.startsWith("5"));
    for (let kill = 0; kill < KILLS; kill++) {
      // Let some messages go out, then kill in the middle of sending.
      const before = (await sentToFollowers()).length;
      const deadline = Date.now() + 20_000;
      while ((await sentToFollowers()).length < before + 60 + Math.floor(Math.random() * 60) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await server.kill("SIGKILL");
      server = await startServer(standIn, databaseFile, env, port);
    }

    // Wait for the campaign to finish and every message to leave the outbox.
    const deadline = Date.now() + 60_000;
    let detail = await campaignOf(server, token, created.id);
    while ((detail.state !== "done" || detail.outcomes.waiting > 0 || detail.outcomes.sending > 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      detail = await campaignOf(server, token, created.id);
    }
    expect(detail.state).toBe("done");
    expect(detail.outcomes).toMatchObject({ sent: FOLLOWERS, waiting: 0, sending: 0, failed: 0 });
    // The team member has no OA conversation: reported, not sent.
    expect(detail.outcomes.unreachable).toBe(1);

    const sent = await sentToFollowers();
    const perPerson = new Map<string, number>();
    for (const m of sent) perPerson.set(m.user_id, (perPerson.get(m.user_id) ?? 0) + 1);
    expect(perPerson.size).toBe(FOLLOWERS);
    expect([...perPerson.values()].filter((n) => n !== 1)).toEqual([]);
    expect(sent[0]?.text).toMatch(/^Chào Người thử \d+, mời bạn học tiếp bài “.+”\.$/);
  } finally {
    await server?.kill("SIGKILL");
    await standIn.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);
