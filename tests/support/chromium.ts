import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { REPO } from "./started-system";

export const ARTIFACTS = join(REPO, "tests", "artifacts");

/**
 * Debian's Chromium (installed by .ci/run), driven by playwright-core: no browser download. The flags keep
 * it from reaching for Google's services on a machine with no network.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A cheap Android phone's screen, 360×740, touch, Vietnamese. `zoom` 2 is the same phone with its text
 * and layout at 200% (half as many CSS pixels, twice the device pixels).
 */
export function newPhone(browser: Browser, zoom: 1 | 2 = 1): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360 / zoom, height: 740 / zoom },
    deviceScaleFactor: zoom,
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
  });
}
