import type { Me } from "@hvs/shared/api";
import { CONSENT_VERSION } from "@hvs/shared/consent";
import type { ProfileList, TaskList } from "@hvs/shared/family";
import type { TeamHome } from "@hvs/shared/team";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newPhone } from "../support/chromium";
import { back, inviteTo, screenChecks } from "../support/journey";
import { apiJson, signInResident } from "../support/resident";
import { startedForFile } from "../support/started-for-file";

// The owner and the team member live in the same village; the other village's member must see nothing.
const VILLAGE = "Thôn Đồng Tâm";
const OWNER = "Nguyễn Thị Lan";
const MEMBER = "Trần Văn Hùng";
const OTHER_VILLAGE = "Thôn Hòa Hợp";
const OTHER_MEMBER = "Lê Thị Mai";
const CHILD = "Nguyễn Văn Tú";
const PIN = "2468";
const HOUSEHOLD = "Hộ bà Lan";

const started = startedForFile();

const { look, problems: a11y } = screenChecks();
const invite = (village: string, name: string) => inviteTo(started.system, village, name).code;

const stored = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem("hvs.session") ?? "{}") as { token?: string; me?: Me | null });

async function signIn(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.getByRole("button", { name: "Tôi đồng ý, bắt đầu học" }).click();
  await page.getByRole("button", { name, exact: true }).click();
}

async function typePin(page: Page, pin: string) {
  for (const digit of pin) await page.getByRole("button", { name: digit, exact: true }).click();
}

/** Ticks every statement of a task's self-check and marks it done. */
async function selfCheck(page: Page, taskId: string) {
  const card = page.getByTestId(`task-${taskId}`);
  await card.getByRole("button", { name: "Tôi đã làm việc này" }).click();
  const mark = card.getByRole("button", { name: "Đánh dấu đã làm" });
  const boxes = card.getByRole("checkbox");
  const count = await boxes.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    expect(await mark.isDisabled()).toBe(true);
    await boxes.nth(i).check();
  }
  expect(await mark.isDisabled()).toBe(false);
  return { card, mark };
}

