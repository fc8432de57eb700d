import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

declare global {
  interface Window {
    axe?: { run: (context: unknown, options: unknown) => Promise<{ violations: Violation[] }> };
  }
}

/**
 * Runs axe-core's WCAG 2.1 A and AA rules on the screen as it is, and returns one line per problem (empty
 * when there is none), naming the rule and the elements so a failure says what to fix.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: axePath });
  const { violations } = await page.evaluate(() =>
    (window.axe as NonNullable<Window["axe"]>).run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    }),
  );
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(" ")}`));
}

/** True when the screen is no wider than the viewport: nothing is cut off or needs sideways scrolling. */
export async function fitsWidth(page: Page): Promise<{ scrollWidth: number; viewport: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}
