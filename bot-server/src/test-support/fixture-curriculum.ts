import { createHash } from "node:crypto";
import type { Curriculum } from "@hvs/shared/content";

/** A small curriculum whose answers the tests know, independent of the real content's wording. */
const body: Omit<Curriculum, "contentHash"> = {
  schemaVersion: 1 as const,
  courses: [
    {
      id: "khoa-thu",
      title: "Khóa thử",
      summary: "Dùng trong kiểm thử.",
      finalQuiz: "kiem-tra-1",
      lessons: [
        {
          id: "bai-1",
          title: "Bài 1",
          minutes: 3,
          version: 2,
          objectives: ["Biết một điều."],
          quiz: "kiem-tra-1",
          html: "<p>Nội dung</p>",
          words: 2,
          audio: "khoa-thu/audio/bai-1.mp3",
          translations: { bdq: { title: "Bài 1 (Bahnar)", objectives: ["Một điều."], html: "<p>Bahnar</p>" } },
        },
        {
          id: "bai-2",
          title: "Bài 2",
          minutes: 2,
          version: 1,
          objectives: ["Biết điều khác."],
          html: "<p>Nội dung 2</p>",
          words: 3,
          translations: {},
        },
      ],
      quizzes: [
        {
          id: "kiem-tra-1",
          title: "Kiểm tra 1",
          version: 3,
          passPercent: 75,
          questions: [
            {
              id: "q1",
              kind: "single" as const,
              prompt: "Chọn B",
              options: [
                { id: "a", text: "A", correct: false, explanation: "Không phải A." },
                { id: "b", text: "B", correct: true, explanation: "Đúng là B." },
              ],
            },
            {
              id: "q2",
              kind: "multiple" as const,
              prompt: "Chọn A và C",
              options: [
                { id: "a", text: "A", correct: true, explanation: "A đúng." },
                { id: "b", text: "B", correct: false, explanation: "B sai." },
                { id: "c", text: "C", correct: true, explanation: "C đúng." },
              ],
            },
            {
              id: "q3",
              kind: "true_false" as const,
              prompt: "Trời xanh",
              options: [
                { id: "true", text: "Đúng", correct: true, explanation: "Trời xanh." },
                { id: "false", text: "Sai", correct: false, explanation: "Trời vẫn xanh." },
              ],
            },
            {
              id: "q4",
              kind: "single" as const,
              prompt: "Chọn A",
              options: [
                { id: "a", text: "A", correct: true, explanation: "Đúng là A." },
                { id: "b", text: "B", correct: false, explanation: "Không phải B." },
              ],
            },
          ],
        },
      ],
    },
  ],
  programs: [
    { id: "ky-nang-so-co-ban", title: "Kỹ năng số cơ bản", description: "Chương trình thử.", courses: ["khoa-thu"], passPercent: 75 },
  ],
  tasks: [
    {
      id: "zalo",
      title: "Dùng Zalo",
      summary: "Nhắn tin và gọi điện bằng Zalo.",
      evidence: "self_check",
      selfCheck: ["Tôi đã cài Zalo.", "Tôi tự nhắn được tin."],
      confirmHint: "Nhờ người dân tự nhắn một tin.",
    },
    {
      id: "vneid-muc-2",
      title: "VNeID mức độ 2",
      summary: "Tài khoản định danh điện tử mức độ 2.",
      evidence: "self_check",
      selfCheck: ["Tôi đã cài VNeID.", "Tôi tự đăng nhập được.", "Tài khoản đã ở mức độ 2."],
      confirmHint: "Xem người dân tự đăng nhập, không ghi lại số định danh.",
    },
    {
      id: "thanh-toan",
      title: "Thanh toán không dùng tiền mặt",
      summary: "Trả tiền bằng mã QR hoặc chuyển khoản.",
      evidence: "self_check",
      selfCheck: ["Tôi đã tự trả tiền bằng mã QR hoặc chuyển khoản."],
      confirmHint: "Xem người dân tự quét mã, không nhìn mã OTP.",
    },
    {
      id: "qua-khoa",
      title: "Qua khóa thử",
      summary: "Đạt bài kiểm tra cuối khóa thử.",
      evidence: "course",
      course: "khoa-thu",
      selfCheck: [],
    },
  ],
  householdRule: { requiredTasks: ["zalo", "vneid-muc-2", "thanh-toan"], evidence: "confirmed" },
};

export const fixtureCurriculum: Curriculum = {
  ...body,
  contentHash: createHash("sha256").update(JSON.stringify(body)).digest("hex"),
};

export const CORRECT_ANSWERS: Record<string, string[]> = { q1: ["b"], q2: ["a", "c"], q3: ["true"], q4: ["a"] };
