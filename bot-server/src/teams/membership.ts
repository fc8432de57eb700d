import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import type { DbOrTx } from "../db/client";
import { preparedOnce } from "../db/prepared";
import { communes, teamMembers, villages } from "../db/schema";
import { AppError } from "../http/app-error";
import type { AppEnv, TeamMember } from "../http/context";

// Checked on every team request: prepared once, and never cached, so removing a member takes effect at once.
const activeMembership = preparedOnce((db) =>
  db
    .select({
      memberId: teamMembers.id,
      displayName: teamMembers.displayName,
      villageId: villages.id,
      villageName: villages.name,
      communeId: communes.id,
      communeName: communes.name,
    })
    .from(teamMembers)
    .innerJoin(villages, eq(villages.id, teamMembers.villageId))
    .innerJoin(communes, eq(communes.id, villages.communeId))
    .where(and(eq(teamMembers.learnerId, sql.placeholder("learnerId")), isNull(teamMembers.removedAt)))
    .orderBy(asc(teamMembers.id))
    .limit(1)
    .prepare(),
);

/** The learner's team role, if any. A person serves one village's team (the first they joined). */
export function membershipOf(db: DbOrTx, learnerId: number): TeamMember | undefined {
  return activeMembership(db).get({ learnerId });
}

/**
 * After requireLearner: only an active team member gets through, and the village they act on is theirs,
 * set here from the database, never taken from the request. A phone lent for assisted learning holds the
 * resident's session, which is refused: the resident must not gain the helper's role.
 */
export function requireTeamMember(db: DbOrTx) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.get("assistedBy") !== null) throw new AppError("NOT_TEAM_MEMBER", "assisted session");
    const member = membershipOf(db, c.get("learnerId"));
    if (!member) throw new AppError("NOT_TEAM_MEMBER");
    c.set("team", member);
    await next();
  });
}
