import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS } from "../support/chromium";
import { screenChecks } from "../support/journey";
import { startedForFile } from "../support/started-for-file";

// The demo with its invented months of history: a dashboard with a trend, a funnel and lists to open.
const started = startedForFile({ DEMO_HISTORY: "on" });

const { look, problems: a11y } = screenChecks();

/** The village table's figure in one cell, as a number (the page writes 1.234 the Vietnamese way). */
async function cell(page: Page, village: string, selector: string): Promise<number> {
  const text = await page.locator(`#villages tr:has(td:text-is("${village}")) ${selector}`).first().textContent();
  return Number((text ?? "").replace(/\./g, "").replace(",", ".").replace("%", "").trim());
}

async function signIn(page: Page) {
  await page.goto(`${started.system.apiUrl}/admin`);
  await page.fill("#username", started.system.staff.username);
  await page.fill("#password", started.system.staff.password);
  await page.click("button[type=submit]");
  await page.waitForURL(`${started.system.apiUrl}/admin`);
}

describe("commune dashboard", () => {
  it("shows the rates against 80%, explains every number with its people, and exports what it shows", async () => {
    const page = await started.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", acceptDownloads: true });
    await signIn(page);
    await page.getByRole("heading", { name: /kết quả phong trào Bình dân học vụ số/ }).waitFor();
    await look(page, "60-dashboard");

    // The commune line adds up its villages.
    const villages = await page.locator("#villages tbody tr td:first-child").allTextContents();
    expect(villages).toEqual(["Làng Kon Sơ", "Thôn Đồng Tâm", "Thôn Hòa Hợp"]);
    let sum = 0;
    for (const v of villages) sum += await cell(page, v, 'td[data-count="tookPart"]');
    const total = Number(((await page.locator('#villages tfoot td[data-count="tookPart"]').textContent()) ?? "").replace(/\./g, ""));
    expect(total).toBe(sum);
    expect(total).toBeGreaterThan(300);

    // A number opens the people behind it, with the rule that counted them.
    const participants = await cell(page, "Thôn Hòa Hợp", 'td[data-count="tookPart"]');
    await page.locator('#villages tr:has(td:text-is("Thôn Hòa Hợp")) td[data-count="tookPart"] a').click();
    await page.getByText("Quy tắc tính:").waitFor();
    expect(Number(await page.locator("#people-total").textContent())).toBe(participants);
    await expect.poll(() => page.locator("#people tbody tr").count()).toBe(Math.min(100, participants));
    await look(page, "61-people");

    // Weekly trend for one village over the last 8 weeks.
    await page.goto(`${started.system.apiUrl}/admin`);
    await page.selectOption("#by", "week");
    await page.selectOption("#village", { label: "Làng Kon Sơ" });
    await page.getByRole("button", { name: "Xem" }).click();
    await page.getByRole("heading", { name: /Diễn biến theo tuần \(Làng Kon Sơ\)/ }).waitFor();
    await look(page, "62-dashboard-weekly");

    // The XLSX the page offers holds the page's figures.
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "CSV", exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^bao-cao-binh-dan-hoc-vu-so-\d{4}-\d{2}-\d{2}-den-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path()) ?? "", "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const line = csv.split("\r\n").find((l) => l.startsWith("Thôn Hòa Hợp,"));
    expect(line?.split(",")[2]).toBe(String(participants));
    await page.close();
  });

  it("keeps the population figures as a history, from the form and from a file", async () => {
    const page = await started.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    await signIn(page);
    await page.getByRole("link", { name: "Số người trưởng thành" }).click();
    const row = page.locator('#populations tr:has(td:text-is("Làng Kon Sơ"))');
    await row.getByLabel("Số người").fill("250");
    await row.getByRole("button", { name: "Lưu" }).click();
    await page.getByText("Đã lưu.").waitFor();
    expect((await row.locator("td").nth(1).textContent())?.trim()).toBe("250");

    // A file with one wrong line stores nothing and says which line.
    const bad = join(ARTIFACTS, "dan-so-loi.csv");
    writeFileSync(
      bad,
      "\uFEFFThôn;Số người trưởng thành;Áp dụng từ ngày\r\nThôn Đồng Tâm;430;01/01/2026\r\nThôn Không Có;12;01/01/2026\r\n",
    );
    await page.setInputFiles("#file", bad);
    await page.getByRole("button", { name: "Nhập" }).click();
    await page.getByText("Dòng 3: không có thôn \u201cThôn Không Có\u201d trong xã.").waitFor();
    await look(page, "63-populations-import-error");
    const good = join(ARTIFACTS, "dan-so.csv");
    writeFileSync(
      good,
      "\uFEFFThôn;Số người trưởng thành;Áp dụng từ ngày\r\nThôn Đồng Tâm;430;01/01/2026\r\nthon hoa hop;1.020;01/01/2026\r\n",
    );
    await page.setInputFiles("#file", good);
    await page.getByRole("button", { name: "Nhập" }).click();
    await page.getByText("Đã nhập 2 dòng.").waitFor();
    expect((await page.locator('#populations tr:has(td:text-is("Thôn Hòa Hợp")) td').nth(1).textContent())?.trim()).toBe("1.020");
    await expect.poll(() => page.locator("#population-history tbody tr").count()).toBe(6);
    await look(page, "64-populations");

    // The phone of a staff member on the road: the dashboard still reads.
    const phone = await started.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, locale: "vi-VN" });
    await signIn(phone);
    await look(phone, "65-dashboard-phone");
    await phone.close();
    await page.close();
    expect(a11y).toEqual([]);
  });
});
