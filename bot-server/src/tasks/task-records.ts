import type { Task } from "@hvs/shared/content";
import type { TaskStatus } from "@hvs/shared/family";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { quizAttempts, taskRecords, teamMembers } from "../db/schema";
import { refreshReadinessOf } from "../households/readiness";
import { AppError } from "../http/app-error";
import type { CurriculumIndex } from "../learning/curriculum";

/** One learner's evidence for one task. */
export interface TaskEvidenceRow {
  status: TaskStatus;
  selfReportedAt: Date | null;
  confirmedAt: Date | null;
  /** The confirming team member's name, as the commune wrote it. */
  confirmedBy: string | null;
}

const NONE: TaskEvidenceRow = { status: "none", selfReportedAt: null, confirmedAt: null, confirmedBy: null };

export function findTask(content: CurriculumIndex, taskId: string): Task {
  const task = content.curriculum.tasks.find((t) => t.id === taskId);
  if (!task) throw new AppError("TASK_NOT_FOUND", `task ${taskId}`);
  return task;
}

/** The stored ticks and confirmations of these learners, with the confirming team member's name. */
export function taskRecordRows(db: DbOrTx, learnerIds: number[]) {
  return db
    .select({
      learnerId: taskRecords.learnerId,
      taskId: taskRecords.taskId,
      selfReportedAt: taskRecords.selfReportedAt,
      confirmedAt: taskRecords.confirmedAt,
      confirmedBy: teamMembers.displayName,
    })
    .from(taskRecords)
    .leftJoin(teamMembers, eq(teamMembers.id, taskRecords.confirmedBy))
    .where(inArray(taskRecords.learnerId, learnerIds))
    .orderBy(asc(taskRecords.learnerId), asc(taskRecords.taskId))
    .all();
}

/**
 * The evidence each learner has for each task. A `self_check` task comes from task_records (confirmed
 * wins over self-reported); a `course` task is confirmed by a passed final quiz that is not held for review.
 */
export function taskEvidence(db: DbOrTx, content: CurriculumIndex, learnerIds: number[]): Map<number, Map<string, TaskEvidenceRow>> {
  const out = new Map<number, Map<string, TaskEvidenceRow>>(learnerIds.map((id) => [id, new Map()]));
  if (learnerIds.length === 0) return out;
  const tasks = content.curriculum.tasks;
  // Bound the IN lists: SQLite accepts many, but a village's households stay well under this.
  for (let i = 0; i < learnerIds.length; i += 500) {
    const ids = learnerIds.slice(i, i + 500);
    for (const row of taskRecordRows(db, ids)) {
      const status: TaskStatus = row.confirmedAt ? "confirmed" : row.selfReportedAt ? "self_reported" : "none";
      out.get(row.learnerId)?.set(row.taskId, {
        status,
        selfReportedAt: row.selfReportedAt,
        confirmedAt: row.confirmedAt,
        confirmedBy: row.confirmedAt ? row.confirmedBy : null,
      });
    }
    const courseTasks = tasks.filter((t) => t.evidence === "course");
    if (courseTasks.length > 0) {
      const finalOf = new Map<string, string[]>();
      for (const task of courseTasks) {
        const course = content.curriculum.courses.find((c) => c.id === task.course);
        if (course) finalOf.set(course.finalQuiz, [...(finalOf.get(course.finalQuiz) ?? []), task.id]);
      }
      const passes = db
        .select({ learnerId: quizAttempts.learnerId, quizId: quizAttempts.quizId, finishedAt: quizAttempts.finishedAt })
        .from(quizAttempts)
        .where(
          and(
            inArray(quizAttempts.learnerId, ids),
            inArray(quizAttempts.quizId, [...finalOf.keys()]),
            eq(quizAttempts.passed, true),
            eq(quizAttempts.heldForReview, false),
          ),
        )
        .all();
      for (const pass of passes) {
        for (const taskId of finalOf.get(pass.quizId) ?? []) {
          const known = out.get(pass.learnerId)?.get(taskId);
          const at = pass.finishedAt ?? null;
          if (known?.confirmedAt && at && known.confirmedAt <= at) continue;
          out.get(pass.learnerId)?.set(taskId, { status: "confirmed", selfReportedAt: null, confirmedAt: at, confirmedBy: null });
        }
      }
    }
  }
  return out;
}

