import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));

/** A port the OS says is free right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface StartedSystem {
  apiUrl: string;
  miniAppUrl: string;
  standInUrl: string;
  staff: { username: string; password: string };
  output: () => string;
  /** Sends Ctrl-C (SIGINT) as a person would, and resolves with the exit code. */
  stop: () => Promise<number | null>;
}

/**
 * Starts the system exactly as `npm start` does after its build step (the demo supervisor, which runs the
 * Zalo stand-in and the bot-server as their own processes), on free ports and a fresh SQLite file.
 * `env` adds to (or overrides) the demo's environment.
 */
export async function startSystem(env: Record<string, string> = {}): Promise<StartedSystem> {
  const [port, miniAppPort, standInPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), "hvs-e2e-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(REPO, "bot-server/src/demo/start.ts")], {
    cwd: join(REPO, "bot-server"),
    env: {
      ...process.env,
      PORT: String(port),
      MINI_APP_PORT: String(miniAppPort),
      ZALO_STAND_IN_PORT: String(standInPort),
      DATABASE_URL: `file:${join(dataDir, "e2e.db")}`,
      // Tests count from the demo's few residents; the invented months of history are asked for explicitly.
      DEMO_HISTORY: "off",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });

  const staff = await new Promise<{ username: string; password: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`system did not start in 60 s:\n${output}`)), 60_000);
    const check = () => {
      const match = /tên đăng nhập: (\S+)\s+mật khẩu: (\S+)/.exec(output);
      if (match?.[1] && match[2]) {
        clearTimeout(timer);
        resolve({ username: match[1], password: match[2] });
      }
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`system exited with ${code} before starting:\n${output}`));
    });
  });

  return {
    apiUrl: `http://localhost:${port}`,
    miniAppUrl: `http://localhost:${miniAppPort}`,
    standInUrl: `http://localhost:${standInPort}`,
    staff,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        const done = (code: number | null) => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve(code);
        };
        if (child.exitCode !== null) return done(child.exitCode);
        child.once("exit", (code) => done(code));
        child.kill("SIGINT");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}
