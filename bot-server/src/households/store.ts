import type { CreateHouseholdRequest, HouseholdCode, MyHousehold, TeamHouseholdList, UpdateHouseholdRequest } from "@hvs/shared/family";
import { householdStanding, type MemberTasks, type TaskEvidence } from "@hvs/shared/households";
import { and, asc, count, eq, gt, inArray, isNull } from "drizzle-orm";
import { randomCode8 } from "../auth/random-code";
import { hashToken } from "../auth/sessions";
import type { DbOrTx } from "../db/client";
import { householdCodes, householdMembers, households, learners, villages } from "../db/schema";
import { AppError } from "../http/app-error";
import type { TeamMember } from "../http/context";
import { placeLearner, vietnamDay } from "../indicators/milestones";
import type { CurriculumIndex } from "../learning/curriculum";
import { evidenceOf, taskEvidence } from "../tasks/task-records";
import { residentOfVillage } from "../teams/residents";
import { householdsOf, refreshReadiness } from "./readiness";

/** A family joins over a few days (who is home, whose phone is charged): the code lasts a week. */
export const HOUSEHOLD_CODE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** A household of this village that has not been removed, or HOUSEHOLD_NOT_FOUND. */
export function householdOfVillage(db: DbOrTx, villageId: number, householdId: number) {
  const row = db
    .select()
    .from(households)
    .where(and(eq(households.id, householdId), eq(households.villageId, villageId), isNull(households.removedAt)))
    .get();
  if (!row) throw new AppError("HOUSEHOLD_NOT_FOUND", `household ${householdId}`);
  return row;
}

/** Idempotent on the form's client id: a resent form returns the household it made. */
export function createHousehold(tx: DbOrTx, member: TeamMember, req: CreateHouseholdRequest, now: Date) {
  const known = tx
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.villageId, member.villageId), eq(households.clientId, req.clientId)))
    .get();
  if (known) return { id: known.id, created: false };
  const row = tx
    .insert(households)
    .values({
      villageId: member.villageId,
      label: req.label,
      hasSmartphone: req.hasSmartphone,
      clientId: req.clientId,
      createdByMember: member.memberId,
      createdAt: now,
      createdOn: vietnamDay(now),
    })
    .returning({ id: households.id })
    .get();
  return { id: row.id, created: true };
}

export function updateHousehold(tx: DbOrTx, villageId: number, householdId: number, req: UpdateHouseholdRequest) {
  householdOfVillage(tx, villageId, householdId);
  tx.update(households).set({ label: req.label, hasSmartphone: req.hasSmartphone }).where(eq(households.id, householdId)).run();
}

/**
 * The household leaves the list (moved away): it stops counting from today. Its member rows stay, so a
 * past period still finds who made it count; each member is free to join another household.
 */
export function removeHousehold(tx: DbOrTx, villageId: number, householdId: number, now: Date) {
  householdOfVillage(tx, villageId, householdId);
  tx.update(households)
    .set({ removedAt: now, removedOn: vietnamDay(now) })
    .where(eq(households.id, householdId))
    .run();
  tx.delete(householdCodes).where(eq(householdCodes.householdId, householdId)).run();
}

export function issueHouseholdCode(tx: DbOrTx, member: TeamMember, householdId: number, now: Date): HouseholdCode {
  householdOfVillage(tx, member.villageId, householdId);
  const code = randomCode8();
  const expiresAt = new Date(now.getTime() + HOUSEHOLD_CODE_TTL_MS);
  tx.insert(householdCodes)
    .values({ codeHash: hashToken(code), householdId, createdBy: member.memberId, createdAt: now, expiresAt })
    .run();
  return { code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: expiresAt.toISOString() };
}

/** A learner joins (or moves to) a household; one household per person. Both households' days follow. */
function setMembership(tx: DbOrTx, learnerId: number, householdId: number, now: Date) {
  const before = householdsOf(tx, [learnerId]);
  // Already a member (a resent form, a double tap): the day they joined must not move to today.
  if (before.includes(householdId)) return;
  tx.insert(householdMembers)
    .values({ learnerId, householdId, joinedAt: now })
    .onConflictDoUpdate({ target: householdMembers.learnerId, set: { householdId, joinedAt: now } })
    .run();
  refreshReadiness(tx, [...before, householdId]);
}

/**
 * A resident types the code a team member showed. Living in the household means living in its village,
 * so the learner's village follows (and is counted there from now on).
 */
