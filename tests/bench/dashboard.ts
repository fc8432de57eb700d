import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addDays } from "@hvs/shared/periods";
import { type Process, type StandIn, startServer, startStandIn } from "../support/started-server";
import { REPO } from "../support/started-system";

/**
 * `npm run bench:dashboard`: how long the staff dashboard takes to render on a commune of 30,000 adults and
 * 1.5 million progress events (target ≤ 200 ms p95, server side), and the province roll-up over 34 such
 * communes, about a million adults and 20 million events (target ≤ 1 s). The real server runs as its own
 * process on a generated SQLite file; requests go one at a time over loopback with a staff session's
 * cookie, and each is timed twice: by this client (wall time, which on loopback with nothing else running is
 * the server's time plus gzip and a fraction of a millisecond) and by the server itself (its log line
 * "GET /admin 200 37ms <request id>", found by the request id we send). The baseline, in the same run and
 * the same process, is the login page: same middleware, no data. Reports; never fails because a target is
 * missed.
 *
 * The data is made by bot-server/src/test-support/dashboard-data.ts (deterministic, seeded) into
 * BENCH_DATA_DIR (default <tmp>/hvs-bench-dashboard), never into the repository, and reused on later runs:
 * the province takes several minutes to generate. BENCH_SCALE (default 1) shrinks every size for a quick
 * try; BENCH_SCENARIOS=commune or =province runs one; BENCH_REBUILD=0 skips timing the milestones rebuild
 * again on a reused file (the time measured when it was generated is reported instead).
 */

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const DATA_DIR = process.env.BENCH_DATA_DIR ?? join(tmpdir(), "hvs-bench-dashboard");
const SEED = Number(process.env.BENCH_SEED ?? 20250301);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? "commune,province").split(",").map((s) => s.trim());
const REBUILD = process.env.BENCH_REBUILD !== "0";
const START = "2025-03-01";
const END = "2026-11-20";
const FROM = "2025-01-01";
const TARGETS = { commune_p95_ms: 200, province_ms: 1000 };
const GENERATOR = "bot-server/src/test-support/dashboard-data.ts";

interface DataOptions {
  provinces: number;
  communes: number;
  villagesPerCommune: number;
  adultsPerCommune: number;
  eventsPerCommune: number;
  start: string;
  end: string;
  seed: number;
}

/** What dashboard-data.ts `prepare` writes (the fields read here). */
interface Prepared {
  file: string;
  bytes: number;
  generated: boolean;
  rebuildMs: number | null;
  communeToken: string;
  provinceToken: string;
  data: {
    provinceIds: number[];
    communes: { id: number; name: string }[];
    adults: number;
    counts: Record<string, number>;
    generateMs: number;
    rebuildMs: number;
  };
}

const base = { provinces: 1, villagesPerCommune: 10, start: START, end: END, seed: SEED };
const adultsPerCommune = Math.max(10, Math.round(30_000 * SCALE));
const OPTIONS: Record<string, DataOptions> = {
  commune: { ...base, communes: 1, adultsPerCommune, eventsPerCommune: Math.round(1_500_000 * SCALE) },
  // 34 communes of 30,000 adults: 1,020,000 adults; 20 million events shared out evenly.
  province: { ...base, communes: 34, adultsPerCommune, eventsPerCommune: Math.round((20_000_000 * SCALE) / 34) },
};

