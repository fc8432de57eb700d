import { CONSENT_VERSION } from "@hvs/shared/consent";
import { type CreateProfileRequest, MAX_PROFILES_PER_ACCOUNT, type ProfileList } from "@hvs/shared/family";
import { and, asc, eq, isNull, or } from "drizzle-orm";
import { hashPassword, verifyPassword } from "../admin/passwords";
import type { Db, DbOrTx } from "../db/client";
import { learnerIdentities, learners } from "../db/schema";
import { AppError } from "../http/app-error";
import { placeLearner } from "../indicators/milestones";

/** Wrong PINs in a row before the profile locks, and for how long. 10,000 PINs cannot be tried this way. */
export const PIN_MAX_FAILURES = 5;
export const PIN_LOCK_MS = 15 * 60 * 1000;
// ~80 ms per check here (staff passwords: ~0.4 s): the lockout, not the hash, is what protects four digits.
const PIN_SCRYPT_N = 2 ** 14;

interface AccountRow {
  id: number;
  displayName: string | null;
  accountOwnerId: number | null;
  pinHash: string | null;
}

const sameName = (a: string | null, b: string) =>
  (a ?? "").normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi") ===
  b.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");

/** The learner whose Zalo account holds this profile (itself, for the owner). */
export function accountOwnerOf(db: DbOrTx, learnerId: number): number {
  const row = db.select({ owner: learners.accountOwnerId }).from(learners).where(eq(learners.id, learnerId)).get();
  return row?.owner ?? learnerId;
}

/** The account's living profiles, the owner first. */
function accountProfiles(db: DbOrTx, ownerId: number): AccountRow[] {
  return db
    .select({ id: learners.id, displayName: learners.displayName, accountOwnerId: learners.accountOwnerId, pinHash: learners.pinHash })
    .from(learners)
    .where(
      and(or(eq(learners.id, ownerId), eq(learners.accountOwnerId, ownerId)), isNull(learners.forgottenAt), isNull(learners.mergedInto)),
    )
    .orderBy(asc(learners.id))
    .all()
    .sort((a, b) => (a.id === ownerId ? -1 : b.id === ownerId ? 1 : a.id - b.id));
}

export function familyOf(db: DbOrTx, learnerId: number): { profileCount: number; isOwner: boolean } {
  const owner = accountOwnerOf(db, learnerId);
  return { profileCount: accountProfiles(db, owner).length, isOwner: owner === learnerId };
}

export function listProfiles(db: DbOrTx, learnerId: number): ProfileList {
  const owner = accountOwnerOf(db, learnerId);
  return {
    canManage: owner === learnerId,
    profiles: accountProfiles(db, owner).map((p) => ({
      id: p.id,
      displayName: p.displayName ?? "Chủ tài khoản",
      isOwner: p.id === owner,
      hasPin: p.pinHash !== null,
      current: p.id === learnerId,
    })),
  };
}

/** A profile of the same account as `learnerId`, or PROFILE_NOT_FOUND (never another family's). */
function profileInAccount(db: DbOrTx, learnerId: number, profileId: number): AccountRow {
  const owner = accountOwnerOf(db, learnerId);
  const profile = accountProfiles(db, owner).find((p) => p.id === profileId);
  if (!profile) throw new AppError("PROFILE_NOT_FOUND", `profile ${profileId}`);
  return profile;
}

function requireOwner(db: DbOrTx, learnerId: number): number {
  const owner = accountOwnerOf(db, learnerId);
  if (owner !== learnerId) throw new AppError("NOT_ACCOUNT_OWNER");
  return owner;
}

/**
 * Only the account's owner adds family members; each agreed to the consent text in front of them. A name
 * already on the account is that same person: a form sent twice (a double tap on a weak signal) adds one.
 */