export function joinHousehold(tx: DbOrTx, learnerId: number, code: string, now: Date) {
  const row = tx
    .select({ householdId: householdCodes.householdId, villageId: households.villageId })
    .from(householdCodes)
    .innerJoin(households, eq(households.id, householdCodes.householdId))
    .where(and(eq(householdCodes.codeHash, hashToken(code)), gt(householdCodes.expiresAt, now), isNull(households.removedAt)))
    .get();
  if (!row) throw new AppError("HOUSEHOLD_CODE_INVALID");
  setMembership(tx, learnerId, row.householdId, now);
  tx.update(learners).set({ villageId: row.villageId }).where(eq(learners.id, learnerId)).run();
  placeLearner(tx, learnerId);
}

export function leaveHousehold(tx: DbOrTx, learnerId: number) {
  const before = householdsOf(tx, [learnerId]);
  tx.delete(householdMembers).where(eq(householdMembers.learnerId, learnerId)).run();
  refreshReadiness(tx, before);
}

/** A person who moves to another village leaves a household of the old one. */
export function leaveHouseholdOutside(tx: DbOrTx, learnerId: number, villageId: number) {
  const row = tx
    .select({ villageId: households.villageId })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .where(eq(householdMembers.learnerId, learnerId))
    .get();
  if (row && row.villageId !== villageId) leaveHousehold(tx, learnerId);
}

/** A team member adds a resident of the village (e.g. someone without their own phone). */
export function addHouseholdMember(tx: DbOrTx, villageId: number, householdId: number, learnerId: number, now: Date) {
  householdOfVillage(tx, villageId, householdId);
  residentOfVillage(tx, villageId, learnerId);
  setMembership(tx, learnerId, householdId, now);
}

export function removeHouseholdMember(tx: DbOrTx, villageId: number, householdId: number, learnerId: number) {
  householdOfVillage(tx, villageId, householdId);
  tx.delete(householdMembers)
    .where(and(eq(householdMembers.learnerId, learnerId), eq(householdMembers.householdId, householdId)))
    .run();
  refreshReadiness(tx, [householdId]);
}

export function myHousehold(db: DbOrTx, learnerId: number): MyHousehold {
  const row = db
    .select({ id: households.id, label: households.label, villageName: villages.name })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .innerJoin(villages, eq(villages.id, households.villageId))
    .where(and(eq(householdMembers.learnerId, learnerId), isNull(households.removedAt)))
    .get();
  if (!row) return { household: null };
  const members = db.select({ n: count() }).from(householdMembers).where(eq(householdMembers.householdId, row.id)).get();
  return { household: { ...row, memberCount: members?.n ?? 0 } };
}

/**
 * The village's households with each member's required tasks and where the household stands under the
 * pure rule. Deleting one's data ends one's membership (learners/forget.ts), so nobody here is nameless.
 */
export function teamHouseholds(db: DbOrTx, content: CurriculumIndex, villageId: number): TeamHouseholdList {
  // Without a rule in the content no household counts (the dashboard says so).
  const rule = content.curriculum.householdRule ?? null;
  const required = rule?.requiredTasks ?? [];
  const list = db
    .select({ id: households.id, label: households.label, hasSmartphone: households.hasSmartphone })
    .from(households)
    .where(and(eq(households.villageId, villageId), isNull(households.removedAt)))
    .orderBy(asc(households.label), asc(households.id))
    .all();
  const members = list.length
    ? db
        .select({ householdId: householdMembers.householdId, learnerId: learners.id, displayName: learners.displayName })
        .from(householdMembers)
        .innerJoin(learners, eq(learners.id, householdMembers.learnerId))
        .where(
          inArray(
            householdMembers.householdId,
            list.map((h) => h.id),
          ),
        )
        .orderBy(asc(learners.id))
        .all()
    : [];
  const evidence = taskEvidence(
    db,
    content,
    members.map((m) => m.learnerId),
  );
  const titles = new Map(content.curriculum.tasks.map((t) => [t.id, t.title]));
  return {
    requiredTasks: required.map((id) => ({ id, title: titles.get(id) ?? id })),
    evidence: rule?.evidence ?? "confirmed",
    households: list.map((h) => {
      const mine = members.filter((m) => m.householdId === h.id);
      const memberTasks: MemberTasks[] = mine.map((m) => ({
        done: new Map(
          required.flatMap((task): [string, TaskEvidence][] => {
            const status = evidenceOf(evidence, m.learnerId, task).status;
            return status === "none" ? [] : [[task, status]];
          }),
        ),
      }));
      const standing = rule ? householdStanding(memberTasks, required) : { selfReported: false, confirmed: false };
      return {
        ...h,
        members: mine.map((m) => ({
          learnerId: m.learnerId,
          displayName: m.displayName,
          tasks: Object.fromEntries(required.map((task) => [task, evidenceOf(evidence, m.learnerId, task).status])),
        })),
        ...standing,
      };
    }),
  };
}
