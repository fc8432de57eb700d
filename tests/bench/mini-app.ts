import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import type { CourseList } from "@hvs/shared/api";
import { CONSENT_VERSION } from "@hvs/shared/consent";
import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { launchChromium, newPhone } from "../support/chromium";
import { apiJson, signInResident } from "../support/resident";
import { freePort, REPO, type StartedSystem, startSystem } from "../support/started-system";

/**
 * `npm run bench:mini-app`: the mini app on an emulated low-end phone, next to a one-line page loaded under
 * the same emulation, so the figures can be read against the floor the network and CPU alone impose.
 * Reports; never fails because a target is missed.
 */

const RUNS = 5;
const LESSON_OPENS = 5;
const TARGETS = { fcp_ms: 1500, transferred_kb: 150, lesson_open_ms: 300 };
// The home screen is usable once its course list (and the "continue" card drawn with it) is on screen.
const USABLE = ".card.continue button, .lesson-row button";
const LOAD_TIMEOUT_MS = 60_000;

declare global {
  interface Window {
    hvsUsableAt?: number;
    hvsLessonOpen?: Promise<number>;
  }
}

interface Phone {
  context: BrowserContext;
  page: Page;
  /** Bytes that finished arriving within `ms` of the navigation's document request. */
  bytesWithin: (ms: number) => number;
}

interface HomeLoad {
  fcp: number;
  usable: number;
  bytes: number;
}

// Page-side functions are sent to Chromium as source text: they hold no named inner functions, because tsx
// would wrap those in a `__name` helper that does not exist in the page.
function watchForUsable(selector: string) {
  new MutationObserver((_, observer) => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    // Recorded in the frame that paints it, not when React inserts it.
    requestAnimationFrame(() => {
      window.hvsUsableAt = performance.now();
    });
  }).observe(document, { childList: true, subtree: true });
}

function keepSignedIn({ origin, session, consent }: { origin: string; session: string; consent: string }) {
  if (location.origin !== origin) return;
  localStorage.setItem("hvs.session", session);
  localStorage.setItem("hvs.consent", consent);
}

async function emulateLowEndPhone(session: CDPSession): Promise<void> {
  await session.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await session.send("Network.enable");
  await session.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: 1.6e6 / 8,
    uploadThroughput: 750e3 / 8,
  });
  await session.send("Network.setCacheDisabled", { cacheDisabled: true });
}

async function openPhone(browser: Browser, prepare?: (context: BrowserContext) => Promise<void>): Promise<Phone> {
  const context = await newPhone(browser);
  await prepare?.(context);
  const page = await context.newPage();
  const session = await context.newCDPSession(page);
  let start: number | undefined;
  const finished: { at: number; bytes: number }[] = [];
  session.on("Network.requestWillBeSent", (event) => {
    if (event.type === "Document" && start === undefined) start = event.timestamp;
  });
  session.on("Network.loadingFinished", (event) => finished.push({ at: event.timestamp, bytes: event.encodedDataLength }));
  await emulateLowEndPhone(session);
  // CDP timestamps are in seconds on the same monotonic clock; the document request leaves a few ms after
  // navigation start, which is as close to the page's time origin as CDP gets.
  const bytesWithin = (ms: number) =>
    start === undefined ? 0 : finished.filter((f) => (f.at - (start ?? 0)) * 1000 <= ms).reduce((sum, f) => sum + f.bytes, 0);
  return { context, page, bytesWithin };
}

async function firstContentfulPaint(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime, undefined, {
    timeout: LOAD_TIMEOUT_MS,
  });
  return Number(await handle.jsonValue());
}

async function loadBaseline(browser: Browser, url: string): Promise<HomeLoad> {
  const phone = await openPhone(browser);
  try {
    await phone.page.goto(url, { waitUntil: "commit" });
    const fcp = await firstContentfulPaint(phone.page);
    await phone.page.waitForLoadState("load");
    return { fcp, usable: fcp, bytes: phone.bytesWithin(Number.POSITIVE_INFINITY) };
  } finally {
    await phone.context.close();
  }
}