export async function createProfile(
  db: Db,
  learnerId: number,
  req: CreateProfileRequest,
  now: Date,
): Promise<{ id: number; created: boolean }> {
  if (req.consentVersion !== CONSENT_VERSION) throw new AppError("CONSENT_REQUIRED");
  const pinHash = req.pin ? await hashPassword(req.pin, PIN_SCRYPT_N) : null;
  return db.transaction(
    (tx) => {
      const owner = requireOwner(tx, learnerId);
      const profiles = accountProfiles(tx, owner);
      const same = profiles.find((p) => p.id !== owner && sameName(p.displayName, req.displayName));
      if (same) return { id: same.id, created: false };
      if (profiles.length >= MAX_PROFILES_PER_ACCOUNT) throw new AppError("PROFILE_LIMIT");
      const village = tx.select({ villageId: learners.villageId }).from(learners).where(eq(learners.id, owner)).get();
      const created = tx
        .insert(learners)
        .values({
          displayName: req.displayName,
          villageId: village?.villageId ?? null,
          createdAt: now,
          consentVersion: req.consentVersion,
          consentedAt: now,
          accountOwnerId: owner,
          pinHash,
        })
        .returning({ id: learners.id })
        .get();
      placeLearner(tx, created.id);
      return { id: created.id, created: true };
    },
    { behavior: "immediate" },
  );
}

/**
 * Checks the target's PIN, if it has one. Wrong tries are counted in their own committed write, so
 * concurrent guesses cannot slip past the lockout; a right one resets the count.
 */
export async function checkPin(db: Db, learnerId: number, profileId: number, pin: string | undefined, now: Date): Promise<void> {
  const profile = profileInAccount(db, learnerId, profileId);
  if (profile.pinHash === null) return;
  const lock = db.select({ until: learners.pinLockedUntil }).from(learners).where(eq(learners.id, profileId)).get();
  if (lock?.until && lock.until > now) throw new AppError("PIN_LOCKED");
  const right = pin !== undefined && (await verifyPassword(pin, profile.pinHash));
  db.transaction(
    (tx) => {
      const row = tx
        .select({ failures: learners.pinFailures, until: learners.pinLockedUntil })
        .from(learners)
        .where(eq(learners.id, profileId))
        .get();
      if (row?.until && row.until > now) throw new AppError("PIN_LOCKED");
      if (right) {
        tx.update(learners).set({ pinFailures: 0, pinLockedUntil: null }).where(eq(learners.id, profileId)).run();
        return;
      }
      const failures = (row?.failures ?? 0) + 1;
      const locked = failures >= PIN_MAX_FAILURES;
      tx.update(learners)
        .set({ pinFailures: locked ? 0 : failures, pinLockedUntil: locked ? new Date(now.getTime() + PIN_LOCK_MS) : null })
        .where(eq(learners.id, profileId))
        .run();
    },
    { behavior: "immediate" },
  );
  if (!right) throw new AppError("PIN_WRONG");
}

/** A profile sets or removes its own PIN; the owner may also remove or reset a family member's (forgotten PIN). */
export async function setPin(db: Db, learnerId: number, profileId: number, pin: string | null): Promise<void> {
  profileInAccount(db, learnerId, profileId);
  if (profileId !== learnerId) requireOwner(db, learnerId);
  const pinHash = pin === null ? null : await hashPassword(pin, PIN_SCRYPT_N);
  db.update(learners).set({ pinHash, pinFailures: 0, pinLockedUntil: null }).where(eq(learners.id, profileId)).run();
}

/** The owner removes a family member's profile; what to delete is decided by forgetLearner. */
export function profileToRemove(db: DbOrTx, learnerId: number, profileId: number): number {
  const owner = requireOwner(db, learnerId);
  if (profileId === owner) throw new AppError("FORBIDDEN", "the owner removes their own data from 'my data'");
  profileInAccount(db, learnerId, profileId);
  return profileId;
}

/**
 * When the owner deletes their own data, the family's other profiles must not be lost with it: the eldest
 * remaining profile takes over the phone's Zalo sign-in and the others move to it. Runs inside forgetLearner.
 */
export function handOverAccount(tx: DbOrTx, ownerId: number): void {
  const heir = tx
    .select({ id: learners.id })
    .from(learners)
    .where(and(eq(learners.accountOwnerId, ownerId), isNull(learners.forgottenAt), isNull(learners.mergedInto)))
    .orderBy(asc(learners.id))
    .get();
  if (!heir) return;
  tx.update(learners).set({ accountOwnerId: null }).where(eq(learners.id, heir.id)).run();
  tx.update(learners).set({ accountOwnerId: heir.id }).where(eq(learners.accountOwnerId, ownerId)).run();
  tx.update(learnerIdentities)
    .set({ learnerId: heir.id })
    .where(and(eq(learnerIdentities.learnerId, ownerId), eq(learnerIdentities.provider, "zalo_app")))
    .run();
}
