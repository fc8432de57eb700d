import type { AnswerFeedback, AttemptResult } from "@hvs/shared/api";
import type { Question, Quiz } from "@hvs/shared/content";
import type { OaButton, OaMessage } from "../zalo/oa-client";
import { buttons } from "./replies";

/**
 * A quiz in the chat: one question per message, options lettered A, B, C… in the text, and a button per
 * option. A "multiple" question is answered by tapping options one by one, then "Trả lời"; letters can be
 * typed too ("a c"). Payloads name the attempt and the question, so a button tapped on an old question is
 * recognised rather than counted against the current one.
 */

export const LETTERS = ["A", "B", "C", "D", "E", "F"] as const;

export const letterOf = (question: Question, optionId: string) => LETTERS[question.options.findIndex((o) => o.id === optionId)] ?? "?";

/** Letters → option ids, or null when a letter names no option of this question. */
export function optionIdsFor(question: Question, letters: string[]): string[] | null {
  const ids = letters.map((letter) => question.options[LETTERS.indexOf(letter as (typeof LETTERS)[number])]?.id);
  return ids.every((id): id is string => id !== undefined) ? ids : null;
}

export function questionMessage(quiz: Quiz, index: number, attemptId: string): OaMessage {
  const question = quiz.questions[index];
  if (!question) throw new Error(`quiz ${quiz.id} has no question ${index}`);
  const header = `Câu ${index + 1}/${quiz.questions.length}: ${question.prompt}`;
  if (question.kind === "true_false") {
    const idOf = (value: "true" | "false") => letterOf(question, value);
    return {
      text: `${header}\n\nBấm Đúng hoặc Sai.`,
      buttons: [
        { type: "oa.query.hide", title: "Đúng", payload: `#ans:${attemptId}:${index}:${idOf("true")}` },
        { type: "oa.query.hide", title: "Sai", payload: `#ans:${attemptId}:${index}:${idOf("false")}` },
      ],
    };
  }
  const lines = question.options.map((o, i) => `${LETTERS[i]}. ${o.text}`).join("\n");
  const tooMany = question.options.length > 5;
  const optionButtons: OaButton[] = tooMany
    ? []
    : question.options.map((o, i) => ({
        type: "oa.query.hide",
        title: `${LETTERS[i]}. ${o.text}`,
        payload: `#${question.kind === "multiple" ? "pick" : "ans"}:${attemptId}:${index}:${LETTERS[i]}`,
      }));
  const how =
    question.kind === "multiple"
      ? tooMany
        ? "Có thể có nhiều đáp án đúng. Gõ các chữ cái bạn chọn, ví dụ: A C."
        : "Có thể có nhiều đáp án đúng: bấm từng phương án bạn chọn, rồi bấm “Trả lời”. Hoặc gõ các chữ cái, ví dụ: A C."
      : tooMany
        ? "Gõ chữ cái bạn chọn, ví dụ: B."
        : "Bấm phương án bạn chọn, hoặc gõ chữ cái.";
  return { text: `${header}\n\n${lines}\n\n${how}`, buttons: optionButtons };
}

/** The reply to a tap on a "multiple" option: what is chosen so far, and the button to answer with it. */
export function picksMessage(attemptId: string, index: number, picks: string[]): OaMessage {
  if (picks.length === 0) return { text: "Bạn chưa chọn phương án nào. Bấm các phương án ở câu hỏi phía trên." };
  const chosen = picks.join(", ");
  return {
    text: `Bạn đang chọn: ${chosen}. Bấm thêm phương án khác nếu cần, hoặc bấm “Trả lời”.`,
    buttons: [
      { type: "oa.query.hide", title: `Trả lời: ${chosen}`, payload: `#ans:${attemptId}:${index}:${picks.join("")}` },
      { type: "oa.query.hide", title: "Chọn lại", payload: `#pick:${attemptId}:${index}:-` },
    ],
  };
}

export function feedbackMessage(question: Question, feedback: AnswerFeedback): OaMessage {
  const right = question.options.filter((o) => o.correct);
  const answer = right.map((o) => `${letterOf(question, o.id)}. ${o.text}`).join("\n");
  const why = right.map((o) => o.explanation).join(" ");
  return {
    text: feedback.correct ? `Đúng rồi! ${why}` : `Chưa đúng. Đáp án đúng là:\n${answer}\n\n${why}`,
  };
}

export function resultMessage(quiz: Quiz, result: AttemptResult, appUrl: string): OaMessage {
  const head = `Bạn trả lời đúng ${result.correctCount}/${result.total} câu (${result.scorePercent}%).`;
  return result.passed
    ? {
        text: `${head} Bạn đã đạt bài “${quiz.title}”. Giỏi lắm!`,
        buttons: [buttons.learn, buttons.app(appUrl), buttons.menu],
      }
    : {
        text: `${head} Cần đạt ${quiz.passPercent}% để qua bài này. Bạn đọc lại bài rồi làm lại nhé — không sao cả, ai cũng cần luyện tập.`,
        buttons: [{ type: "oa.query.hide", title: "Làm lại bài kiểm tra", payload: `#quizid:${quiz.id}` }, buttons.menu],
      };
}

export function certificateMessage(programTitle: string, appUrl: string): OaMessage {
  return {
    text: `Chúc mừng! Bạn đã hoàn thành chương trình “${programTitle}” và được cấp chứng nhận. Xem, tải và chia sẻ chứng nhận trong ứng dụng.`,
    buttons: [buttons.app(appUrl)],
  };
}
