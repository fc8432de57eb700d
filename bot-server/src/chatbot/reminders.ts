import { atVietnamTime, DEFAULT_QUIET_HOURS, isQuiet, type QuietHours, vietnamClock } from "@hvs/shared/vietnam-time";
import { and, eq, gt, isNotNull, isNull, lte, ne, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { oaConversations, progressEvents } from "../db/schema";
import type { CurriculumIndex } from "../learning/curriculum";
import { finishedBy } from "../learning/finished";
import { enqueueMessages, OA_REPLY_WINDOW_MS, remindedSince } from "../zalo/oa-outbox";
import { nextStep } from "./conversation";
import { reminder } from "./replies";

/**
 * Queues today's reminder for everyone whose chosen time has come: at most one a day per person (the
 * outbox key names the date, and the date is stamped in the same transaction), never in quiet hours, not
 * after "dừng" or an unfollow, not to someone outside Zalo's 7-day window (Zalo would refuse it), and
 * not to someone who already learned today. Returns how many were queued.
 */
export function queueDueReminders(db: Db, content: CurriculumIndex, now: Date, quiet: QuietHours = DEFAULT_QUIET_HOURS): number {
  const { date, minute } = vietnamClock(now);
  if (isQuiet(minute, quiet)) return 0;
  const due = db
    .select({ oaUserId: oaConversations.oaUserId, learnerId: oaConversations.learnerId })
    .from(oaConversations)
    .where(
      and(
        isNotNull(oaConversations.remindAtMinute),
        lte(oaConversations.remindAtMinute, minute),
        eq(oaConversations.remindersStopped, false),
        eq(oaConversations.followed, true),
        isNotNull(oaConversations.learnerId),
        gt(oaConversations.lastInteractionAt, new Date(now.getTime() - OA_REPLY_WINDOW_MS)),
        or(isNull(oaConversations.lastRemindedOn), ne(oaConversations.lastRemindedOn, date)),
      ),
    )
    .limit(500)
    .all();
  let queued = 0;
  const startOfDay = atVietnamTime(date, 0);
  for (const person of due) {
    const learnerId = person.learnerId;
    if (learnerId === null) continue;
    db.transaction(
      (tx) => {
        tx.update(oaConversations).set({ lastRemindedOn: date, updatedAt: now }).where(eq(oaConversations.oaUserId, person.oaUserId)).run();
        const learnedToday = tx
          .select({ id: progressEvents.id })
          .from(progressEvents)
          .where(and(eq(progressEvents.learnerId, learnerId), gt(progressEvents.receivedAt, startOfDay)))
          .limit(1)
          .get();
        if (learnedToday) return;
        // A village team's campaign may already have reminded the person today: one reminder a day in all.
        if (remindedSince(tx, [person.oaUserId], startOfDay)) return;
        const { completed, passed } = finishedBy(tx, learnerId);
        const next = nextStep(content, completed, passed);
        const lesson = next.kind === "lesson" ? content.lessons.get(next.lessonId)?.lesson : undefined;
        queued += enqueueMessages(
          tx,
          [
            {
              dedupeKey: `reminder:${person.oaUserId}:${date}`,
              recipientId: person.oaUserId,
              kind: "reminder",
              message: reminder(lesson?.title ?? null, lesson?.minutes ?? null),
            },
          ],
          now,
        );
      },
      { behavior: "immediate" },
    );
  }
  return queued;
}
