import { CONSENT_VERSION, ZaloSignInRequest } from "@hvs/shared/api";
import { and, eq, isNull, ne, or } from "drizzle-orm";
import { Hono } from "hono";
import type { Db } from "../db/client";
import { learnerIdentities, learners } from "../db/schema";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";
import { jsonBody } from "../http/validate";
import { placeLearner } from "../indicators/milestones";
import { loadMe } from "../learners/me";
import type { ZaloGraphClient } from "../zalo/graph-client";
import { createSession, deleteSession, LEARNER_SESSION_MS } from "./sessions";

interface Deps {
  db: Db;
  zalo: ZaloGraphClient;
  now: () => Date;
}

/**
 * The mini app sends the token from zmp-sdk's getAccessToken(); Zalo tells us whose it is. We never trust
 * an id the client sends.
 */
export function createZaloSignInRoutes({ db, zalo, now }: Deps) {
  return new Hono<AppEnv>()
    .post("/logout", (c) => {
      // Idempotent: an unknown or already-ended session is simply gone.
      const token = /^Bearer (\S+)$/.exec(c.req.header("Authorization") ?? "")?.[1];
      if (token) deleteSession(db, token);
      return c.json({ signedOut: true }, 200);
    })
    .post("/zalo", jsonBody(ZaloSignInRequest), async (c) => {
      const { accessToken, consentVersion } = c.req.valid("json");
      // Checked before Zalo is even asked: without agreement nothing about the person is fetched or kept.
      if (consentVersion !== CONSENT_VERSION) throw new AppError("CONSENT_REQUIRED");
      const profile = await zalo.getMe(accessToken);
      const at = now();
      const { learnerId, session } = db.transaction(
        (tx) => {
          const known = tx
            .select({ learnerId: learnerIdentities.learnerId })
            .from(learnerIdentities)
            .where(and(eq(learnerIdentities.provider, "zalo_app"), eq(learnerIdentities.subject, profile.id)))
            .get();
          let learnerId = known?.learnerId;
          if (learnerId === undefined) {
            const created = tx
              .insert(learners)
              .values({ displayName: profile.name, createdAt: at, consentVersion, consentedAt: at })
              .returning({ id: learners.id })
              .get();
            learnerId = created.id;
            placeLearner(tx, learnerId);
            tx.insert(learnerIdentities).values({ learnerId, provider: "zalo_app", subject: profile.id, createdAt: at }).run();
          } else {
            // Someone known (e.g. signed up by a village team) agrees now, or to a newer text: keep the latest.
            tx.update(learners)
              .set({ consentVersion, consentedAt: at })
              .where(and(eq(learners.id, learnerId), or(isNull(learners.consentVersion), ne(learners.consentVersion, consentVersion))))
              .run();
          }
          return { learnerId, session: createSession(tx, { learnerId }, LEARNER_SESSION_MS, at) };
        },
        { behavior: "immediate" },
      );
      return c.json({ sessionToken: session.token, expiresAt: session.expiresAt.toISOString(), me: loadMe(db, learnerId) }, 200);
    });
}
