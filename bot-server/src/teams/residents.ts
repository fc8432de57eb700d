import { CONSENT_VERSION } from "@hvs/shared/api";
import type { ClaimCode } from "@hvs/shared/team";
import { and, eq, gt, isNull } from "drizzle-orm";
import { randomCode8 } from "../auth/random-code";
import { createSession, hashToken } from "../auth/sessions";
import type { Db, DbOrTx } from "../db/client";
import { claimCodes, learnerIdentities, learners } from "../db/schema";
import { AppError } from "../http/app-error";
import type { TeamMember } from "../http/context";
import { placeLearner } from "../indicators/milestones";
import { mergeLearners } from "../learners/link";

export const CLAIM_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Long enough for a class; short enough that a lent phone does not stay signed in as someone else. */
export const ASSIST_SESSION_MS = 2 * 60 * 60 * 1000;

/** A resident of the member's own village (not merged away, not deleted), or RESIDENT_NOT_FOUND. */
export function residentOfVillage(db: DbOrTx, villageId: number, learnerId: number) {
  const row = db
    .select({ id: learners.id, displayName: learners.displayName })
    .from(learners)
    .where(and(eq(learners.id, learnerId), eq(learners.villageId, villageId), isNull(learners.mergedInto), isNull(learners.forgottenAt)))
    .get();
  if (!row) throw new AppError("RESIDENT_NOT_FOUND");
  return row;
}

/** A fresh claim code for the person; earlier ones stop working, so only the last paper handed out counts. */
export function issueClaimCode(tx: DbOrTx, member: TeamMember, learnerId: number, now: Date): ClaimCode {
  residentOfVillage(tx, member.villageId, learnerId);
  tx.delete(claimCodes).where(eq(claimCodes.learnerId, learnerId)).run();
  const code = randomCode8();
  const expiresAt = new Date(now.getTime() + CLAIM_TTL_MS);
  tx.insert(claimCodes)
    .values({ codeHash: hashToken(code), learnerId, createdBy: member.memberId, createdAt: now, expiresAt })
    .run();
  return { code, expiresAt: expiresAt.toISOString() };
}

/**
 * Signs up someone with no Zalo (or who needs help), with their consent given in person. The form's client
 * id is the record's `assisted` identity, so a resend of the same form finds the person it made.
 */
export function registerResident(
  db: Db,
  member: TeamMember,
  form: { clientId: string; displayName: string; birthYear: number; phone?: string; consentVersion: string },
  now: Date,
): { learnerId: number; claim: ClaimCode; created: boolean } {
  if (form.consentVersion !== CONSENT_VERSION) throw new AppError("CONSENT_REQUIRED");
  return db.transaction(
    (tx) => {
      const existing = tx
        .select({ learnerId: learnerIdentities.learnerId })
        .from(learnerIdentities)
        .where(and(eq(learnerIdentities.provider, "assisted"), eq(learnerIdentities.subject, form.clientId)))
        .get();
      if (existing) return { learnerId: existing.learnerId, claim: issueClaimCode(tx, member, existing.learnerId, now), created: false };
      const learner = tx
        .insert(learners)
        .values({
          displayName: form.displayName,
          birthYear: form.birthYear,
          phone: form.phone ?? null,
          villageId: member.villageId,
          consentVersion: form.consentVersion,
          consentedAt: now,
          registeredBy: member.memberId,
          createdAt: now,
        })
        .returning({ id: learners.id })
        .get();
      tx.insert(learnerIdentities).values({ learnerId: learner.id, provider: "assisted", subject: form.clientId, createdAt: now }).run();
      placeLearner(tx, learner.id);
      return { learnerId: learner.id, claim: issueClaimCode(tx, member, learner.id, now), created: true };
    },
    { behavior: "immediate" },
  );
}

/**
 * The person opened the mini app with their own Zalo and typed the code the team gave them: the team's
 * record and theirs are one learner from now on (everything moves to the signed-in record).
 */
export function claimRecord(db: Db, learnerId: number, code: string, now: Date): void {
  db.transaction(
    (tx) => {
      const claim = tx
        .select({ learnerId: claimCodes.learnerId })
        .from(claimCodes)
        .where(and(eq(claimCodes.codeHash, hashToken(code)), gt(claimCodes.expiresAt, now)))
        .get();
      if (!claim) throw new AppError("CLAIM_CODE_INVALID");
      tx.delete(claimCodes)
        .where(eq(claimCodes.codeHash, hashToken(code)))
        .run();
      const typed = tx.select({ name: learners.displayName }).from(learners).where(eq(learners.id, claim.learnerId)).get();
      mergeLearners(tx, learnerId, claim.learnerId);
      // The name the team wrote down with the person is their full name, which a certificate needs; a
      // Zalo name is often a nickname ("Bà Lan", "Hoa 🌸").
      if (typed?.name) tx.update(learners).set({ displayName: typed.name }).where(eq(learners.id, learnerId)).run();
    },
    { behavior: "immediate" },
  );
}

/** A session on the member's phone acting for the resident: what it records is marked as assisted by them. */
export function startAssisting(db: Db, member: TeamMember, learnerId: number, now: Date) {
  residentOfVillage(db, member.villageId, learnerId);
  return createSession(db, { learnerId, assistedBy: member.memberId }, ASSIST_SESSION_MS, now);
}
