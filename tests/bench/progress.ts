import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ProgressEvent } from "@hvs/shared/api";
import autocannon from "autocannon";
import { type Process, signInResident, startScript, startServer, startStandIn } from "../support/started-server";
import { REPO } from "../support/started-system";
import { pacedLoad } from "./paced-load";

/**
 * `npm run bench:progress`: throughput and latency of `POST /api/progress`, every request a new event and
 * so a real durable write (WAL, synchronous=FULL), against a bare Hono app that echoes the same body, in
 * the same run on the same machine. The real server runs as `npm run start -w bot-server` does, twice: with
 * group commit and with it switched off (PROGRESS_GROUP_COMMIT=off), to show what it buys.
 *
 * Throughput is autocannon's, flat out. Latency "at 2,000 req/s" is measured with requests arriving at a
 * steady 2,000 a second (paced-load.ts, open loop, counted from when each was due): what phones in a
 * commune produce. autocannon's fixed rate is printed beside it as `burst_`: each of its connections sends
 * its share of the second back to back at the top of the second, 64 requests at once, then waits.
 * Reports; never fails because a target is missed.
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 64;
const FIXED_RATE = 2000;
// The latency target is absolute; echo_p99_ms_at_2000 shows what a bare Hono app does under the same load.
const TARGETS = { ratio: 0.6, p99_ms_at_2000: 25 };
// Linux counts a process's CPU time in clock ticks of 1/100 s (USER_HZ, 100 on every Linux we run on).
const TICK_MS = 10;

interface Load {
  rps: number;
  p50: number;
  p99: number;
  /** CPU the server process spent per answered request. */
  cpuUs: number;
  failures: number;
}

interface Run {
  echo: Load;
  /** What a bare Hono app manages under the same steady load, beside the latency target. */
  echoAtRate: Load;
  echoBurst: Load;
  on: Load;
  off: Load;
  onAtRate: Load;
  offAtRate: Load;
  onBurst: Load;
}

/** One fresh event per request, as a phone sends them: lessons opened, and every other one completed. */
function eventBody(lessonIds: string[]): () => string {
  let n = 0;
  return () => {
    n++;
    const lessonId = lessonIds[n % lessonIds.length] ?? "";
    const event: ProgressEvent =
      n % 2 === 0
        ? { id: randomUUID(), at: new Date().toISOString(), type: "lesson_opened", lessonId }
        : { id: randomUUID(), at: new Date().toISOString(), type: "lesson_completed", lessonId, lessonVersion: 1 };
    return JSON.stringify({ events: [event] });
  };
}

/**
 * CPU milliseconds used so far by a process (user + system), from /proc. Throughput on a shared two-core
 * machine moves with whatever else runs; the CPU a request costs the server moves much less.
 */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

function requestHeaders(token?: string): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return headers;
}

/** autocannon: flat out, or at its own fixed rate (per-second bursts). */
async function load(server: Process, lessonIds: string[], token?: string, rate?: number): Promise<Load> {
  const body = eventBody(lessonIds);
  const headers = requestHeaders(token);
  const cpuBefore = cpuMs(server.pid);
  const result = await autocannon({
    url: `${server.url}/api/progress`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    overallRate: rate,
    // autocannon's correction for coordinated omission expects a request every ceil(1 / rate) ms, which is
    // 1 ms whatever the rate per connection: it would add a made-up sample for each millisecond of every
    // answer, weighting answers by their own latency. At a fixed rate each connection sends its share of
    // the second back to back, then waits for the next second: the latencies it records are the real ones.
    ignoreCoordinatedOmission: rate !== undefined,
    requests: [{ method: "POST", headers, setupRequest: (request) => ({ ...request, body: body() }) }],
  });
  const answered = result["2xx"];
  return {
    // Only 2xx count: a request that failed recorded nothing.
    rps: answered / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuUs: ((cpuMs(server.pid) - cpuBefore) * 1000) / answered,
    failures: result.non2xx + result.errors,
  };
}

