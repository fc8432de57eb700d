import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { chatAs } from "../support/chat";
import { apiJson } from "../support/resident";
import { type Process, startServer, startStandIn } from "../support/started-server";
import { freePort, REPO } from "../support/started-system";

/**
 * "A webhook is never lost or doubled", tested by SIGKILLing the server during a burst of OA events and
 * starting it again on the same SQLite file and port. Every event carries a unique reminder time, so its
 * reply ("… mỗi ngày lúc 07:13 …") names it: after the restart, every event the webhook acknowledged must
 * have been answered exactly once, and no reply may appear twice (which a crash between Zalo accepting a
 * message and us recording it would cause, if uncertain sends were not read back before a resend).
 */

const ROUNDS = 2;
const EVENTS_PER_PERSON = 30;
const IN_FLIGHT = 16;

function setup(databaseFile: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "bot-server/src/cli/setup.ts"), ...args], {
    cwd: join(REPO, "bot-server"),
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}` },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`setup ${args.join(" ")}: ${result.stderr}`);
}

const clock = (minute: number) => `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, "0")}`;

async function healthy(server: Process): Promise<{ webhookInbox: { pending: number } }> {
  return apiJson(`${server.url}/health`);
}

/** Waits until the inbox is empty and the OA has stopped sending for a while. */
async function settled(server: Process, sentCount: () => Promise<number>): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const pending = (await healthy(server)).webhookInbox.pending;
    const sent = await sentCount();
    if (sent !== last) {
      last = sent;
      stableSince = Date.now();
    }
    if (pending === 0 && Date.now() - stableSince > 2500) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the server did not catch up within 60 s");
}

it(`answers every acknowledged OA event exactly once through kill -9 (${ROUNDS} rounds)`, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "hvs-kill-webhook-"));
  const databaseFile = join(dataDir, "kill.db");
  const port = await freePort();
  const standIn = await startStandIn(port);
  let server: Process | undefined;
  try {
    setup(databaseFile, "commune", "Xã Thử");
    setup(databaseFile, "village", "1", "Thôn Một", "100");
    server = await startServer(standIn, databaseFile, {}, port);
    const { users } = await apiJson<{ users: { id: string }[] }>(`${standIn.url}/demo/users`);
    const chats = users.map((u) => chatAs(standIn.url, u.id));
    // Everyone joins first: consent and the village (a learner is needed for reminders).
    for (const chat of chats) {
      const [first] = await chat.say("nhắc tôi", 1);
      const [village] = await chat.tap(first, "Đồng ý");
      await chat.tap(village, "Thôn Một", 2);
    }
    const sentTexts = async () => (await apiJson<{ text: string }[]>(`${standIn.url}/demo/oa/sent`)).map((m) => m.text);

    let minute = 6 * 60;
    const acknowledged: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const events = chats.flatMap((chat) => Array.from({ length: EVENTS_PER_PERSON }, () => ({ chat, time: clock(minute++) })));
      let acks = 0;
      let killed: Promise<void> | undefined;
      const current = server;
      const killAfter = Math.floor(events.length * (0.25 + 0.25 * round));
      // IN_FLIGHT at a time: with the whole burst in flight at once, a fast server can answer all of it
      // before the kill lands, and then nothing was cut short.
      const queue = [...events];
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const delivery = await next.chat.send({ text: `nhắc tôi ${next.time}` });
            if (delivery.delivered && delivery.status === 200) {
              acknowledged.push(next.time);
              acks++;
              if (acks === killAfter && current) killed = current.kill("SIGKILL");
            }
          }
        }),
      );
      await killed;
      expect(acks, "some events must have been acknowledged before the kill").toBeGreaterThanOrEqual(killAfter);
      expect(acks, "the kill must have cut the burst short").toBeLessThan(events.length);
      server = await startServer(standIn, databaseFile, {}, port);
      await settled(server, async () => (await sentTexts()).length);
    }

    const replies = (await sentTexts()).filter((t) => t.startsWith("Đã hẹn: mỗi ngày lúc"));
    const timesAnswered = replies.map((t) => /lúc (\d\d:\d\d)/.exec(t)?.[1] ?? "?");
    const pad = (time: string) => time.padStart(5, "0");
    // Exactly once: no time answered twice, and every acknowledged time answered.
    expect(new Set(timesAnswered).size).toBe(timesAnswered.length);
    const missing = acknowledged.map(pad).filter((t) => !timesAnswered.includes(t));
    expect(missing).toEqual([]);
  } finally {
    await server?.kill("SIGTERM");
    await standIn.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
