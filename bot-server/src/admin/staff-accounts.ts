import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { sessions, staff } from "../db/schema";
import { generatePassword, hashPassword } from "./passwords";

/**
 * Creates a staff account, or gives an existing one a new password and commune. Returns the password,
 * which is only ever shown once: the database keeps its hash, and the old password's sessions end.
 */
export async function issueStaffPassword(
  db: Db,
  account: { communeId: number; username: string; role?: "commune" | "province" },
  now: Date,
): Promise<string> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  db.transaction(
    (tx) => {
      const row = tx
        .insert(staff)
        .values({ ...account, role: account.role ?? "commune", passwordHash, createdAt: now })
        .onConflictDoUpdate({
          target: staff.username,
          set: { passwordHash, communeId: account.communeId, role: account.role ?? "commune" },
        })
        .returning({ id: staff.id })
        .get();
      tx.delete(sessions).where(eq(sessions.staffId, row.id)).run();
    },
    { behavior: "immediate" },
  );
  return password;
}