/** Runs the generator's command line in bot-server, as the server's own code would run; its output shows here. */
function runGenerator(args: string[], capture: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(REPO, GENERATOR), ...args], {
      cwd: join(REPO, "bot-server"),
      stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
    });
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${GENERATOR} ${args[0]} exited with ${code}`))));
  });
}

async function prepare(scenario: string): Promise<Prepared> {
  const options = OPTIONS[scenario];
  if (!options) throw new Error(`unknown scenario ${scenario}`);
  const outFile = join(DATA_DIR, `${scenario}.prepared.json`);
  rmSync(outFile, { force: true });
  const began = performance.now();
  await runGenerator(["prepare", DATA_DIR, scenario, JSON.stringify(options), outFile, REBUILD ? "rebuild" : ""], false);
  const prepared = JSON.parse(readFileSync(outFile, "utf8")) as Prepared;
  console.log(
    `${scenario}: ${prepared.generated ? "generated" : "reused"} ${prepared.file} (${mb(prepared.bytes)} MB) in ${seconds(performance.now() - began)} s`,
  );
  return prepared;
}

// ---------------------------------------------------------------------------------------------------------

interface Sample {
  clientMs: number;
  serverMs: number;
  bytes: number;
}

let requestCounter = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server's own duration for a request, from its log line (written within a turn of its event loop). */
async function serverMs(server: Process, requestId: string): Promise<number> {
  const line = new RegExp(`^\\[bot-server\\] GET \\S+ \\d+ (\\d+)ms ${requestId}$`, "m");
  for (let waited = 0; waited < 3000; waited += 2) {
    const match = line.exec(server.output());
    if (match) return Number(match[1]);
    await sleep(2);
  }
  throw new Error(`no log line for request ${requestId}`);
}

/** One GET as a browser sends it (gzip accepted, no redirects followed); the answer must be the page expected. */
async function timedGet(server: Process, path: string, token: string | undefined, expect: string): Promise<Sample> {
  const requestId = `bench-${process.pid}-${++requestCounter}`;
  const headers: Record<string, string> = { "x-request-id": requestId, "accept-encoding": "gzip" };
  if (token) headers.cookie = `__Host-hvs_staff=${token}`;
  const began = performance.now();
  const response = await fetch(`${server.url}${path}`, { headers, redirect: "manual" });
  const body = await response.text();
  const clientMs = performance.now() - began;
  if (response.status !== 200 || !body.includes(expect)) {
    throw new Error(`GET ${path}: ${response.status}, expected a page with "${expect}":\n${body.slice(0, 500)}`);
  }
  return { clientMs, serverMs: await serverMs(server, requestId), bytes: body.length };
}

interface Series {
  name: string;
  samples: Sample[];
}

/**
 * Sequential requests, `warm` then `measured` of them, alternating the page's paths (full range by month,
 * last 8 weeks by week), each followed by the login page, so that whatever else the machine does weighs
 * on page and baseline alike.
 */
async function measure(
  server: Process,
  name: string,
  paths: string[],
  token: string,
  expect: string,
  warm: number,
  measured: number,
): Promise<{ page: Series; login: Series; byPath: Series[] }> {
  const page: Series = { name, samples: [] };
  const login: Series = { name: `${name} login`, samples: [] };
  const byPath = paths.map((path) => ({
    name: `${name} ${/by=week/.test(path) ? "last 8 weeks by week" : "full range by month"}`,
    samples: [] as Sample[],
  }));
  for (let i = 0; i < warm + measured; i++) {
    const which = i % paths.length;
    const sample = await timedGet(server, paths[which] ?? "", token, expect);
    const baseline = await timedGet(server, "/admin/login", undefined, 'name="password"');
    if (i < warm) continue;
    page.samples.push(sample);
    byPath[which]?.samples.push(sample);
    login.samples.push(baseline);
  }
  return { page, login, byPath };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

const round = (value: number, places = 0) => Math.round(value * 10 ** places) / 10 ** places;
const seconds = (ms: number) => round(ms / 1000, 1);
const mb = (bytes: number) => round(bytes / 1024 / 1024);

function stats(series: Series) {
  const server = series.samples.map((s) => s.serverMs);
  const client = series.samples.map((s) => s.clientMs);
  return {
    n: series.samples.length,
    p50: percentile(server, 50),
    p95: percentile(server, 95),
    max: Math.max(...server),
    clientP50: round(percentile(client, 50), 1),
    clientP95: round(percentile(client, 95), 1),
    clientMax: round(Math.max(...client), 1),
    kb: round((series.samples[0]?.bytes ?? 0) / 1024, 1),
  };
}

function printSeries(series: Series[]): void {
  console.log(
    `${"request".padEnd(62)}${"n".padStart(4)}${"server p50/p95/max ms".padStart(24)}${"client p50/p95/max ms".padStart(26)}${"KB".padStart(8)}`,
  );
  for (const s of series) {
    const f = stats(s);
    console.log(
      `${s.name.padEnd(62)}${String(f.n).padStart(4)}${`${f.p50}/${f.p95}/${f.max}`.padStart(24)}${`${f.clientP50}/${f.clientP95}/${f.clientMax}`.padStart(26)}${String(f.kb).padStart(8)}`,
    );
  }
}

async function startTimed(standIn: StandIn, file: string): Promise<{ server: Process; startMs: number }> {
  const began = performance.now();
  const server = await startServer(standIn, file);
  return { server, startMs: performance.now() - began };
}

interface Profile {
  [name: string]:
    | { p50_ms: number; p95_ms: number; statements: { ms_per_run: number; calls_per_run: number; sql: string; plan: string[] }[] }
    | number;
}

/** The same work in one process without HTTP, query by query (dashboard-data.ts `profile`). */
async function profile(prepared: Prepared, runs: number): Promise<Profile> {
  const communeId = prepared.data.communes[0]?.id ?? 0;
  const provinceId = prepared.data.provinceIds[0] ?? 0;
  const out = await runGenerator(["profile", prepared.file, String(communeId), String(provinceId), FROM, END, String(runs)], true);
  const profiled = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Profile;
  for (const [name, value] of Object.entries(profiled)) {
    if (typeof value === "number") {
      console.log(`  ${name}: ${round(value, 1)} ms`);
      continue;
    }
    console.log(`  ${name}: p50 ${round(value.p50_ms, 1)} ms, p95 ${round(value.p95_ms, 1)} ms; slowest statements:`);
    for (const s of value.statements.slice(0, 3)) {
      console.log(`    ${round(s.ms_per_run, 1)} ms in ${s.calls_per_run} call(s): ${s.sql.slice(0, 200)}`);
      console.log(`      plan: ${s.plan.join(" | ")}`);
    }
  }
  return profiled;
}

const p50Of = (p: Profile | undefined, name: string) => {
  const value = p?.[name];
  return typeof value === "object" ? round(value.p50_ms, 1) : Number.NaN;
};

async function main(): Promise<void> {
  if (!existsSync(join(REPO, "content/dist/curriculum.json"))) {
    console.error("Not built yet (content/dist/curriculum.json missing): run `npm run build -w content` first.");
    process.exitCode = 1;
    return;
  }
  mkdirSync(DATA_DIR, { recursive: true });
  console.log(`Data in ${DATA_DIR} (scale ${SCALE}, seed ${SEED}); scenarios: ${SCENARIOS.join(", ")}`);
  const prepared: Record<string, Prepared> = {};
  for (const scenario of SCENARIOS) prepared[scenario] = await prepare(scenario);

  const figures: Record<string, number | string> = {};
  const started: Process[] = [];
  const all: Series[] = [];
  const profiles: Record<string, Profile> = {};
  const weekFrom = addDays(END, -55);
  const communePaths = [`/admin?from=${FROM}&to=${END}&by=month`, `/admin?from=${weekFrom}&to=${END}&by=week`];
  try {
    const standIn = await startStandIn();
    started.push(standIn);

    const commune = prepared.commune;
    if (commune) {
      console.log("\nCommune: starting the server on the commune's file…");
      const { server, startMs } = await startTimed(standIn, commune.file);
      started.push(server);
      console.log(
        `  answering after ${seconds(startMs)} s; 30 warm-up + 100 measured requests of the page, each followed by the login page`,
      );
      const name = commune.data.communes[0]?.name ?? "";
      const m = await measure(server, "commune /admin", communePaths, commune.communeToken, name, 30, 100);
      all.push(m.page, ...m.byPath, m.login);
      await server.kill("SIGTERM");
      started.pop();
      const c = stats(m.page);
      const l = stats(m.login);
      Object.assign(figures, {
        commune_adults: commune.data.adults,
        commune_learners: commune.data.counts.learners ?? 0,
        commune_events: commune.data.counts.progress_events ?? 0,
        commune_p50_ms: c.p50,
        commune_p95_ms: c.p95,
        commune_client_p95_ms: c.clientP95,
        commune_month_p95_ms: stats(m.byPath[0] ?? m.page).p95,
        commune_week_p95_ms: stats(m.byPath[1] ?? m.page).p95,
        commune_login_p95_ms: l.p95,
        commune_login_client_p95_ms: l.clientP95,
        start_commune_s: seconds(startMs),
      });
      console.log("  in one process, without HTTP:");
      profiles.commune = await profile(commune, 20);
    }

    const province = prepared.province;
    if (province) {
      console.log("\nProvince: starting the server on the province's file…");
      const { server, startMs } = await startTimed(standIn, province.file);
      started.push(server);
      console.log(
        `  answering after ${seconds(startMs)} s; 5 warm-up + 20 measured requests of each page, each followed by the login page`,
      );
      const provincePaths = [`/admin/province?from=${FROM}&to=${END}&by=month`, `/admin/province?from=${weekFrom}&to=${END}&by=week`];
      const p = await measure(server, "province /admin/province", provincePaths, province.provinceToken, "kết quả phong trào", 5, 20);
      // A commune's own page when its database holds the whole province.
      const name = province.data.communes[0]?.name ?? "";
      const pc = await measure(server, "commune in province /admin", communePaths, province.communeToken, name, 5, 20);
      all.push(p.page, ...p.byPath, p.login, pc.page, pc.login);
      await server.kill("SIGTERM");
      started.pop();
      const s = stats(p.page);
      Object.assign(figures, {
        province_adults: province.data.adults,
        province_learners: province.data.counts.learners ?? 0,
        province_events: province.data.counts.progress_events ?? 0,
        province_p50_ms: s.p50,
        province_p95_ms: s.p95,
        province_client_p95_ms: s.clientP95,
        province_commune_p95_ms: stats(pc.page).p95,
        province_login_p95_ms: stats(p.login).p95,
        start_province_s: seconds(startMs),
      });
      console.log("  in one process, without HTTP:");
      profiles.province = await profile(province, 10);
    }
  } finally {
    for (const p of started.reverse()) await p.kill("SIGTERM");
  }

  console.log("\nSequential GETs over loopback; server = the server's own log line (ms, rounded), client = wall time here");
  printSeries(all);
  const logins = all.filter((s) => s.name.endsWith("login"));
  const login = { name: "login", samples: logins.flatMap((s) => s.samples) };
  const rebuild = (p: Prepared | undefined) => (p ? seconds(p.rebuildMs ?? p.data.rebuildMs) : Number.NaN);
  Object.assign(figures, {
    login_p95_ms: stats(login).p95,
    login_client_p95_ms: stats(login).clientP95,
    commune_report_ms: p50Of(profiles.commune, "commune_month"),
    province_rollup_ms: p50Of(profiles.province, "province"),
    rebuild_commune_s: rebuild(prepared.commune),
    rebuild_province_s: rebuild(prepared.province),
    generate_commune_s: prepared.commune ? seconds(prepared.commune.data.generateMs) : Number.NaN,
    generate_province_s: prepared.province ? seconds(prepared.province.data.generateMs) : Number.NaN,
    db_commune_mb: prepared.commune ? mb(prepared.commune.bytes) : Number.NaN,
    db_province_mb: prepared.province ? mb(prepared.province.bytes) : Number.NaN,
    scale: SCALE,
    target_commune_p95_ms: TARGETS.commune_p95_ms,
    target_province_ms: TARGETS.province_ms,
  });
  const verdict = (value: unknown, target: number) =>
    typeof value !== "number" || Number.isNaN(value) ? "n/a" : value <= target ? "met" : "MISSED";
  console.log(
    `commune page p95 ${figures.commune_p95_ms ?? "n/a"} ms (target ≤ ${TARGETS.commune_p95_ms}): ${verdict(figures.commune_p95_ms, TARGETS.commune_p95_ms)}; ` +
      `province page p95 ${figures.province_p95_ms ?? "n/a"} ms (target ≤ ${TARGETS.province_ms}): ${verdict(figures.province_p95_ms, TARGETS.province_ms)}`,
  );
  console.log(
    Object.entries(figures)
      .map(([key, value]) => `${key}=${value}`)
      .join(" "),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