export function evidenceOf(map: Map<number, Map<string, TaskEvidenceRow>>, learnerId: number, taskId: string): TaskEvidenceRow {
  return map.get(learnerId)?.get(taskId) ?? NONE;
}

/** The resident ticked every statement. Idempotent: the first tick's time is kept. */
export function recordSelfCheck(tx: DbOrTx, content: CurriculumIndex, learnerId: number, taskId: string, ticks: boolean[], now: Date) {
  const task = findTask(content, taskId);
  if (task.evidence !== "self_check") throw new AppError("TASK_NOT_SELF_CHECK");
  if (ticks.length !== task.selfCheck.length || ticks.some((t) => !t)) throw new AppError("SELF_CHECK_INCOMPLETE");
  tx.insert(taskRecords)
    .values({ learnerId, taskId, selfReportedAt: now, villageId: villageOf(learnerId) })
    .onConflictDoUpdate({
      target: [taskRecords.learnerId, taskRecords.taskId],
      set: { selfReportedAt: now },
      setWhere: isNull(taskRecords.selfReportedAt),
    })
    .run();
  refreshReadinessOf(tx, learnerId);
}

/** The resident takes back their own tick (ticked by mistake). A team member's confirmation stays. */
export function withdrawSelfCheck(tx: DbOrTx, content: CurriculumIndex, learnerId: number, taskId: string) {
  findTask(content, taskId);
  tx.update(taskRecords)
    .set({ selfReportedAt: null })
    .where(and(eq(taskRecords.learnerId, learnerId), eq(taskRecords.taskId, taskId)))
    .run();
  dropEmpty(tx, learnerId, taskId);
  refreshReadinessOf(tx, learnerId);
}

/** A team member saw it done. Idempotent: the first confirmation (who, when) is kept. */
export function confirmTask(tx: DbOrTx, content: CurriculumIndex, learnerId: number, taskId: string, memberId: number, now: Date) {
  const task = findTask(content, taskId);
  if (task.evidence !== "self_check") throw new AppError("TASK_NOT_SELF_CHECK");
  tx.insert(taskRecords)
    .values({ learnerId, taskId, confirmedBy: memberId, confirmedAt: now, villageId: villageOf(learnerId) })
    .onConflictDoUpdate({
      target: [taskRecords.learnerId, taskRecords.taskId],
      set: { confirmedBy: memberId, confirmedAt: now },
      setWhere: isNull(taskRecords.confirmedAt),
    })
    .run();
  refreshReadinessOf(tx, learnerId);
}

/** A confirmation given by mistake is taken back; the resident's own tick, if any, stays. */
export function withdrawConfirmation(tx: DbOrTx, content: CurriculumIndex, learnerId: number, taskId: string) {
  findTask(content, taskId);
  tx.update(taskRecords)
    .set({ confirmedBy: null, confirmedAt: null })
    .where(and(eq(taskRecords.learnerId, learnerId), eq(taskRecords.taskId, taskId)))
    .run();
  dropEmpty(tx, learnerId, taskId);
  refreshReadinessOf(tx, learnerId);
}

/** The learner's village, copied onto the row (placeLearner keeps it in step when the village changes). */
const villageOf = (learnerId: number) => sql<number | null>`(select village_id from learners where id = ${learnerId})`;

function dropEmpty(tx: DbOrTx, learnerId: number, taskId: string) {
  tx.delete(taskRecords)
    .where(
      and(
        eq(taskRecords.learnerId, learnerId),
        eq(taskRecords.taskId, taskId),
        isNull(taskRecords.selfReportedAt),
        isNull(taskRecords.confirmedAt),
      ),
    )
    .run();
}
