import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { MyData } from "@hvs/shared/api";
import { Curriculum } from "@hvs/shared/content";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newPhone } from "../support/chromium";
import { shot, startedForFile } from "../support/started-for-file";
import { REPO } from "../support/started-system";

// A demo resident no other test signs in as, so what the server holds is this test's doing alone.
const RESIDENT = "Đinh Văn Blơng";

const started = startedForFile();

/** What the server holds for the learner signed in on this phone, asked with the phone's own session. */
async function serverHolds(page: Page): Promise<MyData> {
  const { token } = JSON.parse((await page.evaluate(() => localStorage.getItem("hvs.session"))) ?? "{}") as { token: string };
  const response = await fetch(`${started.system.apiUrl}/api/me/data`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as MyData;
}

/** The connection line says `text`. zmp-ui keeps the screen underneath in the page, so there may be two. */
const statusSays = (page: Page, text: string | RegExp, timeout?: number) =>
  page.getByTestId("sync-status").getByText(text).first().waitFor({ timeout });

async function answerCorrectly(page: Page, question: Curriculum["courses"][number]["quizzes"][number]["questions"][number]) {
  await page.getByText(question.prompt, { exact: true }).waitFor();
  for (const option of question.options.filter((o) => o.correct)) {
    await page.getByRole("button", { name: option.text, exact: true }).click();
  }
  await page.getByRole("button", { name: "Trả lời" }).click();
}

describe("a weak network", () => {
  it("reads opened lessons offline, queues answers, sends each once when the network returns", async () => {
    const curriculum = Curriculum.parse(JSON.parse(readFileSync(join(REPO, "content/dist/curriculum.json"), "utf8")));
    const course = curriculum.courses.find((c) => c.id === "vneid");
    const [, lessonB, lessonA] = course?.lessons ?? [];
    const quiz = course?.quizzes.find((q) => q.id === lessonB?.quiz);
    if (!lessonA || !lessonB || !quiz || quiz.questions.length < 3) throw new Error("the VNeID course needs lessons with quizzes");
    const [first, ...rest] = quiz.questions;
    if (!first) throw new Error("quiz has questions");
    const unopened = curriculum.courses.at(-1)?.lessons.at(-1);
    if (!unopened) throw new Error("the curriculum has lessons");

    const phone: BrowserContext = await newPhone(started.browser);
    const page = await phone.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(started.system.miniAppUrl);
    await page.getByRole("button", { name: "Tôi đồng ý, bắt đầu học" }).click();
    await page.getByRole("button", { name: RESIDENT }).click();
    await page.getByText(`Xin chào, ${RESIDENT}!`).waitFor();

    // A lesson opened once, with a signal…
    const rowA = page.locator(".lesson-row", { hasText: lessonA.title });
    await rowA.getByRole("button", { name: "Học bài này" }).click();
    await page.getByRole("heading", { name: lessonA.title, level: 1 }).waitFor();
    await page.getByRole("button", { name: "Quay lại" }).click();
    await page.getByText(`Xin chào, ${RESIDENT}!`).waitFor();

    // …reads again without one, and the app says plainly that it is offline.
    await phone.setOffline(true);
    await rowA.getByRole("button", { name: "Học bài này" }).click();
    await page.getByRole("heading", { name: lessonA.title, level: 1 }).waitFor();
    await expect.poll(() => page.locator(".lesson-body h2").count()).toBeGreaterThan(1);
    await statusSays(page, "Đang không có mạng. Bạn vẫn đọc được các bài đã mở trước đây.");
    await shot(page, "11-offline-lesson");
    // A lesson never opened cannot be read offline: a message and a way out, not an endless spinner.
    await page.getByRole("button", { name: "Quay lại" }).click();
    await page.locator(".lesson-row", { hasText: unopened.title }).getByRole("button", { name: "Học bài này" }).click();
    await page.getByText("Không kết nối được máy chủ", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Thử lại" }).waitFor();
    await page.getByRole("button", { name: "Quay lại" }).click();
    await phone.setOffline(false);

    // Online: read lesson B and start its quiz.
    const rowB = page.locator(".lesson-row", { hasText: lessonB.title });
    await rowB.getByRole("button", { name: "Học bài này" }).click();
    await page.getByRole("heading", { name: lessonB.title, level: 1 }).waitFor();
    await page.getByRole("button", { name: /Tôi đã học xong/ }).click();

    // The first answer reaches the server but its acknowledgement is lost on the way back: the phone keeps
    // it and sends it again, and the server recognises the resend.
    let lost = 0;
    let lostEventId = "";
    const sent: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/api/progress")) sent.push(request.postData() ?? "");
    });
    await page.route("**/api/progress", async (route) => {
      const body = route.request().postData() ?? "";
      if (lost === 0 && body.includes('"type":"answer"')) {
        lost += 1;
        const { events } = JSON.parse(body) as { events: { id: string; type: string }[] };
        lostEventId = events.find((e) => e.type === "answer")?.id ?? "";
        await route.fetch();
        await route.abort("connectionreset");
        return;
      }
      await route.continue();
    });
    await answerCorrectly(page, first);
    await page.getByText("Đúng rồi!").waitFor({ timeout: 30_000 });
    expect(lost).toBe(1);
    // The resend carried the same event id, which is what lets the server recognise it.
    expect(sent.filter((body) => body.includes(lostEventId)).length).toBeGreaterThanOrEqual(2);
    await page.unroute("**/api/progress");
    await page.getByRole("button", { name: "Câu tiếp theo" }).click();

    // Offline mid-quiz: every remaining answer is kept on the phone, and the app says so.
    await phone.setOffline(true);
    for (const [i, question] of rest.entries()) {
      await answerCorrectly(page, question);
      if (i < rest.length - 1) {
        await page.getByText("Câu trả lời đã được lưu trên điện thoại. Sẽ chấm điểm khi có mạng.").waitFor();
        await page.getByRole("button", { name: "Câu tiếp theo" }).click();
      }
    }
    await page.getByText(`Bạn đã trả lời hết ${quiz.questions.length} câu.`, { exact: false }).waitFor();
    await statusSays(page, /Đang không có mạng\. \d+ kết quả học đã được lưu trên điện thoại/);
    await shot(page, "12-offline-quiz-queued");
    const outbox = await page.evaluate(() =>
      Object.entries(localStorage)
        .filter(([key]) => key.startsWith("hvs.outbox."))
        .map(([, value]) => value)
        .join(""),
    );
    expect(outbox).toContain('"type":"answer"');

    // The network returns: the queue goes out by itself, the grades come back, and the app says it synced.
    await phone.setOffline(false);
    await statusSays(page, "Đã có mạng trở lại: mọi kết quả học đã được lưu lên máy chủ ✓", 30_000);
    await page.getByText("Đúng rồi!").waitFor();
    await shot(page, "13-back-online-synced");
    await page.getByRole("button", { name: "Xem kết quả" }).click();
    await page.getByText(`Đúng ${quiz.questions.length} / ${quiz.questions.length} câu (100%)`).waitFor();
    await shot(page, "14-result-after-sync");

    // Exactly one attempt, finished and graded from every answer, and the lesson finished once.
    const held = await serverHolds(page);
    const attempts = held.quizzes.filter((q) => q.quizId === quiz.id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ scorePercent: 100 });
    expect(attempts[0]?.finishedAt).not.toBeNull();
    expect(held.lessons.filter((l) => l.lessonId === lessonB.id)).toHaveLength(1);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("hvs.outbox.")))).toEqual([]);
    expect(problems).toEqual([]);
    await phone.close();
  });
});
