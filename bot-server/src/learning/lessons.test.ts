import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ErrorBody, LessonView } from "@hvs/shared/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { fixtureCurriculum } from "../test-support/fixture-curriculum";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";
import { indexCurriculum } from "./curriculum";

let system: TestSystem;
let token: string;
beforeEach(async () => {
  system = await createTestSystem();
  token = await system.signIn(TEST_USERS[0]?.id ?? "");
});
afterEach(() => system.close());

describe("courses and lessons", () => {
  it("needs a session for anything about the learner", async () => {
    for (const path of ["/api/courses", "/api/programs", "/api/me", "/api/villages"]) {
      const response = await system.call(null, "GET", path);
      expect(response.status).toBe(401);
      expect(ErrorBody.parse(await response.json()).code).toBe("UNAUTHENTICATED");
    }
    expect((await system.call("forged-token-forged-token-forged", "GET", "/api/courses")).status).toBe(401);
  });

  it("serves lessons and quizzes to anyone: they are the public curriculum, and say nothing about a learner", async () => {
    // Without an Authorization header a phone's GET needs no CORS preflight: one round trip, not two.
    const lesson = await system.call(null, "GET", "/api/lessons/bai-1");
    expect(lesson.status).toBe(200);
    expect(LessonView.parse(await lesson.json()).id).toBe("bai-1");
    const quiz = await system.call(null, "GET", "/api/quizzes/kiem-tra-1");
    expect(quiz.status).toBe(200);
    expect(await quiz.text()).not.toMatch(/correct|explanation/);
  });

  it("serves a lesson by id, and 404 with our error shape for an unknown or malformed id", async () => {
    const lesson = LessonView.parse(await (await system.call(token, "GET", "/api/lessons/bai-1")).json());
    expect(lesson).toMatchObject({
      id: "bai-1",
      courseId: "khoa-thu",
      version: 2,
      quizId: "kiem-tra-1",
      previousLessonId: null,
      nextLessonId: "bai-2",
    });
    const second = LessonView.parse(await (await system.call(token, "GET", "/api/lessons/bai-2")).json());
    expect(second).toMatchObject({ previousLessonId: "bai-1", nextLessonId: null });
    for (const path of ["/api/lessons/khong-co", "/api/lessons/BAD%20ID", "/api/lessons/bai-1/extra"]) {
      const response = await system.call(token, "GET", path);
      expect(response.status).toBe(404);
      expect(ErrorBody.parse(await response.json()).code).toMatch(/NOT_FOUND/);
    }
  });
});

describe("lesson languages and narration", () => {
  it("serves a translation when asked and it exists, Vietnamese otherwise", async () => {
    const bahnar = LessonView.parse(await (await system.call(token, "GET", "/api/lessons/bai-1?lang=bdq")).json());
    expect(bahnar).toMatchObject({ title: "Bài 1 (Bahnar)", html: "<p>Bahnar</p>", language: "bdq", languages: ["vi", "bdq"] });
    const jrai = LessonView.parse(await (await system.call(token, "GET", "/api/lessons/bai-1?lang=jra")).json());
    expect(jrai).toMatchObject({ title: "Bài 1", language: "vi" });
    expect((await system.call(token, "GET", "/api/lessons/bai-1?lang=../../x")).status).toBe(400);
  });

  it("names the narration's address, and serves the file from the content folder", async () => {
    const lesson = LessonView.parse(await (await system.call(token, "GET", "/api/lessons/bai-1")).json());
    expect(lesson.audioUrl).toBe("/media/khoa-thu/audio/bai-1.mp3");
    const root = mkdtempSync(join(tmpdir(), "hvs-media-"));
    try {
      mkdirSync(join(root, "khoa-thu", "audio"), { recursive: true });
      writeFileSync(join(root, "khoa-thu", "audio", "bai-1.mp3"), Buffer.from("ID3-fake-mp3"));
      const app = createApp({
        db: system.db,
        content: indexCurriculum(fixtureCurriculum, root),
        zalo: { getMe: () => Promise.reject(new Error("unused")) },
      });
      const audio = await app.request(lesson.audioUrl ?? "");
      expect(audio.status).toBe(200);
      expect(audio.headers.get("content-type")).toBe("audio/mpeg");
      expect(await audio.text()).toBe("ID3-fake-mp3");
      for (const path of [
        "/media/khoa-thu/audio/khong-co.mp3",
        "/media/khoa-thu/audio/..%2F..%2Fetc.mp3",
        "/media/khoa-thu/audio/bai-1.txt",
      ]) {
        expect((await app.request(path)).status).toBe(404);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
