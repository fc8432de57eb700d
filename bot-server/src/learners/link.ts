import { and, eq, inArray, ne, notInArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import {
  campaignRecipients,
  certificates,
  claimCodes,
  classAttendance,
  householdMembers,
  households,
  learnerIdentities,
  learners,
  lessonCompletions,
  oaConversations,
  progressEvents,
  quizAttempts,
  reviewFlags,
  sessions,
  taskRecords,
  teamMembers,
} from "../db/schema";
import { householdsOf, refreshReadiness } from "../households/readiness";
import { mergeMilestones } from "../indicators/milestones";

type Provider = (typeof learnerIdentities.$inferInsert)["provider"];

/**
 * Gives a learner another way in (the OA follower id, a village team's sign-up) so one person stays one
 * learner. When that identity already belongs to another learner record, the two are the same person:
 * everything moves to `learnerId` and the other record is kept only as an empty pointer. Idempotent.
 */
export function linkIdentity(db: Db, learnerId: number, provider: Provider, subject: string, now: Date): void {
  db.transaction((tx) => linkIdentityIn(tx, learnerId, provider, subject, now), { behavior: "immediate" });
}

/** The same, inside a transaction the caller already holds. */
export function linkIdentityIn(tx: DbOrTx, learnerId: number, provider: Provider, subject: string, now: Date): void {
  const owner = tx
    .select({ learnerId: learnerIdentities.learnerId })
    .from(learnerIdentities)
    .where(and(eq(learnerIdentities.provider, provider), eq(learnerIdentities.subject, subject)))
    .get();
  if (!owner) {
    tx.insert(learnerIdentities).values({ learnerId, provider, subject, createdAt: now }).run();
    return;
  }
  if (owner.learnerId !== learnerId) mergeLearners(tx, learnerId, owner.learnerId);
}

/**
 * Moves everything of `from` to `into`. Where both hold the same thing (a lesson finished twice, a
 * certificate of the same program) the one `into` has stays and the other goes, so nothing counts twice.
 * Written as delete-then-update, which SQLite and PostgreSQL both do, rather than SQLite's UPDATE OR IGNORE.
 */
export function mergeLearners(tx: DbOrTx, into: number, from: number): void {
  if (into === from) return;
  // A lesson both records finished keeps the earlier finish: it is when the person really took part.
  const mine = new Map(
    tx
      .select({ id: lessonCompletions.id, lessonId: lessonCompletions.lessonId, completedAt: lessonCompletions.completedAt })
      .from(lessonCompletions)
      .where(eq(lessonCompletions.learnerId, into))
      .all()
      .map((r) => [r.lessonId, r]),
  );
  for (const theirs of tx.select().from(lessonCompletions).where(eq(lessonCompletions.learnerId, from)).all()) {
    const kept = mine.get(theirs.lessonId);
    if (kept && theirs.completedAt < kept.completedAt) {
      tx.update(lessonCompletions)
        .set({ completedAt: theirs.completedAt, lessonVersion: theirs.lessonVersion })
        .where(eq(lessonCompletions.id, kept.id))
        .run();
    }
  }
  const kept = tx.select({ lessonId: lessonCompletions.lessonId }).from(lessonCompletions).where(eq(lessonCompletions.learnerId, into));
  tx.delete(lessonCompletions)
    .where(and(eq(lessonCompletions.learnerId, from), inArray(lessonCompletions.lessonId, kept)))
    .run();
  tx.update(lessonCompletions).set({ learnerId: into }).where(eq(lessonCompletions.learnerId, from)).run();

  const events = tx.select({ eventId: progressEvents.eventId }).from(progressEvents).where(eq(progressEvents.learnerId, into));
  tx.delete(progressEvents)
    .where(and(eq(progressEvents.learnerId, from), inArray(progressEvents.eventId, events)))
    .run();
  tx.update(progressEvents).set({ learnerId: into }).where(eq(progressEvents.learnerId, from)).run();

  // Attempt ids are UUIDs made on phones: a clash between two people's records is not a real case, but the
  // unique index must still hold, so a clashing attempt stays behind with the emptied record.
  const attempts = tx.select({ clientId: quizAttempts.clientId }).from(quizAttempts).where(eq(quizAttempts.learnerId, into));
  tx.update(quizAttempts)
    .set({ learnerId: into })
    .where(and(eq(quizAttempts.learnerId, from), notInArray(quizAttempts.clientId, attempts)))
    .run();
  tx.update(reviewFlags).set({ learnerId: into }).where(eq(reviewFlags.learnerId, from)).run();

  // A second certificate of the same program would be the same person certified twice: the duplicate is
  // revoked with the reason, so a printed copy still checks as "revoked", not "unknown".
  const held = tx
    .select({ programId: certificates.programId })
    .from(certificates)
    .where(and(eq(certificates.learnerId, into), ne(certificates.status, "revoked")));
  tx.update(certificates)
    .set({ status: "revoked", statusReason: "Trùng người học: đã gộp với chứng nhận khác của cùng người" })
    .where(and(eq(certificates.learnerId, from), inArray(certificates.programId, held), eq(certificates.status, "valid")))
    .run();
  // Where the kept record holds only a revoked certificate of a program, the other record's valid one stays
  // where it is (one certificate per record and program) and still counts for the person (indicators/milestones.ts).
  const programs = tx.select({ programId: certificates.programId }).from(certificates).where(eq(certificates.learnerId, into));
  tx.update(certificates)
    .set({ learnerId: into })
    .where(and(eq(certificates.learnerId, from), notInArray(certificates.programId, programs)))
    .run();

  // What only the other record knew (its name, village, consent) fills the gaps of the one kept.
  const a = tx.select().from(learners).where(eq(learners.id, into)).get();
  const b = tx.select().from(learners).where(eq(learners.id, from)).get();
  if (a && b) {
    tx.update(learners)
      .set({
        displayName: a.displayName ?? b.displayName,
        villageId: a.villageId ?? b.villageId,
        consentVersion: a.consentVersion ?? b.consentVersion,
        consentedAt: a.consentedAt ?? b.consentedAt,
        birthYear: a.birthYear ?? b.birthYear,
        phone: a.phone ?? b.phone,
        registeredBy: a.registeredBy ?? b.registeredBy,
      })
      .where(eq(learners.id, into))
      .run();
  }
  // A class both records attended, or a campaign that reached both, stays one row for the person kept.
  const attended = tx.select({ classId: classAttendance.classId }).from(classAttendance).where(eq(classAttendance.learnerId, into));
  tx.delete(classAttendance)
    .where(and(eq(classAttendance.learnerId, from), inArray(classAttendance.classId, attended)))
    .run();
  tx.update(classAttendance).set({ learnerId: into }).where(eq(classAttendance.learnerId, from)).run();
  const reached = tx
    .select({ campaignId: campaignRecipients.campaignId })
    .from(campaignRecipients)
    .where(eq(campaignRecipients.learnerId, into));
  tx.delete(campaignRecipients)
    .where(and(eq(campaignRecipients.learnerId, from), inArray(campaignRecipients.campaignId, reached)))
    .run();
  tx.update(campaignRecipients).set({ learnerId: into }).where(eq(campaignRecipients.learnerId, from)).run();
  tx.update(teamMembers).set({ learnerId: into }).where(eq(teamMembers.learnerId, from)).run();
  tx.update(oaConversations).set({ learnerId: into }).where(eq(oaConversations.learnerId, from)).run();
  tx.delete(claimCodes).where(eq(claimCodes.learnerId, from)).run();
  const homes = householdsOf(tx, [into, from]);
  mergeTaskRecords(tx, into, from);
  // One household per person: the kept record's, or else the other's.
  const housed = tx
    .select({ learnerId: householdMembers.learnerId })
    .from(householdMembers)
    .where(eq(householdMembers.learnerId, into))
    .get();
  if (housed) tx.delete(householdMembers).where(eq(householdMembers.learnerId, from)).run();
  else tx.update(householdMembers).set({ learnerId: into }).where(eq(householdMembers.learnerId, from)).run();
  // Family profiles held by the other record's Zalo account now hang off the person kept.
  tx.update(learners).set({ accountOwnerId: into }).where(eq(learners.accountOwnerId, from)).run();
  // The kept record's household now has the other record's evidence; the dropped one lost a member.
  refreshReadiness(tx, homes);

  tx.update(learnerIdentities).set({ learnerId: into }).where(eq(learnerIdentities.learnerId, from)).run();
  tx.delete(sessions).where(eq(sessions.learnerId, from)).run();
  tx.update(learners)
    .set({ displayName: null, villageId: null, birthYear: null, phone: null, mergedInto: into })
    .where(eq(learners.id, from))
    .run();
  mergeMilestones(tx, into, from);
  // The household came from the other record: if it is in another village than the person kept, the
  // person does not live there (as when moving village), so the membership ends.
  const home = tx
    .select({ householdId: householdMembers.householdId, villageId: households.villageId, lives: learners.villageId })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .innerJoin(learners, eq(learners.id, householdMembers.learnerId))
    .where(eq(householdMembers.learnerId, into))
    .get();
  if (home && home.villageId !== home.lives) {
    tx.delete(householdMembers).where(eq(householdMembers.learnerId, into)).run();
    refreshReadiness(tx, [home.householdId]);
  }
}

/** A task both records have keeps the earliest tick and the earliest confirmation (with who gave it). */
function mergeTaskRecords(tx: DbOrTx, into: number, from: number): void {
  const theirs = tx.select().from(taskRecords).where(eq(taskRecords.learnerId, from)).all();
  for (const other of theirs) {
    const mine = tx
      .select()
      .from(taskRecords)
      .where(and(eq(taskRecords.learnerId, into), eq(taskRecords.taskId, other.taskId)))
      .get();
    if (!mine) {
      tx.update(taskRecords)
        .set({ learnerId: into })
        .where(and(eq(taskRecords.learnerId, from), eq(taskRecords.taskId, other.taskId)))
        .run();
      continue;
    }
    const earlier = (a: Date | null, b: Date | null) => (a && b ? (a <= b ? a : b) : (a ?? b));
    const confirmation =
      mine.confirmedAt && (!other.confirmedAt || mine.confirmedAt <= other.confirmedAt)
        ? { confirmedAt: mine.confirmedAt, confirmedBy: mine.confirmedBy }
        : { confirmedAt: other.confirmedAt, confirmedBy: other.confirmedBy };
    tx.update(taskRecords)
      .set({ selfReportedAt: earlier(mine.selfReportedAt, other.selfReportedAt), ...confirmation })
      .where(and(eq(taskRecords.learnerId, into), eq(taskRecords.taskId, other.taskId)))
      .run();
    tx.delete(taskRecords)
      .where(and(eq(taskRecords.learnerId, from), eq(taskRecords.taskId, other.taskId)))
      .run();
  }
}
