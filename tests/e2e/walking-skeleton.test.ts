import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Curriculum } from "@hvs/shared/content";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, newPhone } from "../support/chromium";
import { shot, startedForFile } from "../support/started-for-file";
import { REPO } from "../support/started-system";

// The demo resident and village the journey follows; the village starts with nobody taking part.
const RESIDENT = "Nguyễn Thị Lan";
const VILLAGE = "Thôn Đồng Tâm";

const started = startedForFile();

/** The phone's copies of a learner's screens, unsent results and quiz answers. */
const keptOnPhone = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => /^hvs\.(read|read-index|outbox|attempts)\./.test(key)));

async function villageParticipants(page: Page): Promise<string> {
  await page.goto(`${started.system.apiUrl}/admin`);
  return (await page.locator(`#villages tr:has(td:text-is("${VILLAGE}")) td[data-count="tookPart"]`).textContent())?.trim() ?? "";
}

describe("walking skeleton", () => {
  it("a resident reads the lesson and passes the quiz, and the village's participation goes from 0 to 1", async () => {
    const curriculum = Curriculum.parse(JSON.parse(readFileSync(join(REPO, "content/dist/curriculum.json"), "utf8")));
    const course = curriculum.courses.find((c) => c.id === "vneid");
    const lesson = course?.lessons[0];
    const quiz = course?.quizzes.find((q) => q.id === lesson?.quiz);
    if (!lesson || !quiz) throw new Error("the VNeID course needs a lesson with a quiz");

    // Staff: sign in to /admin and read the village's count before.
    const admin = await started.browser.newPage({ viewport: { width: 1024, height: 700 } });
    await admin.goto(`${started.system.apiUrl}/admin`);
    await admin.fill("#username", started.system.staff.username);
    await admin.fill("#password", started.system.staff.password);
    await admin.click("button[type=submit]");
    await admin.waitForURL(`${started.system.apiUrl}/admin`);
    expect(await villageParticipants(admin)).toBe("0");
    await shot(admin, "01-admin-before");

    // Resident: a cheap phone's screen.
    const phone = await newPhone(started.browser);
    const page = await phone.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(started.system.miniAppUrl);

    // Consent comes first: nothing is fetched or stored before an explicit tap.
    await page.getByRole("heading", { name: "Trước khi bắt đầu" }).waitFor({ timeout: 20_000 });
    await shot(page, "02a-consent");
    await page.getByRole("button", { name: "Tôi đồng ý, bắt đầu học" }).click();
    await expect.poll(() => page.getByText("CHẾ ĐỘ MINH HỌA").isVisible(), { timeout: 20_000 }).toBe(true);
    await shot(page, "02-demo-sign-in");
    await page.getByRole("button", { name: RESIDENT }).click();

    await page.getByText(`Xin chào, ${RESIDENT}!`).waitFor();
    await page.getByRole("heading", { name: course?.title ?? "" }).waitFor();
    await shot(page, "03-home");
    const lessonRow = page.locator(".lesson-row", { hasText: lesson.title });
    await lessonRow.getByRole("button", { name: "Học bài này" }).click();

    await page.getByRole("heading", { name: lesson.title }).waitFor();
    await expect.poll(() => page.locator(".lesson-body h2").count()).toBeGreaterThan(1);
    await page.getByRole("button", { name: "Chữ to hơn" }).click();
    await expect.poll(() => page.locator(".lesson-body").getAttribute("class")).toContain("text-xlarge");
    await page.getByRole("button", { name: "Bài sau →" }).waitFor();
    await shot(page, "04-lesson");
    // The illustration is inlined in the lesson and actually decodes (a broken image has no width).
    const illustration = page.locator(".lesson-body img").first();
    await illustration.scrollIntoViewIfNeeded();
    await expect.poll(() => illustration.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await illustration.screenshot({ path: join(ARTIFACTS, "04b-lesson-illustration.png") });
    await page.getByRole("button", { name: /Tôi đã học xong/ }).click();

    for (const [index, question] of quiz.questions.entries()) {
      await page.getByText(question.prompt, { exact: true }).waitFor();
      for (const option of question.options.filter((o) => o.correct)) {
        await page.getByRole("button", { name: option.text, exact: true }).click();
      }
      await page.getByRole("button", { name: "Trả lời" }).click();
      await page.getByText("Đúng rồi!").waitFor();
      // The explanation of the right answer is shown once the answer is locked in.
      const right = question.options.find((o) => o.correct);
      await page
        .getByText(right?.explanation ?? "")
        .first()
        .waitFor();
      if (index === 0) await shot(page, "05-quiz-feedback");
      const last = index === quiz.questions.length - 1;
      await page.getByRole("button", { name: last ? "Xem kết quả" : "Câu tiếp theo" }).click();
    }

    await page.getByText("Chúc mừng! Bạn đã đạt.").waitFor();
    await page.getByText(`Đúng ${quiz.questions.length} / ${quiz.questions.length} câu (100%)`).waitFor();
    await shot(page, "06-result");

    // Back home, the lesson and its quiz show as done.
    await page.getByRole("button", { name: "Về trang chủ" }).click();
    await lessonRow.getByText(/Đã học xong ✓ · Đã đạt bài kiểm tra ✓/).waitFor();
    await lessonRow.getByRole("button", { name: "Học lại bài này" }).waitFor();
    expect(problems).toEqual([]);

    // Staff again: the village now counts one participant.
    expect(await villageParticipants(admin)).toBe("1");
    await shot(admin, "07-admin-after");
  });

  it("a resident sees what is held about them and deletes it", async () => {
    const phone = await newPhone(started.browser);
    const page = await phone.newPage();
    await page.goto(started.system.miniAppUrl);
    await page.getByRole("button", { name: "Tôi đồng ý, bắt đầu học" }).click();
    await page.getByRole("button", { name: "Trần Văn Hùng" }).click();
    await page.getByText("Xin chào, Trần Văn Hùng!").waitFor();
    // zmp-sdk answers for Zalo on localhost; this checks the buttons are wired, not Zalo itself.
    await page.getByRole("button", { name: "Thêm Học Vụ Số ra màn hình chính" }).click();
    await page.getByText("Đã thêm Học Vụ Số ra màn hình chính.").waitFor();
    await page.getByRole("button", { name: "Quan tâm trang Zalo của xã" }).waitFor();
    await page.getByRole("button", { name: "Dữ liệu của tôi" }).click();

    await page.getByText("Tên: Trần Văn Hùng").waitFor();
    await page.getByText("Thôn: Thôn Đồng Tâm").waitFor();
    await page.getByText("Bài đã học xong (0)").waitFor();
    await page.getByText(/Đồng ý lưu dữ liệu: \d/).waitFor();
    await shot(page, "08-my-data");

    expect((await keptOnPhone(page)).length).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Xóa dữ liệu của tôi" }).click();
    await page.getByText("Bạn chắc chắn muốn xóa?").waitFor();
    await shot(page, "09-my-data-confirm");
    await page.getByRole("button", { name: "Xóa hẳn" }).click();

    // Back at the start, told what happened; the old session no longer works.
    await page.getByText(/Đã xóa dữ liệu của bạn/).waitFor();
    await page.getByText("CHẾ ĐỘ MINH HỌA").waitFor();
    await shot(page, "10-after-delete");
    expect(await page.evaluate(() => localStorage.getItem("hvs.session"))).toBeNull();
    // What the phone kept of them (copies of screens, unsent results, quiz answers) is gone too.
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((key) => /^hvs\.(read|read-index|outbox|attempts)\./.test(key))),
    ).toEqual([]);

    // Signing in again is a new learner with no village; a village team's link offers its village first.
    await page.getByRole("button", { name: "Trần Văn Hùng" }).click();
    await page.getByRole("heading", { name: "Bạn sống ở thôn nào?" }).waitFor();
    const villages = await page.evaluate(async (api) => {
      const { token } = JSON.parse(localStorage.getItem("hvs.session") ?? "{}") as { token?: string };
      const response = await fetch(`${api}/api/villages`, { headers: { Authorization: `Bearer ${token}` } });
      return ((await response.json()) as { communes: { villages: { id: number; name: string }[] }[] }).communes[0]?.villages ?? [];
    }, started.system.apiUrl);
    const hoaHop = villages.find((v) => v.name === "Thôn Hòa Hợp");
    await page.goto(`${started.system.miniAppUrl}/?village=${hoaHop?.id}`);
    await page.getByRole("button", { name: "Đúng, tôi ở Thôn Hòa Hợp" }).click();
    await page.getByText("Xin chào, Trần Văn Hùng!").waitFor();
    await page.getByText("Thôn Hòa Hợp", { exact: true }).waitFor();
    await phone.close();
  });
});
