import type { Curriculum } from "@hvs/shared/content";
import { WORDS_PER_MINUTE } from "./lesson";

/** The catalogue's size on one line, for the checker and the build. */
export function summarize(curriculum: Curriculum): string {
  const lessons = curriculum.courses.flatMap((c) => c.lessons);
  const questions = curriculum.courses.flatMap((c) => c.quizzes).reduce((n, q) => n + q.questions.length, 0);
  const words = lessons.reduce((n, l) => n + l.words, 0);
  return [
    `courses=${curriculum.courses.length}`,
    `lessons=${lessons.length}`,
    `questions=${questions}`,
    `reading_minutes=${Math.round(words / WORDS_PER_MINUTE)}`,
    `programs=${curriculum.programs.length}`,
    `content_hash=${curriculum.contentHash.slice(0, 12)}`,
  ].join(" ");
}
