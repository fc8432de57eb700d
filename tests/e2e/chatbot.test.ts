import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CourseList } from "@hvs/shared/api";
import type { Curriculum } from "@hvs/shared/content";
import { describe, expect, it } from "vitest";
import { type ChatEntry, chatAs } from "../support/chat";
import { apiJson, signInResident } from "../support/resident";
import { startedForFile } from "../support/started-for-file";
import { REPO } from "../support/started-system";

/**
 * The OA chatbot end to end, as `npm start` runs it: the Zalo stand-in signs and posts webhook events as
 * a resident chats in its simulator, the bot-server stores, processes and answers through the OA API,
 * and the replies are read back from the stand-in's copy of the conversation.
 */

const started = startedForFile();
const curriculum = JSON.parse(readFileSync(join(REPO, "content/dist/curriculum.json"), "utf8")) as Curriculum;

/** Demo people: the first five learn in the mini app already; the rest only know the OA (issue 6's newcomers). */
async function people() {
  const { users } = await apiJson<{ users: { id: string; name: string; oaUserId: string }[] }>(`${started.system.standInUrl}/demo/users`);
  return { learners: users.slice(0, 5), chatOnly: users.slice(5) };
}

const buttonTitles = (m: ChatEntry | undefined) => (m?.buttons ?? []).map((b) => b.title);

