import {
  ClaimRequest,
  CreateCampaignRequest,
  JoinTeamRequest,
  RecordClassRequest,
  RegisterResidentRequest,
  RosterQuery,
  type TeamHome,
} from "@hvs/shared/team";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import QRCode from "qrcode";
import { z } from "zod";
import { campaignDetail, campaignSummary, cancelCampaign, createCampaign, villageCampaigns } from "../campaigns/store";
import type { Db } from "../db/client";
import { communes, villages } from "../db/schema";
import { createTeamHouseholdRoutes } from "../households/routes";
import { AppError } from "../http/app-error";
import type { AppEnv, TeamMember } from "../http/context";
import { jsonBody, params, query } from "../http/validate";
import { loadMe } from "../learners/me";
import type { CurriculumIndex } from "../learning/curriculum";
import { createTeamTaskRoutes } from "../tasks/routes";
import { recordClass, villageClasses } from "./classes";
import { joinTeam } from "./invites";
import { membershipOf, requireTeamMember } from "./membership";
import { posterPage } from "./poster-page";
import { claimRecord, issueClaimCode, registerResident, startAssisting } from "./residents";
import { roster } from "./roster";

interface Deps {
  db: Db;
  content: CurriculumIndex;
  now: () => Date;
  /** The mini app's address; the village link adds `?village=<id>`. */
  miniAppUrl: string;
  publicBaseUrl?: string;
}

const IdParam = z.object({ id: z.coerce.number().int().positive() });

export function villageLink(miniAppUrl: string, villageId: number): string {
  const url = new URL(miniAppUrl);
  url.searchParams.set("village", String(villageId));
  return url.toString();
}

const qrSvg = (text: string) => QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });

async function teamHome(deps: Deps, member: TeamMember, origin: string): Promise<TeamHome> {
  const joinLink = villageLink(deps.miniAppUrl, member.villageId);
  return {
    member: { id: member.memberId, displayName: member.displayName },
    village: { id: member.villageId, name: member.villageName },
    communeName: member.communeName,
    joinLink,
    posterUrl: `${deps.publicBaseUrl ?? origin}/villages/${member.villageId}/poster`,
    qrSvg: await qrSvg(joinLink),
  };
}

/**
 * `/api/team`: the village team's tools. Mounted behind requireLearner; every route but `join` also needs
 * an active membership, and acts only on the member's own village (from the database, never the request),
 * so a member of another village gets 404 for anyone or anything here.
 */
export function createTeamRoutes(deps: Deps) {
  const { db, content, now } = deps;
  const origin = (url: string) => new URL(url).origin;
  const member = requireTeamMember(db);
  return new Hono<AppEnv>()
    .post("/join", jsonBody(JoinTeamRequest), async (c) => {
      if (c.get("assistedBy") !== null) throw new AppError("NOT_TEAM_MEMBER", "assisted session");
      joinTeam(db, c.get("learnerId"), c.req.valid("json").code, now());
      const joined = membershipOf(db, c.get("learnerId"));
      if (!joined) throw new AppError("INVITE_INVALID", "membership removed");
      return c.json(await teamHome(deps, joined, origin(c.req.url)), 200);
    })
    .use("/*", member)
    .get("/", async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await teamHome(deps, c.get("team"), origin(c.req.url)), 200);
    })
    .get("/roster", query(RosterQuery), (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(roster(db, c.get("team").villageId, c.req.valid("query"), now()), 200);
    })
    .post("/residents", jsonBody(RegisterResidentRequest), (c) => {
      const { learnerId, claim, created } = registerResident(db, c.get("team"), c.req.valid("json"), now());
      return c.json({ learnerId, claim }, created ? 201 : 200);
    })
    .post("/residents/:id/claim-code", params(IdParam), (c) => {
      const member = c.get("team");
      const claim = db.transaction((tx) => issueClaimCode(tx, member, c.req.valid("param").id, now()), { behavior: "immediate" });
      return c.json(claim, 200);
    })
    .post("/residents/:id/assist", params(IdParam), (c) => {
      const learnerId = c.req.valid("param").id;
      const member = c.get("team");
      const session = startAssisting(db, member, learnerId, now());
      return c.json(
        { sessionToken: session.token, expiresAt: session.expiresAt.toISOString(), me: loadMe(db, learnerId, member.memberId) },
        200,
      );
    })
    .get("/classes", (c) => {
      c.header("Cache-Control", "no-store");
      return c.json({ classes: villageClasses(db, content, c.get("team").villageId) }, 200);
    })
    .post("/classes", jsonBody(RecordClassRequest), (c) => {
      const { summary, created } = recordClass(db, content, c.get("team"), c.req.valid("json"), now());
      return c.json(summary, created ? 201 : 200);
    })
    .get("/campaigns", (c) => {
      c.header("Cache-Control", "no-store");
      return c.json({ campaigns: villageCampaigns(db, c.get("team").villageId) }, 200);
    })
    .post("/campaigns", jsonBody(CreateCampaignRequest), (c) => {
      const team = c.get("team");
      const { campaign, created } = createCampaign(
        db,
        { communeId: team.communeId, villageId: team.villageId, memberId: team.memberId },
        c.req.valid("json"),
        now(),
      );
      return c.json(campaignSummary(db, campaign), created ? 201 : 200);
    })
    .get("/campaigns/:id", params(IdParam), (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(campaignDetail(db, c.get("team").villageId, c.req.valid("param").id), 200);
    })
    .post("/campaigns/:id/cancel", params(IdParam), (c) => {
      return c.json(cancelCampaign(db, c.get("team").villageId, c.req.valid("param").id, now()), 200);
    })
    .route("/households", createTeamHouseholdRoutes({ db, content, now }))
    .route("/residents", createTeamTaskRoutes({ db, content, now }));
}

/** `/api/me/claim`: a resident takes over the record a team made for them. */
export function createClaimRoute({ db, now }: Pick<Deps, "db" | "now">) {
  return new Hono<AppEnv>().post("/", jsonBody(ClaimRequest), (c) => {
    if (c.get("assistedBy") !== null) throw new AppError("FORBIDDEN", "claim in an assisted session");
    claimRecord(db, c.get("learnerId"), c.req.valid("json").code, now());
    return c.json(loadMe(db, c.get("learnerId")), 200);
  });
}

/** `/villages/:id/poster`: public and printable. */
export function createPosterRoutes(deps: Pick<Deps, "db" | "miniAppUrl">) {
  return new Hono<AppEnv>().get("/:id/poster", params(IdParam), async (c) => {
    const village = deps.db
      .select({ id: villages.id, name: villages.name, communeName: communes.name })
      .from(villages)
      .innerJoin(communes, eq(communes.id, villages.communeId))
      .where(eq(villages.id, c.req.valid("param").id))
      .get();
    if (!village) throw new AppError("VILLAGE_NOT_FOUND");
    const link = villageLink(deps.miniAppUrl, village.id);
    return c.html(posterPage({ villageName: village.name, communeName: village.communeName, link, qrSvg: await qrSvg(link) }));
  });
}
