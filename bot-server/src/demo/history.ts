import { BASIC_SKILLS_PROGRAM_ID } from "@hvs/shared/indicators";
import { addDays } from "@hvs/shared/periods";
import { atVietnamTime } from "@hvs/shared/vietnam-time";
import { newSerial } from "../certificates/issue";
import type { DbOrTx } from "../db/client";
import { certificates, learners, lessonCompletions, progressEvents, quizAttempts } from "../db/schema";
import {
  milestoneRules,
  noteActivity,
  placeLearner,
  recomputeCertified,
  recomputeCourseFinished,
  vietnamDay,
} from "../indicators/milestones";
import type { CurriculumIndex } from "../learning/curriculum";
import { seedDemoHouseholds } from "./households";

/**
 * Invented months of past learning for the demo commune, so a newcomer's dashboard has a trend, a funnel
 * and lists to open. Deterministic (a fixed seed), and written through the same milestone hooks as real
 * activity. Nobody here has a Zalo identity: these people only exist as figures and names on the staff pages.
 */

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đinh", "Rơ Châm", "Ksor", "Siu", "Y", "Hà", "Lò"];
const MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Minh", "Thanh"];
const GIVEN = ["Lan", "Hùng", "Mai", "Blơng", "Hđơk", "Sáng", "Hoa", "Pọm", "Tâm", "Hạnh", "Dũng", "Thủy", "H'Linh", "Sơn"];

/** mulberry32: a tiny seeded generator, so every demo start invents the same people. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

export function seedDemoHistory(
  tx: DbOrTx,
  content: CurriculumIndex,
  villages: { id: number; adults: number }[],
  communeName: string,
  now: Date,
): { learners: number } {
  const r = random(2025);
  const today = vietnamDay(now);
  const firstDay = addDays(today, -270);
  const lesson = content.curriculum.courses[0]?.lessons[0];
  const program = content.curriculum.programs.find((p) => p.id === BASIC_SKILLS_PROGRAM_ID);
  const finals = (program?.courses ?? [])
    .map((id) => content.curriculum.courses.find((c) => c.id === id))
    .flatMap((c) => (c?.finalQuiz ? [content.quizzes.get(c.finalQuiz)] : []))
    .filter((q) => q !== undefined);
  let made = 0;
  for (const village of villages) {
    // Between half and three quarters of the adults signed up, more of them in later months.
    const count = Math.round(village.adults * (0.5 + r() * 0.25));
    for (let i = 0; i < count; i++) {
      const joined = addDays(firstDay, Math.floor(270 * Math.sqrt(r())));
      const at = (day: string) => atVietnamTime(day, 8 * 60 + Math.floor(r() * 600));
      const name = `${pick(r, FAMILY)} ${pick(r, MIDDLE)} ${pick(r, GIVEN)}`;
      const id = tx
        .insert(learners)
        .values({
          displayName: name,
          birthYear: 1950 + Math.floor(r() * 55),
          villageId: village.id,
          createdAt: at(joined),
        })
        .returning({ id: learners.id })
        .get().id;
      placeLearner(tx, id);
      made++;
      if (!lesson) continue;
      if (r() > 0.85) {
        // Some open a lesson and stop there: started, not yet taking part.
        if (r() < 0.5) {
          tx.insert(progressEvents)
            .values({
              learnerId: id,
              eventId: `demo-${id}`,
              type: "lesson_opened",
              subject: lesson.id,
              occurredAt: at(joined),
              receivedAt: at(joined),
            })
            .run();
          noteActivity(tx, id, joined, null);
        }
        continue;
      }
      const learned = addDays(joined, Math.floor(r() * 14));
      if (learned > today) continue;
      tx.insert(lessonCompletions)
        .values({ learnerId: id, lessonId: lesson.id, lessonVersion: lesson.version, completedAt: at(learned) })
        .run();
      noteActivity(tx, id, learned, "lesson");
      if (r() > 0.6 || finals.length === 0) continue;
      // Passed every final quiz of the basic-skills program, then holds its certificate.
      const passed = addDays(learned, 10 + Math.floor(r() * 60));
      if (passed > today) continue;
      for (const quiz of finals) {
        tx.insert(quizAttempts)
          .values({
            learnerId: id,
            clientId: `demo-${id}-${quiz.id}`,
            quizId: quiz.id,
            quizVersion: quiz.version,
            questionCount: quiz.questions.length,
            startedAt: at(passed),
            finishedAt: at(passed),
            correctCount: quiz.questions.length,
            passed: true,
          })
          .run();
      }
      noteActivity(tx, id, passed, "quiz");
      recomputeCourseFinished(tx, milestoneRules(content), id);
      tx.insert(certificates)
        .values({
          serial: newSerial(),
          learnerId: id,
          programId: BASIC_SKILLS_PROGRAM_ID,
          programTitle: program?.title ?? "",
          displayName: name,
          communeName,
          contentVersion: content.curriculum.contentHash.slice(0, 12),
          issuedAt: at(passed),
        })
        .run();
      recomputeCertified(tx, id);
    }
  }
  seedDemoHouseholds(
    tx,
    content,
    villages.map((v) => v.id),
    r,
    now,
  );
  return { learners: made };
}
