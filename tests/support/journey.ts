import type { Page } from "playwright-core";
import { expect } from "vitest";
import { accessibilityProblems } from "./axe";
import { runOnDatabase } from "./campaign-setup";
import { shot } from "./started-for-file";
import type { StartedSystem } from "./started-system";

/**
 * What the browser journeys share: photographing a screen and checking it against WCAG 2.1 AA (the
 * problems are compared at the end of the journey), the header's back arrow, and the setup command run on
 * the started demo's database as an administrator would.
 */
export function screenChecks() {
  const problems: string[] = [];
  return {
    problems,
    async look(page: Page, name: string) {
      await shot(page, name);
      problems.push(...(await accessibilityProblems(page)).map((problem) => `${name}: ${problem}`));
    },
  };
}

/** The header's back arrow, once the previous screen has finished sliding away (until then there are two). */
export async function back(page: Page) {
  const arrow = page.getByRole("button", { name: "Quay lại" });
  await expect.poll(() => arrow.count()).toBe(1);
  await arrow.click();
}

/** The bot-server's setup command on the started system's database. */
export function setupOn(system: StartedSystem, ...args: string[]): string {
  const database = /Dữ liệu \(SQLite\):\s+(\S+)/.exec(system.output())?.[1];
  if (!database) throw new Error(`the demo did not say where its database is:\n${system.output()}`);
  return runOnDatabase(database.replace(/^file:/, ""), "cli/setup.ts", ...args);
}

/** An invitation code to the village team of `village` (its name) for `name`, and the village's id. */
export function inviteTo(system: StartedSystem, village: string, name: string): { villageId: string; code: string } {
  const villageId = new RegExp(`Thôn (\\d+): ${village}`).exec(setupOn(system, "list"))?.[1];
  const code = /Mã mời: (\S+)/.exec(setupOn(system, "invite", villageId ?? "", name))?.[1];
  if (!villageId || !code) throw new Error(`setup did not print ${village} or an invitation code`);
  return { villageId, code };
}
