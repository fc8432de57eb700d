import type { CampaignDetail, CampaignSummary, CreateCampaignRequest, RecipientOutcome } from "@hvs/shared/team";
import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "../db/client";
import { campaigns } from "../db/schema";
import { AppError } from "../http/app-error";
import { cancelCampaignIn } from "./dispatch";

type Campaign = typeof campaigns.$inferSelect;
type CreateCampaign = z.output<typeof CreateCampaignRequest>;

const DAY_MS = 86_400_000;

/** Creates a campaign, or returns the one this form already created (same village and client id). */
export function createCampaign(
  db: Db,
  scope: { communeId: number; villageId: number; memberId?: number; staffId?: number },
  request: CreateCampaign,
  now: Date,
): { campaign: Campaign; created: boolean } {
  return db.transaction(
    (tx) => {
      const existing = tx
        .select()
        .from(campaigns)
        .where(and(eq(campaigns.villageId, scope.villageId), eq(campaigns.clientId, request.clientId)))
        .get();
      if (existing) return { campaign: existing, created: false };
      const campaign = tx
        .insert(campaigns)
        .values({
          clientId: request.clientId,
          communeId: scope.communeId,
          villageId: scope.villageId,
          createdByMember: scope.memberId ?? null,
          createdByStaff: scope.staffId ?? null,
          audience: request.audience,
          stalledDays: request.audience === "stalled" ? (request.stalledDays ?? 7) : null,
          template: request.template,
          startAt: request.startAt ? new Date(Math.max(now.getTime(), Date.parse(request.startAt))) : now,
          createdAt: now,
        })
        .returning()
        .get();
      return { campaign, created: true };
    },
    { behavior: "immediate" },
  );
}

/**
 * A recipient's outcome: the campaign's own decision, then, for those queued, what the OA outbox says
 * happened to the message (the join is on the outbox key, `campaign:<id>:<learner>`).
 */
const outcomeSql = sql<RecipientOutcome>`case
  when r.state = 'pending' then 'waiting'
  when r.state in ('unreachable', 'skipped') then r.state
  when o.state = 'sent' then 'sent'
  when o.state = 'failed' then 'failed'
  else 'sending' end`;

const outboxJoin = sql`left join oa_outbox o on o.dedupe_key = 'campaign:' || r.campaign_id || ':' || r.learner_id`;

export function campaignSummary(db: DbOrTx, campaign: Campaign): CampaignSummary {
  const outcomes: Record<RecipientOutcome, number> = { waiting: 0, sending: 0, sent: 0, failed: 0, unreachable: 0, skipped: 0 };
  const rows = db.all<{ outcome: RecipientOutcome; n: number }>(sql`
    select ${outcomeSql} as outcome, count(*) as n from campaign_recipients r ${outboxJoin}
    where r.campaign_id = ${campaign.id} group by 1`);
  for (const row of rows) outcomes[row.outcome] = Number(row.n);
  // "Came back": reached (Zalo took the message), then did something that counts within 7 days.
  const cameBack = db.get<{ n: number }>(sql`
    select count(*) as n from campaign_recipients r ${outboxJoin}
    where r.campaign_id = ${campaign.id} and o.state = 'sent' and (
      exists (select 1 from progress_events e where e.learner_id = r.learner_id
        and e.received_at > o.sent_at and e.received_at <= o.sent_at + ${7 * DAY_MS})
      or exists (select 1 from class_attendance a join classes c on c.id = a.class_id where a.learner_id = r.learner_id
        and c.created_at > o.sent_at and c.created_at <= o.sent_at + ${7 * DAY_MS}))`);
  return {
    id: campaign.id,
    audience: campaign.audience,
    stalledDays: campaign.stalledDays,
    template: campaign.template,
    startAt: campaign.startAt.toISOString(),
    state: campaign.state,
    recipientCount: campaign.recipientCount,
    outcomes,
    cameBackWithin7Days: Number(cameBack?.n ?? 0),
  };
}

function campaignOfVillage(db: DbOrTx, villageId: number, campaignId: number): Campaign {
  const row = db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.villageId, villageId)))
    .get();
  if (!row) throw new AppError("CAMPAIGN_NOT_FOUND");
  return row;
}

export function villageCampaigns(db: DbOrTx, villageId: number): CampaignSummary[] {
  return db
    .select()
    .from(campaigns)
    .where(eq(campaigns.villageId, villageId))
    .orderBy(desc(campaigns.id))
    .limit(50)
    .all()
    .map((c) => campaignSummary(db, c));
}

const MAX_LISTED = 500;

export function campaignDetail(db: DbOrTx, villageId: number, campaignId: number): CampaignDetail {
  const campaign = campaignOfVillage(db, villageId, campaignId);
  const recipients = db.all<{ learnerId: number; displayName: string | null; outcome: RecipientOutcome; reason: string | null }>(sql`
    select r.learner_id as learnerId, l.display_name as displayName, ${outcomeSql} as outcome,
      case when o.state = 'failed' then o.outcome else r.reason end as reason
    from campaign_recipients r join learners l on l.id = r.learner_id ${outboxJoin}
    where r.campaign_id = ${campaign.id}
    order by r.learner_id limit ${MAX_LISTED}`);
  return { ...campaignSummary(db, campaign), recipients };
}

export function cancelCampaign(db: Db, villageId: number, campaignId: number, now: Date): CampaignSummary {
  return db.transaction(
    (tx) => {
      const campaign = campaignOfVillage(tx, villageId, campaignId);
      if (campaign.state === "done" || campaign.state === "cancelled") throw new AppError("CAMPAIGN_FINISHED");
      cancelCampaignIn(tx, campaign.id, now);
      return campaignSummary(tx, campaignOfVillage(tx, villageId, campaignId));
    },
    { behavior: "immediate" },
  );
}
