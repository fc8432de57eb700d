import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Curriculum } from "@hvs/shared/content";
import type { Roster } from "@hvs/shared/team";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newPhone } from "../support/chromium";
import { back, inviteTo, screenChecks } from "../support/journey";
import { apiJson } from "../support/resident";
import { startedForFile } from "../support/started-for-file";
import { REPO } from "../support/started-system";

// The member is a demo resident of this village; the person the team signs up is one of the stand-in's
// Zalo users who has never opened the mini app, so that they can later claim the record with their Zalo.
const VILLAGE = "Thôn Đồng Tâm";
const MEMBER = "Trần Văn Hùng";
const RESIDENT = "Nông Thị Hoa";
const BIRTH_YEAR = "1962";

const started = startedForFile();

// Every screen photographed is also checked against WCAG 2.1 AA (axe-core); the problems are compared at the end.
const { look, problems: a11y } = screenChecks();

const sessionToken = (page: Page) =>
  page.evaluate(() => (JSON.parse(localStorage.getItem("hvs.session") ?? "{}") as { token?: string }).token ?? "");

/** Signs in on the demo screen (consent first), from an address that may carry a link. */
async function signIn(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.getByRole("button", { name: "Tôi đồng ý, bắt đầu học" }).click();
  await page.getByRole("button", { name, exact: true }).click();
}

