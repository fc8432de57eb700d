import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ContentError, compileCurriculum } from "../src/compile";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "curriculum.json");

try {
  const curriculum = compileCurriculum(join(root, "courses"));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(curriculum)}\n`);
  const lessons = curriculum.courses.reduce((n, c) => n + c.lessons.length, 0);
  const quizzes = curriculum.courses.reduce((n, c) => n + c.quizzes.length, 0);
  console.log(`content: ${curriculum.courses.length} khóa học, ${lessons} bài học, ${quizzes} bài kiểm tra → dist/curriculum.json`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exit(1);
}
