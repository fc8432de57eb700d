import type { ClassSummary, RecordClassRequest } from "@hvs/shared/team";
import { vietnamClock } from "@hvs/shared/vietnam-time";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { classAttendance, classes, learners, teamMembers } from "../db/schema";
import { AppError } from "../http/app-error";
import type { TeamMember } from "../http/context";
import { noteActivity } from "../indicators/milestones";
import type { CurriculumIndex } from "../learning/curriculum";

const MAX_AGE_DAYS = 366;

function topicTitles(content: CurriculumIndex, courseId: string, lessonId: string | null) {
  const course = content.curriculum.courses.find((c) => c.id === courseId);
  const lesson = lessonId ? course?.lessons.find((l) => l.id === lessonId) : undefined;
  return { courseTitle: course?.title ?? courseId, lessonTitle: lessonId ? (lesson?.title ?? lessonId) : null };
}

function summaryOf(db: DbOrTx, content: CurriculumIndex, classId: number): ClassSummary {
  const row = db
    .select({
      id: classes.id,
      heldOn: classes.heldOn,
      courseId: classes.courseId,
      lessonId: classes.lessonId,
      teamMemberName: teamMembers.displayName,
      attendeeCount: sql<number>`(select count(*) from ${classAttendance} where ${classAttendance.classId} = ${classes.id})`,
    })
    .from(classes)
    .innerJoin(teamMembers, eq(teamMembers.id, classes.teamMemberId))
    .where(eq(classes.id, classId))
    .get();
  if (!row) throw new Error(`class ${classId} vanished`);
  return {
    id: row.id,
    heldOn: row.heldOn,
    ...topicTitles(content, row.courseId, row.lessonId),
    teamMemberName: row.teamMemberName,
    attendeeCount: Number(row.attendeeCount),
  };
}

/**
 * An in-person class: who came counts as having taken part. Attendees must live in the member's village;
 * the form's client id makes a resend (a double tap, a retry on a weak signal) the same class.
 */
export function recordClass(
  db: Db,
  content: CurriculumIndex,
  member: TeamMember,
  form: RecordClassRequest,
  now: Date,
): { summary: ClassSummary; created: boolean } {
  const course = content.curriculum.courses.find((c) => c.id === form.courseId);
  if (!course) throw new AppError("COURSE_NOT_FOUND");
  if (form.lessonId && !course.lessons.some((l) => l.id === form.lessonId)) throw new AppError("LESSON_NOT_FOUND");
  const today = vietnamClock(now).date;
  const oldest = vietnamClock(new Date(now.getTime() - MAX_AGE_DAYS * 86_400_000)).date;
  if (Number.isNaN(Date.parse(form.heldOn)) || form.heldOn > today || form.heldOn < oldest) {
    throw new AppError(
      "VALIDATION_FAILED",
      "class date",
      "Dữ liệu gửi lên không hợp lệ. Ngày học phải là hôm nay hoặc một ngày trong năm qua.",
    );
  }
  const attendeeIds = [...new Set(form.attendeeIds)];
  return db.transaction(
    (tx) => {
      const existing = tx
        .select({ id: classes.id })
        .from(classes)
        .where(and(eq(classes.teamMemberId, member.memberId), eq(classes.clientId, form.clientId)))
        .get();
      if (existing) return { summary: summaryOf(tx, content, existing.id), created: false };
      const residents = tx
        .select({ id: learners.id })
        .from(learners)
        .where(
          and(
            inArray(learners.id, attendeeIds),
            eq(learners.villageId, member.villageId),
            isNull(learners.mergedInto),
            isNull(learners.forgottenAt),
          ),
        )
        .all();
      if (residents.length !== attendeeIds.length) throw new AppError("RESIDENT_NOT_FOUND");
      const created = tx
        .insert(classes)
        .values({
          clientId: form.clientId,
          villageId: member.villageId,
          teamMemberId: member.memberId,
          heldOn: form.heldOn,
          courseId: course.id,
          lessonId: form.lessonId ?? null,
          createdAt: now,
        })
        .returning({ id: classes.id })
        .get();
      tx.insert(classAttendance)
        .values(attendeeIds.map((learnerId) => ({ classId: created.id, learnerId })))
        .run();
      for (const learnerId of attendeeIds) noteActivity(tx, learnerId, form.heldOn, "class");
      return { summary: summaryOf(tx, content, created.id), created: true };
    },
    { behavior: "immediate" },
  );
}

/** The village's classes, newest first (the last 100: older ones are in the commune's report). */
export function villageClasses(db: DbOrTx, content: CurriculumIndex, villageId: number): ClassSummary[] {
  const ids = db
    .select({ id: classes.id })
    .from(classes)
    .where(eq(classes.villageId, villageId))
    .orderBy(desc(classes.heldOn), desc(classes.id))
    .limit(100)
    .all();
  return ids.map((r) => summaryOf(db, content, r.id));
}