async function loadHome(browser: Browser, system: StartedSystem, session: string): Promise<{ phone: Phone; load: HomeLoad }> {
  const phone = await openPhone(browser, async (context) => {
    await context.addInitScript(keepSignedIn, { origin: system.miniAppUrl, session, consent: CONSENT_VERSION });
    await context.addInitScript(watchForUsable, USABLE);
  });
  try {
    await phone.page.goto(system.miniAppUrl, { waitUntil: "commit" });
    const handle = await phone.page.waitForFunction(() => window.hvsUsableAt, undefined, { timeout: LOAD_TIMEOUT_MS });
    const usable = Number(await handle.jsonValue());
    const fcp = await firstContentfulPaint(phone.page);
    return { phone, load: { fcp, usable, bytes: phone.bytesWithin(usable) } };
  } catch (error) {
    await phone.context.close();
    throw error;
  }
}

/** Milliseconds from the tap on the lesson's row to the frame that paints the lesson's title. */
async function openLesson(page: Page, title: string): Promise<number> {
  await page.evaluate((wanted) => {
    window.hvsLessonOpen = new Promise<number>((resolve) => {
      let tappedAt = 0;
      document.addEventListener(
        "click",
        (event) => {
          tappedAt = event.timeStamp;
        },
        { capture: true, once: true },
      );
      new MutationObserver((_, observer) => {
        if (!Array.from(document.querySelectorAll("h1")).some((h) => h.textContent === wanted)) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - tappedAt));
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  }, title);
  await page
    .locator(".lesson-row")
    .filter({ has: page.getByText(title, { exact: true }) })
    .getByRole("button")
    .tap();
  const ms = await page.evaluate(() => window.hvsLessonOpen);
  await page.getByRole("button", { name: "Quay lại" }).tap();
  await page.getByRole("heading", { name: title, exact: true, level: 1 }).waitFor({ state: "detached" });
  // zmp-ui slides the pages with JavaScript; the next tap must land on a screen at rest.
  await page.waitForTimeout(800);
  return ms ?? Number.NaN;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

// kB as DevTools counts them (1000 bytes), with the HTTP headers included.
const kb = (bytes: number) => Math.round(bytes / 100) / 10;

function report(home: HomeLoad[], baseline: HomeLoad[], lessonOpens: number[], coldOpens: number[]): void {
  const figures = {
    fcp_ms: Math.round(median(home.map((r) => r.fcp))),
    usable_ms: Math.round(median(home.map((r) => r.usable))),
    transferred_kb: kb(median(home.map((r) => r.bytes))),
    lesson_open_ms: Math.round(median(lessonOpens)),
    lesson_open_cold_ms: Math.round(median(coldOpens)),
    baseline_fcp_ms: Math.round(median(baseline.map((r) => r.fcp))),
    baseline_kb: kb(median(baseline.map((r) => r.bytes))),
    runs: home.length,
  };
  const rows: [string, number, string, number | undefined][] = [
    ["fcp_ms", figures.fcp_ms, home.map((r) => Math.round(r.fcp)).join(" "), TARGETS.fcp_ms],
    ["usable_ms", figures.usable_ms, home.map((r) => Math.round(r.usable)).join(" "), undefined],
    ["transferred_kb", figures.transferred_kb, home.map((r) => kb(r.bytes)).join(" "), TARGETS.transferred_kb],
    ["lesson_open_ms", figures.lesson_open_ms, lessonOpens.map(Math.round).join(" "), TARGETS.lesson_open_ms],
    ["lesson_open_cold_ms", figures.lesson_open_cold_ms, coldOpens.map(Math.round).join(" "), TARGETS.lesson_open_ms],
    ["baseline_fcp_ms", figures.baseline_fcp_ms, baseline.map((r) => Math.round(r.fcp)).join(" "), undefined],
    ["baseline_kb", figures.baseline_kb, baseline.map((r) => kb(r.bytes)).join(" "), undefined],
  ];
  console.log(`\nMini app on an emulated low-end phone: 360×740, CPU ÷4, 150 ms latency, 1.6 Mbps down, 750 kbps up, no cache`);
  console.log(`${"figure".padEnd(20)}${"median".padStart(8)}   ${"target".padEnd(14)}each run`);
  for (const [name, value, runs, target] of rows) {
    const verdict = target === undefined ? "" : `≤ ${target} ${value <= target ? "ok" : "MISSED"}`;
    console.log(`${name.padEnd(20)}${String(value).padStart(8)}   ${verdict.padEnd(14)}${runs}`);
  }
  console.log(
    Object.entries(figures)
      .map(([key, value]) => `${key}=${value}`)
      .join(" "),
  );
}

async function main(): Promise<void> {
  const missing = ["mini-app/www/index.html", "content/dist/curriculum.json"].filter((built) => !existsSync(join(REPO, built)));
  if (missing.length > 0) {
    console.error(`Not built yet (${missing.join(", ")} missing): run \`npm run build\` at the repository root first.`);
    process.exitCode = 1;
    return;
  }
  // Head as in the mini app's index.html: a phone-width layout, and no favicon request.
  const baselinePage =
    '<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">' +
    '<link rel="icon" href="data:,"><title>Học Vụ Số</title><p>Học Vụ Số</p></html>';
  // The mini-app server serves only the build; the floor page gets its own server on the same host.
  const baselineServer = createServer((_, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" });
    response.end(baselinePage);
  });
  let system: StartedSystem | undefined;
  let browser: Browser | undefined;
  try {
    const baselinePort = await freePort();
    await new Promise<void>((resolve) => baselineServer.listen(baselinePort, "localhost", resolve));
    const baselineUrl = `http://localhost:${baselinePort}/`;
    console.log("Starting the system and Chromium…");
    system = await startSystem();
    browser = await launchChromium();
    const signedIn = await signInResident(system);
    const { token } = signedIn;
    // What the app keeps on the phone after sign-in (session.tsx).
    const session = JSON.stringify(signedIn);

    const home: HomeLoad[] = [];
    const baseline: HomeLoad[] = [];
    // Interleaved, so that whatever else the machine is doing weighs on both alike.
    for (let run = 1; run <= RUNS; run++) {
      baseline.push(await loadBaseline(browser, baselineUrl));
      const { phone, load } = await loadHome(browser, system, session);
      await phone.context.close();
      home.push(load);
      console.log(`run ${run}/${RUNS}: fcp ${Math.round(load.fcp)} ms, usable ${Math.round(load.usable)} ms, ${kb(load.bytes)} kB`);
    }

    const { courses } = await apiJson<CourseList>(`${system.apiUrl}/api/courses`, { token });
    // In course order, as a learner goes: the app has fetched each lesson ahead (home fetches the one to
    // continue, a lesson fetches the next). Then lessons it has not fetched ahead, from the last course
    // backwards, which is the network's full cost.
    const inOrder = courses.flatMap((c) => c.lessons.map((l) => l.title)).slice(0, LESSON_OPENS);
    const cold = [...(courses.at(-1)?.lessons ?? [])]
      .reverse()
      .map((l) => l.title)
      .slice(0, LESSON_OPENS);
    const { phone } = await loadHome(browser, system, session);
    const lessonOpens: number[] = [];
    const coldOpens: number[] = [];
    try {
      await phone.page.waitForLoadState("networkidle");
      for (const title of inOrder) lessonOpens.push(await openLesson(phone.page, title));
      for (const title of cold) coldOpens.push(await openLesson(phone.page, title));
    } finally {
      await phone.context.close();
    }
    console.log(
      `lesson opens in order: ${lessonOpens.map(Math.round).join(" ")} ms; not fetched ahead: ${coldOpens.map(Math.round).join(" ")} ms`,
    );

    report(home, baseline, lessonOpens, coldOpens);
  } finally {
    await browser?.close();
    await system?.stop();
    baselineServer.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