/** Requests arriving steadily at FIXED_RATE a second. */
async function steady(server: Process, lessonIds: string[], token?: string): Promise<Load> {
  const cpuBefore = cpuMs(server.pid);
  const result = await pacedLoad({
    url: `${server.url}/api/progress`,
    headers: requestHeaders(token),
    body: eventBody(lessonIds),
    rate: FIXED_RATE,
    durationS: DURATION_S,
    connections: CONNECTIONS,
  });
  return {
    rps: result.rps,
    p50: result.p50,
    p99: result.p99,
    cpuUs: ((cpuMs(server.pid) - cpuBefore) * 1000) / result.ok,
    failures: result.failed,
  };
}

const loads = (r: Run): Load[] => Object.values(r);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

const round = (value: number, places = 0) => Math.round(value * 10 ** places) / 10 ** places;

function report(runs: Run[]): void {
  const m = (pick: (r: Run) => number, places = 0) => round(median(runs.map(pick)), places);
  const figures = {
    progress_rps: m((r) => r.on.rps),
    echo_rps: m((r) => r.echo.rps),
    ratio: m((r) => r.on.rps / r.echo.rps, 2),
    p99_ms_at_2000: m((r) => r.onAtRate.p99, 1),
    p50_ms_at_2000: m((r) => r.onAtRate.p50, 1),
    rate_at_2000: m((r) => r.onAtRate.rps),
    echo_p99_ms_at_2000: m((r) => r.echoAtRate.p99, 1),
    burst_p99_ms_at_2000: m((r) => r.onBurst.p99, 1),
    echo_burst_p99_ms_at_2000: m((r) => r.echoBurst.p99, 1),
    progress_rps_off: m((r) => r.off.rps),
    ratio_off: m((r) => r.off.rps / r.echo.rps, 2),
    p99_ms_at_2000_off: m((r) => r.offAtRate.p99, 1),
    rate_at_2000_off: m((r) => r.offAtRate.rps),
    progress_cpu_us: m((r) => r.on.cpuUs),
    progress_cpu_us_off: m((r) => r.off.cpuUs),
    echo_cpu_us: m((r) => r.echo.cpuUs),
    failed_requests: runs.reduce((sum, r) => sum + loads(r).reduce((s, l) => s + l.failures, 0), 0),
    runs: runs.length,
  };
  const each = (pick: (r: Run) => number, places = 0) => runs.map((r) => round(pick(r), places)).join(" ");
  const verdict = (ok: boolean, text: string) => `${text} ${ok ? "ok" : "MISSED"}`;
  const rows: [string, number, string, string][] = [
    ["progress_rps", figures.progress_rps, "", each((r) => r.on.rps)],
    ["echo_rps", figures.echo_rps, "", each((r) => r.echo.rps)],
    ["ratio", figures.ratio, verdict(figures.ratio >= TARGETS.ratio, `≥ ${TARGETS.ratio}`), each((r) => r.on.rps / r.echo.rps, 2)],
    [
      "p99_ms_at_2000",
      figures.p99_ms_at_2000,
      verdict(figures.p99_ms_at_2000 <= TARGETS.p99_ms_at_2000, `≤ ${TARGETS.p99_ms_at_2000}`),
      each((r) => r.onAtRate.p99, 1),
    ],
    ["p50_ms_at_2000", figures.p50_ms_at_2000, "", each((r) => r.onAtRate.p50, 1)],
    ["rate_at_2000", figures.rate_at_2000, "", each((r) => r.onAtRate.rps)],
    ["echo_p99_ms_at_2000", figures.echo_p99_ms_at_2000, "", each((r) => r.echoAtRate.p99, 1)],
    ["burst_p99_ms_at_2000", figures.burst_p99_ms_at_2000, "", each((r) => r.onBurst.p99, 1)],
    ["echo_burst_p99_ms_at_2000", figures.echo_burst_p99_ms_at_2000, "", each((r) => r.echoBurst.p99, 1)],
    ["progress_rps_off", figures.progress_rps_off, "", each((r) => r.off.rps)],
    ["ratio_off", figures.ratio_off, "", each((r) => r.off.rps / r.echo.rps, 2)],
    ["p99_ms_at_2000_off", figures.p99_ms_at_2000_off, "", each((r) => r.offAtRate.p99, 1)],
    ["rate_at_2000_off", figures.rate_at_2000_off, "", each((r) => r.offAtRate.rps)],
    ["progress_cpu_us", figures.progress_cpu_us, "", each((r) => r.on.cpuUs)],
    ["progress_cpu_us_off", figures.progress_cpu_us_off, "", each((r) => r.off.cpuUs)],
    ["echo_cpu_us", figures.echo_cpu_us, "", each((r) => r.echo.cpuUs)],
  ];
  console.log(
    `\nPOST /api/progress, one new event per request, ${CONNECTIONS} connections at most, ${DURATION_S} s each` +
      `\n_at_${FIXED_RATE}: requests arriving steadily at ${FIXED_RATE}/s; burst_: autocannon's fixed rate (each second's share sent at once)` +
      "\n_off: the same server with PROGRESS_GROUP_COMMIT=off (one commit per request); cpu_us: server CPU per answered request",
  );
  console.log(`${"figure".padEnd(27)}${"median".padStart(8)}   ${"target".padEnd(14)}each run`);
  for (const [name, value, target, values] of rows)
    console.log(`${name.padEnd(27)}${String(value).padStart(8)}   ${target.padEnd(14)}${values}`);
  console.log(
    Object.entries(figures)
      .map(([key, value]) => `${key}=${value}`)
      .join(" "),
  );
}

