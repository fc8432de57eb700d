import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { CampaignDetail, TeamHome } from "@hvs/shared/team";
import { apiJson } from "./resident";
import { type Process, type StandIn, signInResident } from "./started-server";
import { REPO } from "./started-system";

/** Runs a TypeScript file of bot-server against the database file, failing loudly; returns its output. */
export function runOnDatabase(databaseFile: string, script: string, ...args: string[]): string {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "bot-server/src", script), ...args], {
    cwd: join(REPO, "bot-server"),
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}` },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`${script} ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

/**
 * A commune with one village of `followers` OA followers (the stand-in must know them: start it with
 * ZALO_STAND_IN_LOAD_TEST_FOLLOWERS), a staff account, and an invitation code for a team member.
 */
export function communeWithFollowers(databaseFile: string, followers: number): { villageId: number; inviteCode: string } {
  runOnDatabase(databaseFile, "cli/setup.ts", "commune", "Xã Thử Tải");
  runOnDatabase(databaseFile, "cli/setup.ts", "village", "1", "Thôn Một", String(followers + 10));
  runOnDatabase(databaseFile, "cli/setup.ts", "staff", "1", "canbo");
  const invite = runOnDatabase(databaseFile, "cli/setup.ts", "invite", "1", "Trần Văn Tổ");
  const inviteCode = /Mã mời: (\S+)/.exec(invite)?.[1];
  if (!inviteCode) throw new Error(`no invite code in: ${invite}`);
  runOnDatabase(databaseFile, "test-support/seed-followers.ts", "1", String(followers));
  return { villageId: 1, inviteCode };
}

/** Signs the stand-in's first demo resident in, makes them a team member, and returns their session token. */
export async function teamMemberToken(server: Process, standIn: StandIn, villageId: number, inviteCode: string): Promise<string> {
  const { token } = await signInResident(server, standIn);
  await apiJson(`${server.url}/api/me/village`, { method: "PUT", token, body: { villageId } });
  await apiJson<TeamHome>(`${server.url}/api/team/join`, { method: "POST", token, body: { code: inviteCode } });
  return token;
}

export const campaignOf = (server: Process, token: string, id: number) =>
  apiJson<CampaignDetail>(`${server.url}/api/team/campaigns/${id}`, { token });

/**
 * Quiet hours one minute long, twelve hours from now: a test or benchmark at any hour is never held up by
 * the 21:00–06:00 default, and the setting is still exercised.
 */
export function quietHoursAwayFromNow(now = new Date()): string {
  const at = (offsetMinutes: number) => {
    const d = new Date(now.getTime() + 7 * 3_600_000 + offsetMinutes * 60_000);
    return `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
  };
  return `${at(12 * 60)}-${at(12 * 60 + 1)}`;
}
