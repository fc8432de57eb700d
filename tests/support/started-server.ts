import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONSENT_VERSION, type CourseList, type SignInResponse } from "@hvs/shared/api";
import { apiJson } from "./resident";
import { freePort, REPO } from "./started-system";

/**
 * The Zalo stand-in and the bot-server as two processes started directly, without the demo supervisor
 * (which would take the whole system down with the server): a test can kill -9 the server and start it
 * again on the same SQLite file, and a benchmark can give it its own environment. No demo seed: a resident
 * who signs in is created then, as in production.
 */

export interface Process {
  url: string;
  pid: number;
  output: () => string;
  /** Sends the signal and resolves once the process is gone. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

export interface StandIn extends Process {
  appSecret: string;
  /** The OA's side, shared with a server started against this stand-in. */
  oa: { id: string; secretKey: string; firstRefreshToken: string };
}

const START_TIMEOUT_MS = 30_000;

function run(script: string, env: Record<string, string>): { child: ChildProcess; output: () => string; kill: Process["kill"] } {
  // Output goes to a file, not a pipe: the server logs a line per request, and on Linux a write to a pipe
  // blocks once the pipe is full, so a busy reader (a benchmark's load generator) would throttle the server.
  const logDir = mkdtempSync(join(tmpdir(), "hvs-process-"));
  const logFile = join(logDir, "output.log");
  const log = openSync(logFile, "a");
  // SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles a benchmark's server (NODE_OPTIONS refuses --cpu-prof).
  const nodeArgs = process.env.SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", join(REPO, script)], {
    cwd: join(REPO, "bot-server"),
    env: { ...process.env, ...env },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  let kept: string | undefined;
  // The start and the last words are what a failure needs, not every request line.
  const output = () => kept ?? tail(readFileSync(logFile, "utf8"));
  const kill = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const gone = () => {
        kept ??= output();
        rmSync(logDir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return gone();
      child.once("exit", gone);
      child.kill(signal);
    });
  return { child, output, kill };
}

function tail(text: string): string {
  return text.length <= 20_000 ? text : `${text.slice(0, 2_000)}\n…\n${text.slice(-18_000)}`;
}

/** Resolves once `url` answers 200; rejects if the process exits first or the time runs out. */
async function answering(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${url}: exited before answering:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

/** Runs a TypeScript file of the repository on a free port (`PORT`), once `readyPath` answers 200. */
export async function startScript(
  script: string,
  readyPath: string,
  env: (port: number) => Record<string, string>,
  fixedPort?: number,
): Promise<Process> {
  const port = fixedPort ?? (await freePort());
  const { child, output, kill } = run(script, { PORT: String(port), ...env(port) });
  // 127.0.0.1 rather than localhost: clients then never try ::1 first, and every server here is compared alike.
  const url = `http://127.0.0.1:${port}`;
  try {
    await answering(`${url}${readyPath}`, child, output);
  } catch (error) {
    await kill("SIGKILL");
    throw error;
  }
  return { url, pid: child.pid ?? 0, output, kill };
}

/** The stand-in with an OA; `webhookPort` is where its chat simulator posts events (a server started later). */
export async function startStandIn(webhookPort?: number, env: Record<string, string> = {}): Promise<StandIn> {
  const appSecret = randomBytes(24).toString("hex");
  const oa = { id: "test-oa", secretKey: randomBytes(24).toString("hex"), firstRefreshToken: randomBytes(24).toString("base64url") };
  const started = await startScript("bot-server/src/zalo-stand-in/main.ts", "/demo/users", (port) => ({
    ZALO_APP_ID: "test-app",
    ZALO_APP_SECRET: appSecret,
    ZALO_STAND_IN_PORT: String(port),
    ZALO_OA_ID: oa.id,
    ZALO_OA_SECRET_KEY: oa.secretKey,
    ZALO_OA_REFRESH_TOKEN: oa.firstRefreshToken,
    ...(webhookPort ? { ZALO_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/webhooks/zalo` } : {}),
    ...env,
  }));
  return { ...started, appSecret, oa };
}

/** The bot-server as `npm run start -w bot-server` runs it, talking to the stand-in for everything Zalo; migrations apply at start. */
export function startServer(standIn: StandIn, databaseFile: string, env: Record<string, string> = {}, port?: number): Promise<Process> {
  return startScript(
    "bot-server/src/index.ts",
    "/health",
    () => ({
      DATABASE_URL: `file:${databaseFile}`,
      ZALO_APP_ID: "test-app",
      ZALO_APP_SECRET: standIn.appSecret,
      ZALO_GRAPH_BASE_URL: standIn.url,
      ZALO_OA_API_BASE_URL: standIn.url,
      ZALO_OAUTH_BASE_URL: standIn.url,
      ZALO_OA_ID: standIn.oa.id,
      ZALO_OA_SECRET_KEY: standIn.oa.secretKey,
      ZALO_OA_REFRESH_TOKEN: standIn.oa.firstRefreshToken,
      ...env,
    }),
    port,
  );
}

/** Signs the stand-in's first demo resident in as the mini app does; returns the session token and the lesson ids. */
export async function signInResident(server: Process, standIn: StandIn): Promise<{ token: string; lessonIds: string[] }> {
  const { users } = await apiJson<{ users: { id: string }[] }>(`${standIn.url}/demo/users`);
  const userId = users[0]?.id;
  if (!userId) throw new Error("the Zalo stand-in has no demo users");
  const { access_token } = await apiJson<{ access_token: string }>(`${standIn.url}/demo/token`, { method: "POST", body: { userId } });
  const { sessionToken } = await apiJson<SignInResponse>(`${server.url}/api/auth/zalo`, {
    method: "POST",
    body: { accessToken: access_token, consentVersion: CONSENT_VERSION },
  });
  const { courses } = await apiJson<CourseList>(`${server.url}/api/courses`, { token: sessionToken });
  const lessonIds = courses.flatMap((c) => c.lessons.map((l) => l.id));
  if (lessonIds.length === 0) throw new Error("the curriculum has no lessons");
  return { token: sessionToken, lessonIds };
}