describe("the OA chatbot", () => {
  it("learn → quiz → ask → remind → stop, with results shared with the mini app", async () => {
    const [resident] = (await people()).chatOnly;
    if (!resident) throw new Error("no chat-only demo resident");
    const chat = chatAs(started.system.standInUrl, resident.id);

    // Following the OA: a greeting, and consent asked before anything about the person is stored.
    const [greeting, consent] = await chat.event("follow", 2);
    expect(greeting?.text).toContain("Học Vụ Số");
    expect(consent?.text).toContain("Bạn có đồng ý không?");
    const [village] = await chat.tap(consent, "Đồng ý");
    expect(village?.text).toContain("thôn");
    expect(buttonTitles(village)).toEqual(["Làng Kon Sơ", "Thôn Đồng Tâm", "Thôn Hòa Hợp"]);
    const [saved, menu] = await chat.tap(village, "Thôn Đồng Tâm", 2);
    expect(saved?.text).toBe("Đã ghi nhận: Thôn Đồng Tâm. Cảm ơn bạn!");
    expect(buttonTitles(menu)).toContain("Học bài tiếp");

    // "hok" (typed the way many do) starts the first lesson, a few short parts at a time.
    const course = curriculum.courses[0];
    const lesson = course?.lessons[0];
    const quiz = course?.quizzes.find((q) => q.id === lesson?.quiz);
    if (!lesson || !quiz) throw new Error("the first lesson has no quiz");
    let [part] = await chat.say("hok");
    expect(part?.text).toContain(lesson.title);
    let parts = 1;
    while (buttonTitles(part).includes("Đọc tiếp") && parts < 20) {
      expect(part?.text.length).toBeLessThanOrEqual(2000);
      [part] = await chat.tap(part, "Đọc tiếp");
      parts++;
    }
    expect(parts).toBeGreaterThan(1);
    expect(part?.text).toContain("(Hết bài)");

    // The quiz, one question at a time, answered with the buttons: every answer right.
    let [intro, question] = await chat.tap(part, "Làm bài kiểm tra", 2);
    expect(intro?.text).toContain(quiz.title);
    let last: ChatEntry[] = [];
    for (const [i, q] of quiz.questions.entries()) {
      expect(question?.text).toContain(`Câu ${i + 1}/${quiz.questions.length}`);
      const letters = q.options.flatMap((o, n) => (o.correct ? ["ABCDEF"[n] ?? "?"] : []));
      if (q.kind === "multiple") {
        let picked: ChatEntry | undefined;
        for (const letter of letters) [picked] = await chat.tap(question, new RegExp(`^${letter}\\. `));
        last = await chat.tap(picked, /^Trả lời: /, 2);
      } else if (q.kind === "true_false") {
        last = await chat.tap(question, q.options.find((o) => o.correct)?.id === "true" ? "Đúng" : "Sai", 2);
      } else {
        last = await chat.tap(question, new RegExp(`^${letters[0]}\\. `), 2);
      }
      expect(last[0]?.text).toMatch(/^Đúng rồi!/);
      question = last[1];
    }
    expect(last[1]?.text).toContain(`Bạn trả lời đúng ${quiz.questions.length}/${quiz.questions.length} câu (100%)`);

    // The same person opening the mini app is the same learner: the lesson and the quiz are there.
    const { token, me } = await signInResident(started.system, resident.name);
    expect(me.village?.name).toBe("Thôn Đồng Tâm");
    const { courses } = await apiJson<CourseList>(`${started.system.apiUrl}/api/courses`, { token });
    const seen = courses[0]?.lessons.find((l) => l.id === lesson.id);
    expect(seen).toMatchObject({ completed: true, quizPassed: true });

    // A question in free text, without diacritics: answered from a lesson, with a link to it.
    const [answer] = await chat.say("bi lua chuyen tien phai lam gi");
    expect(answer?.text).toMatch(/^Bài “.+” \(khóa Phòng chống lừa đảo trực tuyến\)/);
    const link = answer?.buttons?.find((b) => b.type === "oa.open.url")?.payload;
    expect(typeof link === "object" && link.url).toMatch(/\?lesson=[a-z0-9-]+$/);
    // Nothing in the curriculum: said so, never made up.
    const [unknown] = await chat.say("giá vàng hôm nay bao nhiêu");
    expect(unknown?.text).toContain("chưa có bài học nào trả lời câu này");
    expect(unknown?.text).toContain("Tổ công nghệ số cộng đồng ở Thôn Đồng Tâm");

    // Reminders: a time asked for, set, then stopped.
    const [when] = await chat.say("nhắc tôi");
    expect(when?.text).toContain("mấy giờ");
    const [set] = await chat.tap(when, "19 giờ tối");
    expect(set?.text).toContain("mỗi ngày lúc 19:00");
    const [late] = await chat.say("nhac toi 22h");
    expect(late?.text).toContain("từ 06:00 đến 21:00");
    const [stopped] = await chat.say("dừng");
    expect(stopped?.text).toContain("Đã dừng nhắc học");

    // A sticker gets a friendly answer, not silence or an error.
    const [sticker] = await chat.event("user_send_sticker");
    expect(sticker?.text).toContain("chỉ đọc được tin nhắn chữ");
  });

  it("fifty redeliveries of one event at once have one effect and one reply", async () => {
    const resident = (await people()).chatOnly[1];
    if (!resident) throw new Error("no second chat-only demo resident");
    const chat = chatAs(started.system.standInUrl, resident.id);
    const [, consent] = await chat.event("follow", 2);
    const button = consent?.buttons?.find((b) => b.title === "Đồng ý");
    if (typeof button?.payload !== "string") throw new Error("no consent button");
    // The consent tap once, then the identical body and signature 49 more times, all at once.
    const first = await chat.send({ text: button.payload, hidden: true });
    const again = await Promise.all(
      Array.from({ length: 49 }, () =>
        apiJson<{ delivered: boolean; status: number }>(`${started.system.standInUrl}/demo/chat/redeliver`, {
          method: "POST",
          body: { body: first.body, signature: first.signature },
        }),
      ),
    );
    expect(again.every((d) => d.delivered && d.status === 200)).toBe(true);
    const messages = await chat.oaMessages(3);
    await new Promise((r) => setTimeout(r, 1500));
    // Greeting, consent question, then exactly one village question: a second run would have answered again.
    expect((await chat.fromOa()).map((m) => m.text.slice(0, 20))).toEqual(messages.map((m) => m.text.slice(0, 20)));
    expect(messages).toHaveLength(3);
    expect(messages[2]?.text).toContain("thôn");
  });

  it("gets replies through Zalo's 5xx errors and an invalid token, once each", async () => {
    // Someone who already learns in the mini app: the OA knows them through Zalo's user_id_by_app.
    const resident = (await people()).learners[2];
    if (!resident) throw new Error("no demo learner");
    const chat = chatAs(started.system.standInUrl, resident.id);
    const fault = (plan: object) => apiJson(`${started.system.standInUrl}/demo/oa/faults`, { method: "POST", body: plan });
    await fault({ mode: "http500", count: 2 });
    const [menu] = await chat.say("menu");
    expect(menu?.text).toContain("Bạn muốn làm gì?");
    await fault({ mode: "token_expired", count: 1 });
    const [again] = await chat.say("xin chào");
    expect(again?.text).toContain("Bạn muốn làm gì?");
    await new Promise((r) => setTimeout(r, 1000));
    expect(await chat.fromOa()).toHaveLength(2);
  });
});
