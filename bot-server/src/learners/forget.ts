import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { certificates, claimCodes, householdMembers, learnerIdentities, learners, sessions } from "../db/schema";
import { householdsOf, refreshReadiness } from "../households/readiness";
import { handOverAccount } from "../profiles/store";

/**
 * A person's "delete my data", from the mini app or from Zalo's `user_withdraw`. What identifies them goes:
 * name, year of birth, phone, Zalo ids, sessions, codes for claiming the record, the name on a certificate (which then reads "withdrawn at the learner's
 * request"). What they did stays, unattributable, so the counts the commune already reported do not
 * silently shrink.
 */
export function forgetLearner(tx: DbOrTx, learnerId: number, now: Date): void {
  tx.update(learners)
    .set({ displayName: null, birthYear: null, phone: null, pinHash: null, forgottenAt: now })
    .where(eq(learners.id, learnerId))
    .run();
  tx.delete(claimCodes).where(eq(claimCodes.learnerId, learnerId)).run();
  // Which household a person lives in is about them; the tasks they did stay, unattributed, in the task counts.
  const home = householdsOf(tx, [learnerId]);
  tx.delete(householdMembers).where(eq(householdMembers.learnerId, learnerId)).run();
  refreshReadiness(tx, home);
  tx.update(certificates).set({ displayName: null }).where(eq(certificates.learnerId, learnerId)).run();
  // A certificate staff revoked stays revoked: deleting one's data must not turn it back into one that counts.
  tx.update(certificates)
    .set({ status: "withdrawn", statusReason: "Người học yêu cầu xóa dữ liệu", statusChangedAt: now })
    .where(and(eq(certificates.learnerId, learnerId), eq(certificates.status, "valid")))
    .run();
  // Family members learning on the same phone keep their profiles (and the phone's Zalo sign-in).
  handOverAccount(tx, learnerId);
  tx.delete(learnerIdentities).where(eq(learnerIdentities.learnerId, learnerId)).run();
  tx.delete(sessions).where(eq(sessions.learnerId, learnerId)).run();
}
