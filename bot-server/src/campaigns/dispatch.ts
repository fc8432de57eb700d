import { renderTemplate } from "@hvs/shared/team";
import { atVietnamTime, DEFAULT_QUIET_HOURS, isQuiet, type QuietHours, vietnamClock } from "@hvs/shared/vietnam-time";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { nextStep } from "../chatbot/conversation";
import { buttons } from "../chatbot/replies";
import type { Db, DbOrTx } from "../db/client";
import { campaignRecipients, campaigns } from "../db/schema";
import type { CurriculumIndex } from "../learning/curriculum";
import { finishedBy } from "../learning/finished";
import { enqueueMessages, OA_REPLY_WINDOW_MS, type Outgoing, remindedSince } from "../zalo/oa-outbox";
import { materializeRecipients } from "./audience";

/** The outbox key of a campaign's message to one person: what makes "at most once" hold across restarts. */
export const campaignMessageKey = (campaignId: number, learnerId: number) => `campaign:${campaignId}:${learnerId}`;

/** Starts every campaign whose time has come: its recipients are written and it begins sending, atomically. */
export function startDueCampaigns(db: Db, now: Date): number {
  const due = db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.state, "scheduled"), lte(campaigns.startAt, now)))
    .all();
  for (const campaign of due) {
    db.transaction(
      (tx) => {
        const count = materializeRecipients(tx, campaign, now);
        tx.update(campaigns).set({ state: "sending", recipientCount: count }).where(eq(campaigns.id, campaign.id)).run();
      },
      { behavior: "immediate" },
    );
  }
  return due.length;
}

interface Person {
  displayName: string | null;
  hasPhone: number;
  oaUserId: string | null;
  followed: boolean | null;
  stopped: boolean | null;
  lastInteractionAt: number | null;
  remindedToday: boolean;
}

function personOf(tx: DbOrTx, learnerId: number, startOfDay: Date): Person | undefined {
  // Raw SQL for one read with two outer joins; standard SQL, PostgreSQL runs it too.
  const row = tx.get<Omit<Person, "remindedToday">>(sql`
    select l.display_name as displayName, l.phone is not null as hasPhone, c.oa_user_id as oaUserId,
      c.followed as followed, c.reminders_stopped as stopped, c.last_interaction_at as lastInteractionAt
    from learners l
    left join learner_identities i on i.learner_id = l.id and i.provider = 'zalo_oa'
    left join oa_conversations c on c.oa_user_id = i.subject
    where l.id = ${learnerId} and l.merged_into is null and l.forgotten_at is null
    limit 1`);
  if (!row) return undefined;
  const recipients = [`learner:${learnerId}`, ...(row.oaUserId ? [row.oaUserId] : [])];
  return { ...row, remindedToday: remindedSince(tx, recipients, startOfDay) };
}

type Decision = { state: "queued"; by: "oa" | "zns" } | { state: "unreachable" | "skipped"; reason: string };

/** Template messages by phone (ZNS), for people the OA cannot message; only when a template is configured. */
export interface ZnsOption {
  templateId: string;
}

/**
 * Whether to message one person now. Reachable only through the OA's consultation messages, which Zalo
 * allows for 7 days after the person last wrote; "dừng" and an unfollow are honoured; a person gets at most
 * one reminder a day, counting the chat's own daily reminder (both are `reminder` rows in the outbox).
 */
function decide(person: Person | undefined, now: Date, zns: ZnsOption | undefined): Decision {
  if (!person) return { state: "skipped", reason: "left" };
  if (person.stopped) return { state: "skipped", reason: "stopped" };
  // Unfollowing is a choice not to hear from the OA: no ZNS either.
  if (person.oaUserId && !person.followed) return { state: "unreachable", reason: "unfollowed" };
  const inWindow = person.oaUserId !== null && (person.lastInteractionAt ?? 0) > now.getTime() - OA_REPLY_WINDOW_MS;
  if (!inWindow && !(zns && person.hasPhone)) return { state: "unreachable", reason: person.oaUserId ? "window_closed" : "no_oa" };
  if (person.remindedToday) return { state: "skipped", reason: "reminded_today" };
  return { state: "queued", by: inWindow ? "oa" : "zns" };
}

/**
 * Decides the next recipients of the campaigns being sent, in one transaction: each decision, the message
 * it queues and the mark that it was made commit together, so a crash repeats nothing and loses nothing.
 * Stops once `budget` messages are queued (the pace); people who cannot be messaged cost no budget.
 * Returns how many messages were queued.
 */
