import type { MyData } from "@hvs/shared/api";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  certificates,
  householdMembers,
  households,
  learnerIdentities,
  learners,
  lessonCompletions,
  quizAttempts,
  villages,
} from "../db/schema";
import type { CurriculumIndex } from "../learning/curriculum";
import { taskRecordRows } from "../tasks/task-records";

const PROVIDER_NAMES: Record<string, string> = {
  zalo_app: "Zalo (ứng dụng Học Vụ Số)",
  zalo_oa: "Zalo (trò chuyện với trang Zalo của xã)",
  assisted: "Tổ công nghệ số đăng ký giúp",
};

/** The right to know what is held (Law 91/2025 art. 4): every row about the learner, named for a person. */
export function loadMyData(db: Db, content: CurriculumIndex, learnerId: number): MyData {
  const learner = db
    .select({
      displayName: learners.displayName,
      createdAt: learners.createdAt,
      village: villages.name,
      consentVersion: learners.consentVersion,
      consentedAt: learners.consentedAt,
      pinHash: learners.pinHash,
    })
    .from(learners)
    .leftJoin(villages, eq(villages.id, learners.villageId))
    .where(eq(learners.id, learnerId))
    .get();
  if (!learner) throw new Error(`learner ${learnerId} vanished`);
  const signIns = db
    .select({ provider: learnerIdentities.provider, since: learnerIdentities.createdAt })
    .from(learnerIdentities)
    .where(eq(learnerIdentities.learnerId, learnerId))
    .all();
  const lessons = db
    .select()
    .from(lessonCompletions)
    .where(eq(lessonCompletions.learnerId, learnerId))
    .orderBy(asc(lessonCompletions.completedAt))
    .all();
  const held = db.select().from(certificates).where(eq(certificates.learnerId, learnerId)).orderBy(asc(certificates.issuedAt)).all();
  const attempts = db.select().from(quizAttempts).where(eq(quizAttempts.learnerId, learnerId)).orderBy(asc(quizAttempts.id)).all();
  const household = db
    .select({ label: households.label })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .where(eq(householdMembers.learnerId, learnerId))
    .get();
  const tasks = taskRecordRows(db, [learnerId]);
  const taskTitle = new Map(content.curriculum.tasks.map((t) => [t.id, t.title]));
  return {
    displayName: learner.displayName,
    consent:
      learner.consentVersion && learner.consentedAt ? { version: learner.consentVersion, at: learner.consentedAt.toISOString() } : null,
    village: learner.village,
    createdAt: learner.createdAt.toISOString(),
    signIns: signIns.map((s) => ({ provider: PROVIDER_NAMES[s.provider] ?? s.provider, since: s.since.toISOString() })),
    lessons: lessons.map((l) => ({
      lessonId: l.lessonId,
      title: content.lessons.get(l.lessonId)?.lesson.title ?? l.lessonId,
      completedAt: l.completedAt.toISOString(),
    })),
    quizzes: attempts.map((a) => ({
      quizId: a.quizId,
      title: content.quizzes.get(a.quizId)?.title ?? a.quizId,
      startedAt: a.startedAt.toISOString(),
      finishedAt: a.finishedAt?.toISOString() ?? null,
      scorePercent: a.correctCount === null ? null : Math.round((a.correctCount * 100) / a.questionCount),
    })),
    certificates: held.map((c) => ({
      serial: c.serial,
      programTitle: c.programTitle,
      issuedAt: c.issuedAt.toISOString(),
      status: { valid: "còn hiệu lực", revoked: "đã bị thu hồi", withdrawn: "đã rút" }[c.status],
    })),
    household: household?.label ?? null,
    tasks: tasks.map((t) => ({
      title: taskTitle.get(t.taskId) ?? t.taskId,
      selfReportedAt: t.selfReportedAt?.toISOString() ?? null,
      confirmedAt: t.confirmedAt?.toISOString() ?? null,
      confirmedBy: t.confirmedAt ? t.confirmedBy : null,
    })),
    hasPin: learner.pinHash !== null,
  };
}
