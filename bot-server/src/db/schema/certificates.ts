import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { staff } from "./accounts";
import { learners } from "./learners";
import { quizAttempts } from "./progress";

/**
 * The server's Ed25519 keys for signing certificates, made on first start. Kept in the database so that a
 * backup restores the ability to sign and to prove old certificates; the public halves are published.
 */
export const signingKeys = sqliteTable("signing_keys", {
  kid: text().primaryKey(),
  /** The raw 32-byte public key, base64url (a JWK's `x`). */
  publicKey: text().notNull(),
  privateKeyPem: text().notNull(),
  createdAt: integer({ mode: "timestamp_ms" }).notNull(),
});

/**
 * One per learner and program, ever: the unique index is what makes issuing exactly-once however many
 * gradings race. What it shows is copied in at issue time, so a later rename does not change it. The signed
 * credential is made from these facts when asked for (Ed25519 signatures are deterministic).
 */
export const certificates = sqliteTable(
  "certificates",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    serial: text().notNull().unique(),
    learnerId: integer()
      .notNull()
      .references(() => learners.id),
    programId: text().notNull(),
    programTitle: text().notNull(),
    /** Null once the learner has withdrawn it with their data. */
    displayName: text(),
    communeName: text().notNull(),
    contentVersion: text().notNull(),
    issuedAt: integer({ mode: "timestamp_ms" }).notNull(),
    status: text({ enum: ["valid", "revoked", "withdrawn"] })
      .notNull()
      .default("valid"),
    statusReason: text(),
    statusChangedAt: integer({ mode: "timestamp_ms" }),
    statusChangedBy: integer().references(() => staff.id),
  },
  (t) => [uniqueIndex("certificates_learner_program").on(t.learnerId, t.programId)],
);

/**
 * Results the server would not accept on its own: a final quiz answered faster than a person can read it.
 * The attempt is held (no certificate from it) until a staff member looks.
 */
export const reviewFlags = sqliteTable(
  "review_flags",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    learnerId: integer()
      .notNull()
      .references(() => learners.id),
    attemptId: integer()
      .notNull()
      .references(() => quizAttempts.id),
    reason: text({ enum: ["too_fast"] }).notNull(),
    /** Plain facts for the reviewer, e.g. "5 câu trong 4 giây". */
    detail: text().notNull(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    resolution: text({ enum: ["accepted", "rejected"] }),
    resolvedAt: integer({ mode: "timestamp_ms" }),
    resolvedBy: integer().references(() => staff.id),
  },
  (t) => [uniqueIndex("review_flags_attempt").on(t.attemptId), index("review_flags_open").on(t.resolution)],
);