describe("a family phone, real tasks and households", () => {
  it("the owner adds a family member with a PIN, who learns as themselves; the team counts the household and confirms tasks", async () => {
    const problems: string[] = [];
    const phone = await newPhone(started.browser);
    const page = await phone.newPage();
    page.on("pageerror", (error) => problems.push(error.message));

    // The owner signs in; one learner on the account, so no question who is learning.
    await signIn(page, started.system.miniAppUrl, OWNER);
    await page.getByText(`Xin chào, ${OWNER}!`).waitFor();
    expect(await page.getByRole("button", { name: "Đổi người học" }).count()).toBe(0);
    await page.getByRole("button", { name: "Thêm người trong nhà cùng học" }).click();
    await page.getByRole("button", { name: "+ Thêm người trong gia đình" }).click();

    // A family member, with a PIN, agreeing to the same consent text in front of the owner.
    await page.getByLabel("Tên người học").fill(CHILD);
    await page.getByLabel("Mã PIN 4 số (không bắt buộc)").fill(PIN);
    await page.getByRole("heading", { name: "Lưu những gì?" }).waitFor();
    await page.getByRole("button", { name: "Thêm người học" }).click();
    await page.getByText("Hãy đọc cho người đó nghe phần trên và đánh dấu khi họ đồng ý.").waitFor();
    await page.getByLabel("Người này đã nghe nội dung trên và đồng ý.").check();
    await page.getByLabel("Tên người học").scrollIntoViewIfNeeded();
    await look(page, "70-profile-add");
    await page.getByRole("button", { name: "Thêm người học" }).click();
    await page.getByRole("heading", { name: "Ai đang học?" }).waitFor();
    await page.getByRole("button", { name: new RegExp(CHILD) }).waitFor();

    // The app opens again: "Ai đang học?" before home, the owner first.
    await page.reload();
    await page.getByRole("heading", { name: "Ai đang học?" }).waitFor();
    const tiles = page.locator(".profile-tile");
    await expect.poll(() => tiles.count()).toBe(2);
    expect(await tiles.first().textContent()).toContain(OWNER);
    await look(page, "71-who-is-learning");

    // A wrong PIN says so and stays; the right one switches.
    await page.getByRole("button", { name: new RegExp(CHILD) }).click();
    await page.getByRole("heading", { name: `Mã PIN của ${CHILD}` }).waitFor();
    await typePin(page, "1111");
    await page.getByText("Mã PIN không đúng. Vui lòng thử lại.").waitFor();
    await look(page, "72-pin-wrong");
    const ownerToken = (await stored(page)).token;
    await typePin(page, PIN);
    await page.getByText(`Xin chào, ${CHILD}!`).waitFor();
    const child = await stored(page);
    expect(child.token).not.toBe(ownerToken);
    expect(child.me?.family).toEqual({ profileCount: 2, isOwner: false });
    await look(page, "73-home-family");

    // The family member ticks a real task, takes the tick back, and ticks it again.
    await page.getByRole("button", { name: "Xem việc làm thật" }).click();
    await page.getByRole("heading", { name: "Việc làm thật", level: 1 }).waitFor();
    let { card, mark } = await selfCheck(page, "zalo");
    await card.scrollIntoViewIfNeeded();
    await look(page, "74-self-check");
    await mark.click();
    await card.getByText("Đã tự đánh dấu", { exact: true }).waitFor();
    await card.getByRole("button", { name: "Bỏ đánh dấu" }).click();
    await card.getByText("Chưa làm", { exact: true }).waitFor();
    ({ mark } = await selfCheck(page, "zalo"));
    await mark.click();
    await card.getByText("Đã tự đánh dấu", { exact: true }).waitFor();
    const childTasks = await apiJson<TaskList>(`${started.system.apiUrl}/api/tasks`, { token: child.token });
    expect(childTasks.tasks.find((t) => t.id === "zalo")?.status).toBe("self_reported");

    // Back to the owner (no PIN): their own tasks are untouched.
    await back(page);
    await page.getByRole("button", { name: "Đổi người học" }).click();
    await page.getByRole("button", { name: new RegExp(OWNER) }).click();
    await page.getByText(`Xin chào, ${OWNER}!`).waitFor();
    const owner = await stored(page);
    const ownerTasks = await apiJson<TaskList>(`${started.system.apiUrl}/api/tasks`, { token: owner.token });
    expect(ownerTasks.tasks.every((t) => t.status === "none")).toBe(true);

    // The owner removes the family member's profile, after a warning of what goes with it.
    await page.getByRole("button", { name: "Đổi người học" }).click();
    const row = page.getByTestId("manage-profile").filter({ hasText: CHILD });
    await row.getByRole("button", { name: "Xóa người học này" }).click();
    await row.getByText(/chứng nhận của Nguyễn Văn Tú sẽ bị xóa\. Những người khác trong gia đình không bị ảnh hưởng/).waitFor();
    await row.scrollIntoViewIfNeeded();
    await look(page, "75-remove-profile");
    await row.getByRole("button", { name: "Xóa hẳn" }).click();
    await page.getByText(`Đã xóa ${CHILD} và dữ liệu học của người này.`).waitFor();
    const left = await apiJson<ProfileList>(`${started.system.apiUrl}/api/profiles`, { token: owner.token });
    expect(left.profiles.map((p) => p.displayName)).toEqual([OWNER]);
    await expect.poll(async () => (await stored(page)).me?.family.profileCount).toBe(1);
    // The family member's session went with their profile.
    const gone = await fetch(`${started.system.apiUrl}/api/me`, { headers: { Authorization: `Bearer ${child.token}` } });
    expect(gone.status).toBe(401);
    // The owner sets a PIN of their own (typed twice), then takes it off again.
    const own = page.getByTestId("manage-profile").filter({ hasText: OWNER });
    await own.getByRole("button", { name: "Đặt mã PIN" }).click();
    await page.getByRole("heading", { name: `Mã PIN mới cho ${OWNER}` }).waitFor();
    await typePin(page, "1357");
    await page.getByRole("heading", { name: "Nhập lại mã PIN đó" }).waitFor();
    await typePin(page, "1357");
    await page.getByText(`Đã đặt mã PIN cho ${OWNER}.`).waitFor();
    await own.getByText("Có mã PIN", { exact: true }).waitFor();
    await own.getByRole("button", { name: "Bỏ mã PIN" }).click();
    await page.getByText(`Đã bỏ mã PIN của ${OWNER}.`).waitFor();
    await back(page);

    // A team member of the village makes a household and shows its code.
    const teamPhone = await newPhone(started.browser);
    const team = await teamPhone.newPage();
    team.on("pageerror", (error) => problems.push(error.message));
    const code = invite(VILLAGE, MEMBER);
    await signIn(team, `${started.system.miniAppUrl}/?invite=${code}`, MEMBER);
    await expect.poll(() => team.locator("#invite-code").inputValue(), { timeout: 20_000 }).not.toBe("");
    await team.getByRole("button", { name: "Tham gia Tổ" }).click();
    await team.getByRole("heading", { name: VILLAGE }).waitFor();
    await team.getByRole("button", { name: "Hộ gia đình" }).click();
    await team.getByRole("heading", { name: "0 / 0 hộ đã được tính" }).waitFor();
    await team.getByRole("button", { name: "+ Thêm hộ gia đình" }).click();
    await team.getByLabel("Tên hộ").fill(HOUSEHOLD);
    await team.getByRole("button", { name: "Lưu hộ mới" }).click();
    await team.getByRole("button", { name: new RegExp(HOUSEHOLD) }).click();
    await team.getByRole("heading", { name: HOUSEHOLD }).waitFor();
    await team.getByRole("button", { name: "Hiện mã vào hộ" }).click();
    const householdCode = (await team.getByTestId("household-code").textContent()) ?? "";
    expect(householdCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await look(team, "76-household-code");

    // The owner joins with it (typed as read aloud, lower case), and ticks a task.
    await page.getByRole("button", { name: "Xem việc làm thật" }).click();
    await page.getByLabel("Mã hộ gia đình").fill(householdCode.toLowerCase());
    await page.getByRole("button", { name: "Vào hộ" }).click();
    await page.getByText(HOUSEHOLD, { exact: true }).waitFor();
    await page.getByText(`${VILLAGE} · 1 người đã vào hộ`).waitFor();
    ({ mark } = await selfCheck(page, "zalo"));
    await mark.click();
    await page.getByTestId("task-zalo").getByText("Đã tự đánh dấu", { exact: true }).waitFor();

    // The team member sees her in the household, opens her tasks, and confirms what they saw her do.
    await back(team);
    await team.getByRole("button", { name: new RegExp(HOUSEHOLD) }).click();
    const member = team.getByTestId("household-member").filter({ hasText: OWNER });
    await member.getByText("◐ Tự đánh dấu · Cài và dùng được Zalo").waitFor();
    await member.getByRole("button", { name: "Xem và xác nhận việc làm" }).click();
    await team.getByRole("heading", { name: OWNER }).waitFor();
    const task = team.getByTestId("resident-task-zalo");
    await task.getByText(/Nhờ người dân tự mở Zalo/).waitFor();
    await task.getByRole("button", { name: "Xác nhận đã thấy làm" }).click();
    await task.getByText("Đã được Tổ xác nhận", { exact: true }).waitFor();
    await task.getByText(new RegExp(`${MEMBER} \\(Tổ công nghệ số\\) đã xác nhận ngày`)).waitFor();
    await look(team, "77-team-confirm");
    await back(team);
    await team.getByTestId("household-member").filter({ hasText: OWNER }).getByText("✓ Đã xác nhận · Cài và dùng được Zalo").waitFor();

    // The owner sees who confirmed it.
    await back(page);
    await page.getByRole("button", { name: "Xem việc làm thật" }).click();
    const confirmed = page.getByTestId("task-zalo");
    await confirmed.getByText(new RegExp(`${MEMBER} \\(Tổ công nghệ số\\) đã xác nhận`)).waitFor();
    await confirmed.scrollIntoViewIfNeeded();
    await look(page, "78-tasks-confirmed");

    // Through the API: a member cannot confirm their own task, and another village's member sees nobody here.
    const teamToken = (await stored(team)).token ?? "";
    const ownerId = owner.me?.id;
    const memberId = (await stored(team)).me?.id;
    const confirm = (token: string, learnerId: number | undefined) =>
      fetch(`${started.system.apiUrl}/api/team/residents/${learnerId}/tasks/zalo/confirm`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
      });
    expect((await confirm(teamToken, memberId)).status).toBe(403);
    const other = await signInResident(started.system, OTHER_MEMBER);
    expect(other.me.village?.name).toBe(OTHER_VILLAGE);
    await apiJson<TeamHome>(`${started.system.apiUrl}/api/team/join`, {
      method: "POST",
      token: other.token,
      body: { code: invite(OTHER_VILLAGE, OTHER_MEMBER) },
    });
    const refused = await confirm(other.token, ownerId);
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { code: string }).code).toBe("RESIDENT_NOT_FOUND");
    const still = await apiJson<TaskList>(`${started.system.apiUrl}/api/tasks`, { token: owner.token });
    expect(still.tasks.find((t) => t.id === "zalo")?.confirmedBy).toBe(MEMBER);

    // Five wrong PINs lock a profile for a while: the keypad says so and waits.
    await apiJson<ProfileList>(`${started.system.apiUrl}/api/profiles`, {
      method: "POST",
      token: owner.token,
      body: { displayName: "Nguyễn Thị Hoa", pin: "9999", consentVersion: CONSENT_VERSION },
    });
    await back(page);
    await page.getByRole("button", { name: "Thêm người trong nhà cùng học" }).click();
    await page.getByRole("button", { name: /Nguyễn Thị Hoa/ }).click();
    for (let i = 0; i < 5; i++) {
      await typePin(page, "0000");
      await page.getByText("Mã PIN không đúng. Vui lòng thử lại.").waitFor();
    }
    await typePin(page, "0000");
    await page.getByText("Nhập sai mã PIN quá nhiều lần. Hãy đợi 15 phút rồi thử lại.").waitFor();
    expect(await page.getByRole("button", { name: "1", exact: true }).isDisabled()).toBe(true);
    await look(page, "79-pin-locked");

    expect(problems).toEqual([]);
    expect(a11y).toEqual([]);
    await teamPhone.close();
    await phone.close();
  });
});