function runLine(run: number, r: Run): string {
  const failures = loads(r).map((l) => l.failures);
  return (
    `run ${run}/${RUNS}: echo ${round(r.echo.rps)}/s, progress ${round(r.on.rps)}/s (off ${round(r.off.rps)}/s); ` +
    `at ${FIXED_RATE}/s: p99 ${round(r.onAtRate.p99, 1)} ms, ${round(r.onAtRate.rps)}/s ` +
    `(off ${round(r.offAtRate.p99, 1)} ms, ${round(r.offAtRate.rps)}/s; echo ${round(r.echoAtRate.p99, 1)} ms); ` +
    `burst p99 ${r.onBurst.p99} ms (echo ${r.echoBurst.p99} ms)` +
    (failures.some((f) => f > 0) ? `; failed (non-2xx or connection errors) ${Object.keys(r).join("/")}: ${failures.join("/")}` : "")
  );
}

async function main(): Promise<void> {
  if (!existsSync(join(REPO, "content/dist/curriculum.json"))) {
    console.error("Not built yet (content/dist/curriculum.json missing): run `npm run build -w content` first.");
    process.exitCode = 1;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), "hvs-bench-progress-"));
  const started: Process[] = [];
  try {
    console.log("Starting the Zalo stand-in, the echo app and two bot-servers (group commit on and off)…");
    const standIn = await startStandIn();
    started.push(standIn);
    const echo = await startScript("tests/bench/echo-server.ts", "/health", () => ({}));
    started.push(echo);
    const on = await startServer(standIn, join(dataDir, "on.db"), { PROGRESS_GROUP_COMMIT: "on" });
    started.push(on);
    const off = await startServer(standIn, join(dataDir, "off.db"), { PROGRESS_GROUP_COMMIT: "off" });
    started.push(off);
    const onSession = await signInResident(on, standIn);
    const offSession = await signInResident(off, standIn);
    const lessonIds = onSession.lessonIds;

    const runs: Run[] = [];
    // Interleaved, so that whatever else the machine is doing weighs on all of them alike.
    for (let run = 1; run <= RUNS; run++) {
      const result: Run = {
        echo: await load(echo, lessonIds),
        echoAtRate: await steady(echo, lessonIds),
        echoBurst: await load(echo, lessonIds, undefined, FIXED_RATE),
        on: await load(on, lessonIds, onSession.token),
        off: await load(off, lessonIds, offSession.token),
        onAtRate: await steady(on, lessonIds, onSession.token),
        offAtRate: await steady(off, lessonIds, offSession.token),
        onBurst: await load(on, lessonIds, onSession.token, FIXED_RATE),
      };
      runs.push(result);
      console.log(runLine(run, result));
    }
    report(runs);
  } finally {
    for (const server of started.reverse()) await server.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
