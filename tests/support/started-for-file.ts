import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { ARTIFACTS, launchChromium } from "./chromium";
import { type StartedSystem, startSystem } from "./started-system";

/**
 * The started system and a Chromium, shared by the tests of one file: started before the first, stopped
 * after the last. Stopping sends Ctrl-C, which must end every process cleanly (exit code 0).
 */
export function startedForFile(env: Record<string, string> = {}): { readonly system: StartedSystem; readonly browser: Browser } {
  const started = {} as { system: StartedSystem; browser: Browser };
  beforeAll(async () => {
    started.system = await startSystem(env);
    started.browser = await launchChromium();
  });
  afterAll(async () => {
    await started.browser?.close();
    if (started.system) expect(await started.system.stop(), started.system.output()).toBe(0);
  });
  return started;
}

/** A full-page screenshot in tests/artifacts, after zmp-ui's JavaScript page slide has settled. */
export async function shot(page: Page, name: string) {
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
