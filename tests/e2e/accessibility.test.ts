import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Curriculum } from "@hvs/shared/content";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { accessibilityProblems, fitsWidth } from "../support/axe";
import { ARTIFACTS, newPhone } from "../support/chromium";
import { startedForFile } from "../support/started-for-file";
import { REPO } from "../support/started-system";

// A demo resident who has already learned something, so home, results and certificates have content.
const RESIDENT = "Lê Thị Mai";

const started = startedForFile();

const settle = (page: Page) => page.waitForTimeout(700);

async function signIn(page: Page) {
  await page.goto(started.system.miniAppUrl);
  await page.getByRole("button", { name: "Tôi đồng ý, bắt đầu học" }).click();
  await page.getByRole("button", { name: RESIDENT }).click();
  await page.getByText(`Xin chào, ${RESIDENT}!`).waitFor();
  await settle(page);
}

const curriculum = Curriculum.parse(JSON.parse(readFileSync(join(REPO, "content/dist/curriculum.json"), "utf8")));
const course = curriculum.courses.find((c) => c.id === "phong-chong-lua-dao");
const lesson = course?.lessons[0];
const quiz = course?.quizzes.find((q) => q.id === lesson?.quiz);

describe("accessibility", () => {
  it("every screen of the journey passes axe-core's WCAG 2.1 AA rules", async () => {
    if (!lesson || !quiz) throw new Error("the scam course needs a lesson with a quiz");
    const context = await newPhone(started.browser);
    const page = await context.newPage();
    const problems: Record<string, string[]> = {};
    const audit = async (screen: string) => {
      await settle(page);
      problems[screen] = await accessibilityProblems(page);
      await page.screenshot({ path: join(ARTIFACTS, `30-${screen.replaceAll(" ", "-")}.png`), fullPage: true });
    };

    await page.goto(started.system.miniAppUrl);
    await page.getByRole("heading", { name: "Trước khi bắt đầu" }).waitFor();
    await audit("consent");
    await page.getByRole("button", { name: "Tôi đồng ý, bắt đầu học" }).click();
    await page.getByText("CHẾ ĐỘ MINH HỌA").waitFor();
    await audit("sign-in");
    await page.getByRole("button", { name: RESIDENT }).click();
    await page.getByText(`Xin chào, ${RESIDENT}!`).waitFor();
    await page.getByRole("heading", { name: course?.title ?? "" }).waitFor();
    await audit("home");

    await page.locator(".lesson-row", { hasText: lesson.title }).getByRole("button").click();
    await page.getByRole("heading", { name: lesson.title, level: 1 }).waitFor();
    await audit("lesson");
    await page.getByRole("button", { name: /Tôi đã học xong/ }).click();
    const [question] = quiz.questions;
    await page.getByText(question?.prompt ?? "", { exact: true }).waitFor();
    await page.getByRole("button", { name: question?.options[0]?.text ?? "", exact: true }).click();
    await audit("quiz question");
    await page.getByRole("button", { name: "Trả lời" }).click();
    await page.getByText(/Đúng rồi!|Chưa đúng/).waitFor();
    await audit("quiz feedback");

    // Every other answer wrong: the result says what to review and offers the lesson again.
    for (const q of quiz.questions.slice(1)) {
      await page.getByRole("button", { name: "Câu tiếp theo" }).click();
      await page.getByText(q.prompt, { exact: true }).waitFor();
      const wrong = q.options.find((o) => !o.correct);
      await page.getByRole("button", { name: wrong?.text ?? "", exact: true }).click();
      await page.getByRole("button", { name: "Trả lời" }).click();
      await page.getByText("Chưa đúng", { exact: true }).waitFor();
    }
    await page.getByRole("button", { name: "Xem kết quả" }).click();
    await page.getByText("Bạn chưa đạt lần này.").waitFor();
    await page.getByRole("heading", { name: "Những câu cần xem lại" }).waitFor();
    const second = quiz.questions[1];
    await page.getByText(second?.prompt ?? "", { exact: true }).waitFor();
    for (const right of second?.options.filter((o) => o.correct) ?? []) {
      await page.locator(".missed li li", { hasText: right.text }).first().waitFor();
    }
    await audit("result");
    await page.getByRole("button", { name: "Đọc lại bài học" }).click();
    await page.getByRole("heading", { name: lesson.title, level: 1 }).waitFor();

    await page.getByRole("button", { name: "Quay lại" }).click();
    await page.getByRole("button", { name: "Chứng nhận của tôi" }).first().click();
    await page
      .getByText(/Đã đạt \d+ \/ \d+ khóa/)
      .first()
      .waitFor();
    await audit("certificates");
    await page.getByRole("button", { name: "Quay lại" }).click();
    await page.getByRole("button", { name: "Dữ liệu của tôi" }).click();
    await page.getByText(`Tên: ${RESIDENT}`).waitFor();
    await audit("my data");

    await page.getByRole("button", { name: "Quay lại" }).click();
    await context.setOffline(true);
    await page.locator(".lesson-row", { hasText: lesson.title }).getByRole("button").click();
    await page.getByTestId("sync-status").first().waitFor();
    await audit("offline lesson");
    await context.setOffline(false);

    expect(problems).toEqual({
      consent: [],
      "sign-in": [],
      home: [],
      lesson: [],
      "quiz question": [],
      "quiz feedback": [],
      result: [],
      certificates: [],
      "my data": [],
      "offline lesson": [],
    });
    await context.close();
  });

  it("stays usable with the text at 200%: nothing cut off sideways, every action still reachable", async () => {
    if (!lesson) throw new Error("the scam course needs a lesson");
    const context = await newPhone(started.browser, 2);
    const page = await context.newPage();
    await signIn(page);
    const widths: Record<string, { scrollWidth: number; viewport: number }> = {};

    widths.home = await fitsWidth(page);
    await page.screenshot({ path: join(ARTIFACTS, "20-home-200.png") });
    await page.locator(".lesson-row", { hasText: lesson.title }).getByRole("button").click();
    await page.getByRole("heading", { name: lesson.title, level: 1 }).waitFor();
    await settle(page);
    widths.lesson = await fitsWidth(page);
    await page.screenshot({ path: join(ARTIFACTS, "21-lesson-200.png") });
    // The last action on the screen can still be reached and pressed.
    await page.getByRole("button", { name: /Tôi đã học xong/ }).click();
    await page.getByRole("button", { name: "Trả lời" }).waitFor();
    await settle(page);
    widths.quiz = await fitsWidth(page);
    await page.screenshot({ path: join(ARTIFACTS, "22-quiz-200.png") });

    for (const [screen, { scrollWidth, viewport }] of Object.entries(widths)) {
      expect(scrollWidth, `${screen} is wider than the screen at 200%`).toBeLessThanOrEqual(viewport);
    }
    await context.close();
  });
});
