import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../db/client";
import { zaloOaTokens } from "../db/schema";
import { loadCurriculum } from "../learning/curriculum";
import { startMiniAppServer } from "./mini-app-server";
import { seedDemo } from "./seed";

/**
 * `npm start`: the whole system on one machine with demo data. The Zalo stand-in and the bot-server are
 * separate processes talking real HTTP, as they would to the real Zalo; this process serves the mini app
 * and supervises the other two.
 */
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const serverDir = join(repo, "bot-server");
const port = Number(process.env.PORT ?? "8080");
const miniAppPort = Number(process.env.MINI_APP_PORT ?? "3000");
const standInPort = Number(process.env.ZALO_STAND_IN_PORT ?? "8090");
const databaseUrl = process.env.DATABASE_URL ?? `file:${join(repo, "data", "hocvuso.db")}`;
const wwwDir = join(repo, "mini-app", "www");

const standInUrl = `http://localhost:${standInPort}`;
const childEnv = {
  ...process.env,
  PORT: String(port),
  DATABASE_URL: databaseUrl,
  ZALO_APP_ID: process.env.ZALO_APP_ID ?? "demo-app",
  // A fresh secret per run: the stand-in and the server share it, nobody else needs it.
  ZALO_APP_SECRET: randomBytes(24).toString("hex"),
  ZALO_STAND_IN_PORT: String(standInPort),
  ZALO_GRAPH_BASE_URL: standInUrl,
  ZALO_OA_API_BASE_URL: standInUrl,
  ZALO_OAUTH_BASE_URL: standInUrl,
  // ZNS reminders (by phone, for people a team signed up) go to the stand-in too; see /demo/zns/sent there.
  ZALO_ZNS_API_BASE_URL: standInUrl,
  ZALO_ZNS_TEMPLATE_ID: process.env.ZALO_ZNS_TEMPLATE_ID ?? "demo-nhac-hoc",
  // The OA: a fresh secret and a fresh first refresh token per run, shared by the stand-in and the server,
  // as if an administrator had just authorised the app for the commune's OA.
  ZALO_OA_ID: process.env.ZALO_OA_ID ?? "demo-oa",
  ZALO_OA_SECRET_KEY: randomBytes(24).toString("hex"),
  ZALO_OA_REFRESH_TOKEN: randomBytes(24).toString("base64url"),
  ZALO_WEBHOOK_URL: `http://localhost:${port}/webhooks/zalo`,
  MINI_APP_URL: `http://localhost:${miniAppPort}/`,
};

if (!existsSync(join(wwwDir, "index.html"))) {
  console.error("Chưa có bản build của mini app (mini-app/www). Hãy chạy: npm run build");
  process.exit(1);
}

const content = loadCurriculum();
const database = openDatabase(databaseUrl);
// Months of invented history make the dashboard worth looking at; tests that count from zero turn it off.
const account = await seedDemo(database.db, content, new Date(), { history: process.env.DEMO_HISTORY !== "off" });
// The stand-in starts with no memory and a new first refresh token each run, which is what re-authorising
// the app looks like to the server: forget the previous run's (now meaningless) token pair.
database.db.delete(zaloOaTokens).run();
database.close();

const children: ChildProcess[] = [];
let stopping = false;

function run(name: string, script: string) {
  const child = spawn(process.execPath, ["--import", "tsx", join(serverDir, "src", script)], {
    cwd: serverDir,
    env: childEnv,
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`${name} đã dừng bất thường (${signal ?? code}); dừng toàn bộ hệ thống.`);
    stop(1);
  });
  children.push(child);
}

const miniApp = startMiniAppServer(wwwDir, miniAppPort, {
  apiUrl: `http://localhost:${port}`,
  zaloStandInUrl: standInUrl,
  oaId: process.env.ZALO_OA_ID ?? "demo-oa",
});
run("zalo-stand-in", "zalo-stand-in/main.ts");
run("bot-server", "index.ts");

async function waitFor(url: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  miniApp.close();
  const exits = children.map((child) => new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r))));
  Promise.all(exits).then(() => process.exit(code));
  setTimeout(() => process.exit(code), 5000).unref();
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

try {
  await Promise.all([waitFor(`http://localhost:${port}/health`), waitFor(`${standInUrl}/demo/users`)]);
} catch (error) {
  console.error((error as Error).message);
  stop(1);
}
if (!stopping) {
  console.log(`
Học Vụ Số đang chạy — CHẾ ĐỘ MINH HỌA, dữ liệu mẫu, Zalo giả lập
  Ứng dụng học (mini app):  http://localhost:${miniAppPort}
  Chatbot Zalo OA (thử):    ${standInUrl}/demo/chat
  Trang cán bộ xã:          http://localhost:${port}/admin
      tên đăng nhập: ${account.username}
      mật khẩu: ${account.password}
  Zalo giả lập:             ${standInUrl}
  Dữ liệu (SQLite):         ${databaseUrl}
Nhấn Ctrl-C để dừng.
`);
}
