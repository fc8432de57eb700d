import type { Quiz } from "@hvs/shared/content";
import { answeredTooFast, bestScores, programRuleText, programStanding } from "@hvs/shared/programs";
import { and, eq, isNotNull } from "drizzle-orm";
import { randomCode8 } from "../auth/random-code";
import type { DbOrTx } from "../db/client";
import { certificates, communes, learners, progressEvents, quizAttempts, reviewFlags, villages } from "../db/schema";
import { recomputeCertified } from "../indicators/milestones";
import type { CurriculumIndex } from "../learning/curriculum";

type Attempt = typeof quizAttempts.$inferSelect;

/** "HVS-7K3Q-9XPA" (auth/random-code.ts). */
export function newSerial(): string {
  const code = randomCode8();
  return `HVS-${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * How long the learner took over a finished attempt: the phone's clock between starting and the last
 * answer (right for answers queued offline and sent together), or the server's when that is longer.
 */
function elapsedMs(tx: DbOrTx, attempt: Attempt, now: Date): number {
  const times = tx
    .select({ type: progressEvents.type, at: progressEvents.occurredAt })
    .from(progressEvents)
    .where(and(eq(progressEvents.learnerId, attempt.learnerId), eq(progressEvents.subject, attempt.clientId)))
    .all();
  const started = times.find((t) => t.type === "attempt_started")?.at.getTime();
  const lastAnswer = Math.max(...times.filter((t) => t.type === "answer").map((t) => t.at.getTime()));
  const phone = started !== undefined && Number.isFinite(lastAnswer) ? lastAnswer - started : 0;
  return Math.max(phone, now.getTime() - attempt.startedAt.getTime());
}

/** Programs whose rule names this quiz as a course's final quiz. */
export function programsFinishedBy(content: CurriculumIndex, quizId: string) {
  const courses = content.curriculum.courses.filter((c) => c.finalQuiz === quizId).map((c) => c.id);
  return content.curriculum.programs.filter((p) => p.courses.some((id) => courses.includes(id)));
}

/**
 * Runs in the transaction that graded the attempt's last answer. A final-quiz pass answered faster than a
 * person can read is held for review; otherwise every program the learner now completes gets its
 * certificate, once (the unique index settles any race).
 */
export function afterAttemptFinished(tx: DbOrTx, attempt: Attempt, quiz: Quiz, content: CurriculumIndex, now: Date): void {
  const programs = programsFinishedBy(content, quiz.id);
  if (!attempt.passed || programs.length === 0) return;
  const elapsed = elapsedMs(tx, attempt, now);
  if (answeredTooFast(attempt.questionCount, elapsed)) {
    tx.update(quizAttempts).set({ heldForReview: true }).where(eq(quizAttempts.id, attempt.id)).run();
    tx.insert(reviewFlags)
      .values({
        learnerId: attempt.learnerId,
        attemptId: attempt.id,
        reason: "too_fast",
        detail: `${attempt.questionCount} câu trong ${Math.round(elapsed / 1000)} giây`,
        createdAt: now,
      })
      .onConflictDoNothing()
      .run();
    return;
  }
  issueEarned(tx, attempt.learnerId, content, programs, now);
}

/** Certificates for every given program the learner meets and does not hold yet. */
export function issueEarned(
  tx: DbOrTx,
  learnerId: number,
  content: CurriculumIndex,
  programs: CurriculumIndex["curriculum"]["programs"],
  now: Date,
): void {
  const finished = tx
    .select({ quizId: quizAttempts.quizId, correctCount: quizAttempts.correctCount, questionCount: quizAttempts.questionCount })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.learnerId, learnerId), isNotNull(quizAttempts.finishedAt), eq(quizAttempts.heldForReview, false)))
    .all();
  const best = bestScores(finished);
  const who = tx
    .select({ name: learners.displayName, commune: communes.name })
    .from(learners)
    .leftJoin(villages, eq(villages.id, learners.villageId))
    .leftJoin(communes, eq(communes.id, villages.communeId))
    .where(eq(learners.id, learnerId))
    .get();
  // A certificate names a person and a commune; without both (no village chosen) it waits.
  if (!who?.name || !who.commune) return;
  const courses = new Map(content.curriculum.courses.map((c) => [c.id, c]));
  for (const program of programs) {
    const standing = programStanding(
      program,
      (id) => courses.get(id)?.finalQuiz,
      (quizId) => best.get(quizId),
    );
    if (!standing.completed) continue;
    // A new serial on the rare collision; the learner-and-program index makes a second certificate impossible.
    for (let tries = 0; tries < 3; tries++) {
      const inserted = tx
        .insert(certificates)
        .values({
          serial: newSerial(),
          learnerId,
          programId: program.id,
          programTitle: program.title,
          displayName: who.name,
          communeName: who.commune,
          contentVersion: content.curriculum.contentHash.slice(0, 12),
          issuedAt: now,
        })
        .onConflictDoNothing()
        .run();
      const held = tx
        .select({ id: certificates.id })
        .from(certificates)
        .where(and(eq(certificates.learnerId, learnerId), eq(certificates.programId, program.id)))
        .get();
      if (inserted.changes === 1 || held) break;
    }
  }
  recomputeCertified(tx, learnerId);
}

/** The rule text for a program, with its courses' titles. */
export function criteriaOf(content: CurriculumIndex, programId: string): string {
  const program = content.curriculum.programs.find((p) => p.id === programId);
  if (!program) return "";
  const titles = program.courses.map((id) => content.curriculum.courses.find((c) => c.id === id)?.title ?? id);
  return programRuleText(titles, program.passPercent);
}
