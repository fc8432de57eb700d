import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ProgressEvent, ProgressResponse, type ProgressResult } from "@hvs/shared/api";
import { MAX_EVENTS_PER_BATCH } from "@hvs/shared/limits";
import { expect, it } from "vitest";
import { type Process, signInResident, startServer, startStandIn } from "../support/started-server";

/**
 * "An acknowledged event is never lost" (docs/decisions/007), tested by killing the real server with
 * SIGKILL while 1,000 writes are in flight, starting it again on the same SQLite file, and resending every
 * event it had answered `recorded`: the restarted server must say `duplicate` for each, which it can only
 * do if the event was in the database. Several rounds, each killing at a different moment.
 *
 * What this proves: the server answers only once the event's transaction has committed. Anything that
 * acknowledges first and writes later (a write-behind buffer, a commit on a timer or a later turn of the
 * event loop, group commit resolving its callers before its COMMIT has run) loses acknowledged events
 * here. It also proves the WAL is recovered at start (committed frames not yet checkpointed count).
 * What it cannot prove: that commits reach the disk. kill -9 ends the process, not the machine, so writes
 * still in the OS page cache survive it, and `synchronous=OFF` would pass too. That is what
 * `synchronous=FULL` in db/client.ts is for; testing it takes pulling the power (a VM, or dm-flakey).
 */

const ROUNDS = 4;
const WRITES = 1000;

function opened(lessonId: string): ProgressEvent {
  return { id: randomUUID(), at: new Date().toISOString(), type: "lesson_opened", lessonId };
}

async function send(server: Process, token: string, events: ProgressEvent[]): Promise<ProgressResult[]> {
  const response = await fetch(`${server.url}/api/progress`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ events }),
  });
  if (response.status !== 200) throw new Error(`progress answered ${response.status}: ${await response.text()}`);
  return ProgressResponse.parse(await response.json()).results;
}

/**
 * Sends each event in its own request, all at once, and SIGKILLs the server once `killAfter` of them have
 * been acknowledged. Returns the acknowledged events and how many requests got no answer.
 */
async function writeAndKill(server: Process, token: string, events: ProgressEvent[], killAfter: number) {
  const acknowledged: ProgressEvent[] = [];
  const otherStatuses: string[] = [];
  let unanswered = 0;
  let killed: Promise<void> | undefined;
  await Promise.all(
    events.map(async (event) => {
      try {
        const [result] = await send(server, token, [event]);
        if (result?.status === "recorded") acknowledged.push(event);
        else otherStatuses.push(result?.status ?? "missing");
      } catch {
        // Reset, refused or cut short by the kill: not acknowledged, so the phone would send it again.
        unanswered++;
      }
      if (acknowledged.length >= killAfter) killed ??= server.kill("SIGKILL");
    }),
  );
  await killed;
  return { acknowledged, otherStatuses, unanswered, killed: killed !== undefined };
}

it("keeps every acknowledged progress event when the server is killed with SIGKILL mid-write", { timeout: 90_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "hvs-kill-"));
  const databaseFile = join(dataDir, "kill.db");
  const standIn = await startStandIn();
  let server: Process | undefined;
  try {
    server = await startServer(standIn, databaseFile);
    const { token, lessonIds } = await signInResident(server, standIn);
    for (let round = 1; round <= ROUNDS; round++) {
      const events = Array.from({ length: WRITES }, (_, i) => opened(lessonIds[i % lessonIds.length] ?? ""));
      // A different moment each round, but always with most of the writes still in flight.
      const killAfter = 50 + round * 60;
      const written = await writeAndKill(server, token, events, killAfter);
      const context = `round ${round}: ${written.acknowledged.length} acknowledged, ${written.unanswered} unanswered\n${server.output()}`;
      expect(written.killed, context).toBe(true);
      expect(written.otherStatuses, context).toEqual([]);
      // The kill cut requests off: the round tested a crash mid-write, not a server that had finished.
      expect(written.unanswered, context).toBeGreaterThan(0);

      // Migrations and WAL recovery run at start, as after a real crash.
      server = await startServer(standIn, databaseFile);
      const lost: string[] = [];
      for (let i = 0; i < written.acknowledged.length; i += MAX_EVENTS_PER_BATCH) {
        const batch = written.acknowledged.slice(i, i + MAX_EVENTS_PER_BATCH);
        const results = await send(server, token, batch);
        for (const result of results) if (result.status !== "duplicate") lost.push(`${result.id} ${result.status}`);
      }
      expect(lost, `round ${round}: acknowledged before the kill, missing after the restart`).toEqual([]);
    }
  } finally {
    await server?.kill("SIGTERM");
    await standIn.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