describe("village digital technology team (Tổ công nghệ số)", () => {
  it("a member joins, signs a resident up, records a class, helps them through a quiz, reminds the village; the resident claims the record with their own Zalo", async () => {
    const curriculum = Curriculum.parse(JSON.parse(readFileSync(join(REPO, "content/dist/curriculum.json"), "utf8")));
    const course = curriculum.courses.find((c) => c.id === "vneid");
    const lesson = course?.lessons[0];
    const quiz = course?.quizzes.find((q) => q.id === lesson?.quiz);
    if (!course || !lesson || !quiz) throw new Error("the VNeID course needs a lesson with a quiz");

    const { villageId, code: invite } = inviteTo(started.system, VILLAGE, MEMBER);

    // The member opens the invitation link, signs in, and lands on the join screen with the code filled in.
    const phone = await newPhone(started.browser);
    const page = await phone.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    await signIn(page, `${started.system.miniAppUrl}/?invite=${invite}`, MEMBER);
    await expect
      .poll(() => page.locator("#invite-code").inputValue(), { timeout: 20_000 })
      .toBe(`${invite.slice(0, 4)}-${invite.slice(4)}`);
    await look(page, "49-team-join");
    await page.getByRole("button", { name: "Tham gia Tổ" }).click();

    // The hub: the village, its QR code (a real image) and the poster.
    await page.getByRole("heading", { name: VILLAGE }).waitFor();
    const qr = page.getByRole("img", { name: `Mã QR mở Học Vụ Số cho ${VILLAGE}` });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await page.getByText(`?village=${villageId}`).waitFor();
    await page.getByRole("button", { name: "Mở trang in áp phích" }).waitFor();
    await look(page, "50-team-hub");
    await page.getByRole("button", { name: "Mở trang in áp phích" }).scrollIntoViewIfNeeded();
    await look(page, "50b-team-hub-qr");
    const memberToken = await sessionToken(page);

    // Sign a resident up: the consent text read to them, a tick, and a claim code shown large.
    await page.getByRole("button", { name: "Đăng ký người dân" }).click();
    await page.getByLabel("Họ và tên").fill(RESIDENT);
    await page.getByLabel("Năm sinh").fill(BIRTH_YEAR);
    await page.getByRole("heading", { name: "Lưu những gì?" }).waitFor();
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await page.getByText("Hãy đọc cho người dân nghe phần trên và đánh dấu khi họ đồng ý.").waitFor();
    await page.getByLabel("Người dân đã nghe nội dung trên và đồng ý.").check();
    await page.getByLabel("Họ và tên").scrollIntoViewIfNeeded();
    await look(page, "52-register");
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    const codeShown = (await page.getByTestId("claim-code").textContent()) ?? "";
    expect(codeShown).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await page.getByText(/Hãy viết mã này ra giấy/).waitFor();
    await look(page, "52b-register-code");
    await page.getByRole("button", { name: "Về Tổ công nghệ số" }).click();

    // The roster finds them, without diacritics, as not using Zalo yet.
    await page.getByRole("button", { name: "Danh sách người dân" }).click();
    await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill("nong thi");
    const row = page.locator(".resident", { hasText: RESIDENT });
    await row.getByText("Chưa dùng Zalo").waitFor();
    await expect.poll(() => page.locator(".resident").count()).toBe(1);
    await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill("");
    await expect.poll(() => page.locator(".resident").count()).toBeGreaterThan(1);
    await look(page, "51-roster");
    await back(page);

    // A class held today on the lesson, with the resident attending.
    await page.getByRole("button", { name: "Ghi nhận buổi học" }).click();
    await page.locator("#class-course").selectOption(course.id);
    await page.locator("#class-lesson").selectOption(lesson.id);
    await page.getByLabel("Tìm người trong thôn").fill("nong");
    await page.getByRole("button", { name: new RegExp(RESIDENT) }).click();
    await page.getByRole("button", { name: `Bỏ chọn ${RESIDENT}` }).waitFor();
    await look(page, "53-class");
    await page.getByRole("button", { name: "Lưu buổi học (1 người)" }).click();
    await page.getByText(new RegExp(`Đã ghi nhận buổi học ngày .*${lesson.title}.*1 người tham dự`)).waitFor();
    await page.locator(".class-list").getByText(`Ghi bởi ${MEMBER}`).waitFor();
    await back(page);

    // Assisted learning: the phone becomes the resident's, with the banner, for a lesson and its quiz.
    await page.getByRole("button", { name: "Danh sách người dân" }).click();
    await row.getByRole("button", { name: "Học cùng" }).click();
    await page.getByText(`Xin chào, ${RESIDENT}!`).waitFor();
    const banner = page.getByRole("region", { name: "Đang học cùng" });
    await banner.getByText(`Đang học cùng ${RESIDENT} · ${MEMBER} giúp`).waitFor();
    expect(await page.getByRole("button", { name: "Mở Tổ công nghệ số" }).count()).toBe(0);
    await page.locator(".lesson-row", { hasText: lesson.title }).getByRole("button", { name: "Học bài này" }).click();
    await page.getByRole("heading", { name: lesson.title }).waitFor();
    // Finished without a signal: the phone cannot go back to the member while the resident's results wait.
    await phone.setOffline(true);
    await page.getByRole("button", { name: /Tôi đã học xong/ }).click();
    await page.getByText(quiz.questions[0]?.prompt ?? "", { exact: true }).waitFor();
    await banner.getByRole("button", { name: "Kết thúc học cùng" }).click();
    await banner.getByText(/Còn \d+ kết quả học chưa gửi lên máy chủ/).waitFor();
    expect(await sessionToken(page)).not.toBe(memberToken);
    await phone.setOffline(false);
    // Back online, the waiting results go up by themselves and the warning goes with them.
    await banner.getByText(/Còn \d+ kết quả học chưa gửi/).waitFor({ state: "detached", timeout: 20_000 });
    for (const [index, question] of quiz.questions.entries()) {
      await page.getByText(question.prompt, { exact: true }).waitFor();
      for (const option of question.options.filter((o) => o.correct)) {
        await page.getByRole("button", { name: option.text, exact: true }).click();
      }
      await page.getByRole("button", { name: "Trả lời" }).click();
      await page.getByText("Đúng rồi!").waitFor();
      if (index === 0) await look(page, "54-assisted");
      await page.getByRole("button", { name: index === quiz.questions.length - 1 ? "Xem kết quả" : "Câu tiếp theo" }).click();
    }
    await page.getByText("Chúc mừng! Bạn đã đạt.").waitFor();
    await banner.getByRole("button", { name: "Kết thúc học cùng" }).click();

    // Back to the member's own session, on the team screen; the resident's copies left the phone.
    await page.getByText(`Đã kết thúc học cùng ${RESIDENT}.`, { exact: false }).waitFor();
    await page.getByRole("heading", { name: VILLAGE }).waitFor();
    await look(page, "54b-assisted-ended");
    expect(await banner.count()).toBe(0);
    expect(await sessionToken(page)).toBe(memberToken);
    const residentKeys = await page.evaluate(() =>
      Object.keys(localStorage).filter((key) => /^hvs\.(read|outbox|attempts)\./.test(key) && !key.includes("hvs.read-index")),
    );
    const before = await apiJson<Roster>(`${started.system.apiUrl}/api/team/roster?q=${encodeURIComponent(RESIDENT)}`, {
      token: memberToken,
    });
    const residentId = before.residents[0]?.learnerId;
    expect(residentKeys.filter((key) => key.split(".")[2] === String(residentId))).toEqual([]);
    expect(before.residents[0]?.lessonsCompleted).toBeGreaterThanOrEqual(1);

    // A reminder to the whole village: the template is checked and previewed as it is typed.
    await page.getByRole("button", { name: "Đợt nhắc học" }).click();
    await page.getByRole("button", { name: "Tạo đợt nhắc mới" }).click();
    await page.getByLabel("Mọi người trong thôn").check();
    await page
      .getByTestId("template-preview")
      .getByText(/^Chào Nguyễn Văn A, Tổ công nghệ số/)
      .waitFor();
    const template = page.getByLabel("Lời nhắn");
    await template.fill("Chào {tne}, mời bạn học tiếp bài “{bai_tiep}” nhé!");
    await page.getByText('Không có ô "{tne}". Chỉ dùng được {ten} và {bai_tiep}.').waitFor();
    expect(await page.getByRole("button", { name: "Gửi đợt nhắc" }).isDisabled()).toBe(true);
    await template.fill("Chào {ten}, mời bạn học tiếp bài “{bai_tiep}” nhé!");
    await page
      .getByTestId("template-preview")
      .getByText(/^Chào Nguyễn Văn A, mời bạn học tiếp bài “/)
      .waitFor();
    await page.getByRole("button", { name: "Gửi đợt nhắc" }).click();
    await page.getByRole("heading", { name: "Mọi người trong thôn" }).waitFor();
    await page.getByText("Quay lại học trong 7 ngày").waitFor();
    // The campaign job starts it at once: the people it reaches appear, each with what happened.
    await page.locator(".recipient").first().waitFor({ timeout: 20_000 });
    await look(page, "55-campaign");
    await back(page);
    await page.locator(".campaign", { hasText: "Mọi người trong thôn" }).waitFor();
    // Home offers the team's screen to a member, and only to a member.
    await back(page);
    await page.getByRole("heading", { name: VILLAGE }).waitFor();
    await back(page);
    await page.getByRole("button", { name: "Mở Tổ công nghệ số" }).waitFor();
    await look(page, "57-home-member");
    expect(problems).toEqual([]);

    // The resident, on their own phone with their own Zalo, opens the claim link and enters the code.
    const own = await newPhone(started.browser);
    const residentPage = await own.newPage();
    residentPage.on("pageerror", (error) => problems.push(error.message));
    await signIn(residentPage, `${started.system.miniAppUrl}/?claim=${codeShown}`, RESIDENT);
    await expect.poll(() => residentPage.locator("#claim-code").inputValue(), { timeout: 20_000 }).toBe(codeShown);
    await look(residentPage, "56-claim");
    await residentPage.getByRole("button", { name: "Nhận tài khoản" }).click();
    await residentPage.getByText(`Xin chào, ${RESIDENT}!`).waitFor();
    await residentPage.getByText(VILLAGE, { exact: true }).waitFor();
    // What was learned with the team's help is theirs.
    await residentPage
      .locator(".lesson-row", { hasText: lesson.title })
      .getByText(/Đã học xong ✓ · Đã đạt bài kiểm tra ✓/)
      .waitFor();

    // Still one record for that person, now using Zalo, with the birth year the team entered.
    const after = await apiJson<Roster>(`${started.system.apiUrl}/api/team/roster?q=${encodeURIComponent(RESIDENT)}`, {
      token: memberToken,
    });
    expect(after.residents).toHaveLength(1);
    expect(after.residents[0]).toMatchObject({ displayName: RESIDENT, birthYear: Number(BIRTH_YEAR), usesZalo: true });
    expect(after.residents[0]?.lessonsCompleted).toBeGreaterThanOrEqual(1);
    expect(problems).toEqual([]);
    expect(a11y).toEqual([]);
    await own.close();
    await phone.close();
  });
});
