import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { villages } from "./places";

/** A person who learns. Deliberately small: name and village are all the indicator and certificate need. */
export const learners = sqliteTable(
  "learners",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    displayName: text(),
    villageId: integer().references(() => villages.id),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    /** Which consent text the person agreed to, and when: the proof Decree 356/2025 expects to be kept. */
    consentVersion: text(),
    consentedAt: integer({ mode: "timestamp_ms" }),
    /** Set when this record turned out to be the same person as another and everything moved there. */
    mergedInto: integer(),
    /** Asked only when a village team signs someone up without Zalo: enough to tell namesakes apart. */
    birthYear: integer(),
    /** Optional, for a team to call the person; never shown outside the person's village team. */
    phone: text(),
    /** The team member (team_members.id) who signed this person up, when it was not the person themself. */
    registeredBy: integer(),
    /** When the person deleted their data: the row stays only so counts already reported do not shrink. */
    forgottenAt: integer({ mode: "timestamp_ms" }),
    /**
     * Set on a family member's profile: the learner whose Zalo account holds it (several people learning
     * on one phone). Each profile learns, is counted and is certified as its own person.
     */
    accountOwnerId: integer(),
    /** Optional 4-digit PIN guarding a profile on a shared phone: scrypt, as staff passwords. */
    pinHash: text(),
    /** Wrong PINs in a row, and until when the profile is locked after too many. */
    pinFailures: integer().notNull().default(0),
    pinLockedUntil: integer({ mode: "timestamp_ms" }),
  },
  (t) => [
    index("learners_village").on(t.villageId),
    // "The records merged into this one" is asked on every sign-up, village change and certificate.
    index("learners_merged_into").on(t.mergedInto),
    index("learners_account_owner").on(t.accountOwnerId),
  ],
);

/**
 * How a learner is recognised. One learner can have several identities (the mini app's app-scoped Zalo
 * id, later the OA's follower id or a team member's assisted sign-up) so that one person counts once.
 */
export const learnerIdentities = sqliteTable(
  "learner_identities",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    learnerId: integer()
      .notNull()
      .references(() => learners.id, { onDelete: "cascade" }),
    /** zalo_app: the mini app's app-scoped id; zalo_oa: the OA follower id; assisted: signed up by a village team. */
    provider: text({ enum: ["zalo_app", "zalo_oa", "assisted"] }).notNull(),
    subject: text().notNull(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("learner_identities_provider_subject").on(t.provider, t.subject),
    index("learner_identities_learner").on(t.learnerId),
  ],
);
