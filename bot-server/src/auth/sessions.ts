import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { preparedOnce } from "../db/prepared";
import { sessions } from "../db/schema";

export const LEARNER_SESSION_MS = 30 * 24 * 60 * 60 * 1000;
export const STAFF_SESSION_MS = 12 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A learner's own session, a team member's phone acting for a learner (assisted), or staff. */
type Subject = { learnerId: number; assistedBy?: number } | { staffId: number };

/** 256 random bits; the database keeps only the hash. */
export function createSession(db: DbOrTx, subject: Subject, ttlMs: number, now: Date) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlMs);
  db.insert(sessions)
    .values({ tokenHash: hashToken(token), createdAt: now, expiresAt, ...subject })
    .run();
  return { token, expiresAt };
}

// Runs on every authenticated request, so it is prepared once (db/prepared.ts). Not cached: a logout or a
// "delete my data" must lock the token out on the very next request.
const sessionByHash = preparedOnce((db) =>
  db
    .select({ learnerId: sessions.learnerId, staffId: sessions.staffId, assistedBy: sessions.assistedBy })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, sql.placeholder("tokenHash")), gt(sessions.expiresAt, sql.placeholder("now"))))
    .prepare(),
);

export function findSession(db: DbOrTx, token: string, now: Date) {
  return sessionByHash(db).get({ tokenHash: hashToken(token), now: now.getTime() });
}

export function deleteSession(db: DbOrTx, token: string): void {
  db.delete(sessions)
    .where(eq(sessions.tokenHash, hashToken(token)))
    .run();
}

/** Run at start: expired rows are useless and should not linger in backups. */
export function purgeExpiredSessions(db: DbOrTx, now: Date): number {
  return db.delete(sessions).where(lte(sessions.expiresAt, now)).run().changes;
}
