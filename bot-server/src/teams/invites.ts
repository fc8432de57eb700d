import { and, eq, gt, isNull } from "drizzle-orm";
import { randomCode8 } from "../auth/random-code";
import { hashToken } from "../auth/sessions";
import type { Db } from "../db/client";
import { teamInvites, teamMembers, villages } from "../db/schema";
import { AppError } from "../http/app-error";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A one-time code that makes whoever signs in with it a member of this village's team. Shown to the staff
 * member once; only its hash is kept.
 */
export function createInvite(
  db: Db,
  invite: { staffId: number; communeId: number; villageId: number; displayName: string },
  now: Date,
): { code: string; expiresAt: Date } {
  const name = invite.displayName.trim();
  if (name.length < 2 || name.length > 80)
    throw new AppError("VALIDATION_FAILED", "invite name", "Hãy nhập họ tên người được mời (2–80 ký tự).");
  const village = db
    .select({ id: villages.id })
    .from(villages)
    .where(and(eq(villages.id, invite.villageId), eq(villages.communeId, invite.communeId)))
    .get();
  if (!village) throw new AppError("VILLAGE_NOT_FOUND");
  const code = randomCode8();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  db.insert(teamInvites)
    .values({
      codeHash: hashToken(code),
      villageId: village.id,
      displayName: name,
      createdBy: invite.staffId,
      createdAt: now,
      expiresAt,
    })
    .run();
  return { code, expiresAt };
}

/**
 * Uses an invitation: the signed-in learner becomes a member of its village's team. Used once; a second
 * use by the same person (a double tap) finds the membership it made and changes nothing.
 */
export function joinTeam(db: Db, learnerId: number, code: string, now: Date): number {
  return db.transaction(
    (tx) => {
      const invite = tx
        .select()
        .from(teamInvites)
        .where(and(eq(teamInvites.codeHash, hashToken(code)), gt(teamInvites.expiresAt, now)))
        .get();
      if (!invite) throw new AppError("INVITE_INVALID");
      if (invite.usedAt !== null) {
        const mine = invite.teamMemberId
          ? tx
              .select({ id: teamMembers.id })
              .from(teamMembers)
              .where(and(eq(teamMembers.id, invite.teamMemberId), eq(teamMembers.learnerId, learnerId), isNull(teamMembers.removedAt)))
              .get()
          : undefined;
        if (mine) return mine.id;
        throw new AppError("INVITE_INVALID");
      }
      const existing = tx
        .select({ id: teamMembers.id })
        .from(teamMembers)
        .where(and(eq(teamMembers.learnerId, learnerId), eq(teamMembers.villageId, invite.villageId), isNull(teamMembers.removedAt)))
        .get();
      const memberId =
        existing?.id ??
        tx
          .insert(teamMembers)
          .values({ villageId: invite.villageId, learnerId, displayName: invite.displayName, invitedBy: invite.createdBy, joinedAt: now })
          .returning({ id: teamMembers.id })
          .get().id;
      tx.update(teamInvites).set({ usedAt: now, teamMemberId: memberId }).where(eq(teamInvites.id, invite.id)).run();
      return memberId;
    },
    { behavior: "immediate" },
  );
}

/** Takes the role away; what the member recorded stays, attributed to them. */
export function removeMember(db: Db, communeId: number, memberId: number, now: Date): void {
  const member = db
    .select({ id: teamMembers.id })
    .from(teamMembers)
    .innerJoin(villages, eq(villages.id, teamMembers.villageId))
    .where(and(eq(teamMembers.id, memberId), eq(villages.communeId, communeId)))
    .get();
  if (!member) throw new AppError("NOT_FOUND");
  db.update(teamMembers)
    .set({ removedAt: now })
    .where(and(eq(teamMembers.id, memberId), isNull(teamMembers.removedAt)))
    .run();
}