export function dispatchSome(
  db: Db,
  content: CurriculumIndex,
  now: Date,
  budget: number,
  quiet: QuietHours = DEFAULT_QUIET_HOURS,
  zns?: ZnsOption,
): number {
  const clock = vietnamClock(now);
  if (budget < 1 || isQuiet(clock.minute, quiet)) return 0;
  const startOfDay = atVietnamTime(clock.date, 0);
  return db.transaction(
    (tx) => {
      let queued = 0;
      const sending = tx.select().from(campaigns).where(eq(campaigns.state, "sending")).orderBy(asc(campaigns.id)).all();
      const batch = Math.max(50, budget * 4);
      for (const campaign of sending) {
        const pending = tx
          .select({ learnerId: campaignRecipients.learnerId })
          .from(campaignRecipients)
          .where(and(eq(campaignRecipients.campaignId, campaign.id), eq(campaignRecipients.state, "pending")))
          .orderBy(asc(campaignRecipients.learnerId))
          .limit(batch)
          .all();
        for (const { learnerId } of pending) {
          if (queued >= budget) return queued;
          const person = personOf(tx, learnerId, startOfDay);
          const decision = decide(person, now, zns);
          if (decision.state === "queued" && person) {
            const { completed, passed } = finishedBy(tx, learnerId);
            const next = nextStep(content, completed, passed);
            const lesson = next.kind === "lesson" ? content.lessons.get(next.lessonId)?.lesson : undefined;
            const values = { ten: person.displayName, bai_tiep: lesson?.title ?? null };
            const key = campaignMessageKey(campaign.id, learnerId);
            const message: Outgoing =
              decision.by === "oa" && person.oaUserId
                ? {
                    dedupeKey: key,
                    recipientId: person.oaUserId,
                    kind: "reminder",
                    message: { text: renderTemplate(campaign.template, values), buttons: [buttons.learn, buttons.stop] },
                  }
                : // ZNS templates are written and approved in Zalo's console; ours fills its two parameters.
                  {
                    dedupeKey: key,
                    recipientId: `learner:${learnerId}`,
                    kind: "zns",
                    message: {
                      templateId: zns?.templateId ?? "",
                      data: { ten: values.ten ?? "bạn", bai_tiep: values.bai_tiep ?? "bài kiểm tra cuối khóa" },
                    },
                  };
            queued += enqueueMessages(tx, [message], now);
          }
          tx.update(campaignRecipients)
            .set({
              state: decision.state,
              reason: decision.state === "queued" ? (decision.by === "zns" ? "zns" : null) : decision.reason,
              decidedAt: now,
            })
            .where(and(eq(campaignRecipients.campaignId, campaign.id), eq(campaignRecipients.learnerId, learnerId)))
            .run();
        }
        // Nobody left undecided: finished in this same commit, not on a later tick.
        if (pending.length < batch) {
          tx.update(campaigns).set({ state: "done", finishedAt: now }).where(eq(campaigns.id, campaign.id)).run();
        }
      }
      return queued;
    },
    { behavior: "immediate" },
  );
}

/** Cancels a campaign: nobody else is reached, and messages queued but not yet sent are withdrawn. */
export function cancelCampaignIn(tx: DbOrTx, campaignId: number, now: Date): void {
  const prefix = `campaign:${campaignId}:`;
  const unsent = tx.all<{ dedupeKey: string }>(
    sql`select dedupe_key as dedupeKey from oa_outbox where dedupe_key like ${`${prefix}%`} and state = 'pending' and attempts = 0`,
  );
  const withdrawn = unsent.map((r) => Number(r.dedupeKey.slice(prefix.length)));
  if (unsent.length > 0) tx.run(sql`delete from oa_outbox where dedupe_key like ${`${prefix}%`} and state = 'pending' and attempts = 0`);
  tx.update(campaignRecipients)
    .set({ state: "skipped", reason: "cancelled", decidedAt: now })
    .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.state, "pending")))
    .run();
  if (withdrawn.length > 0) {
    tx.update(campaignRecipients)
      .set({ state: "skipped", reason: "cancelled", decidedAt: now })
      .where(and(eq(campaignRecipients.campaignId, campaignId), inArray(campaignRecipients.learnerId, withdrawn)))
      .run();
  }
  tx.update(campaigns).set({ state: "cancelled", finishedAt: now }).where(eq(campaigns.id, campaignId)).run();
}
