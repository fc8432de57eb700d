import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { certificates } from "../db/schema";
import type { CurriculumIndex } from "../learning/curriculum";
import { type CertificateFacts, envelope, openBadgeCredential } from "./credential";
import { criteriaOf } from "./issue";
import { ensureSigningKey, signJwt } from "./signing";

export type CertificateRow = typeof certificates.$inferSelect;

export function findBySerial(db: DbOrTx, serial: string): CertificateRow | undefined {
  return db.select().from(certificates).where(eq(certificates.serial, serial)).get();
}

/** Null when the certificate no longer names anyone (withdrawn with the learner's data). */
export function factsOf(row: CertificateRow, content: CurriculumIndex): CertificateFacts | null {
  if (!row.displayName) return null;
  const program = content.curriculum.programs.find((p) => p.id === row.programId);
  return {
    serial: row.serial,
    displayName: row.displayName,
    programId: row.programId,
    programTitle: row.programTitle,
    programDescription: program?.description ?? row.programTitle,
    criteria: criteriaOf(content, row.programId),
    communeName: row.communeName,
    issuedAt: row.issuedAt,
    contentVersion: row.contentVersion,
  };
}

/** The signed Open Badges 3.0 credential, as JSON to download and verify offline. */
export function signedCredential(db: DbOrTx, row: CertificateRow, content: CurriculumIndex, baseUrl: string, now: Date) {
  const facts = factsOf(row, content);
  if (!facts) return null;
  return envelope(signJwt(openBadgeCredential(facts, baseUrl), ensureSigningKey(db, now)));
}
