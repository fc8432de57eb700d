import { z } from "zod";
import { ClientId, Me } from "./api";
import { Slug } from "./content";
import { CAMPAIGN_AUDIENCES, ROSTER_STATUSES, templateProblems } from "./team-rules";

export {
  CAMPAIGN_AUDIENCE_LABEL,
  DEFAULT_TEMPLATE,
  idleDays,
  RECIPIENT_REASON_LABEL,
  ROSTER_STATUS_LABEL,
  renderTemplate,
  rosterStatus,
  STALLED_AFTER_DAYS,
  TEMPLATE_FIELDS,
  templateProblems,
} from "./team-rules";

/**
 * Contracts and pure rules for village digital technology teams (Tổ công nghệ số cộng đồng): the roster,
 * residents signed up by a team, in-person classes and reminder campaigns.
 */

export const RosterStatus = z.enum(ROSTER_STATUSES);
export type RosterStatus = z.infer<typeof RosterStatus>;

/** A one-time code for joining a team or claiming a sign-up: 8 letters/digits people can read aloud. */
export const OneTimeCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{8}$/, "Mã gồm 8 chữ và số, ví dụ 7KQ2-M9XD."));

export const JoinTeamRequest = z.object({ code: OneTimeCode });
export const ClaimRequest = z.object({ code: OneTimeCode });

export const TeamHome = z.object({
  member: z.object({ id: z.number().int(), displayName: z.string() }),
  village: z.object({ id: z.number().int(), name: z.string() }),
  communeName: z.string(),
  /** Opens the mini app with this village already chosen; the QR code encodes it. */
  joinLink: z.string(),
  /** A printable poster page (public: it shows only the village's name and the link). */
  posterUrl: z.string(),
  /** The QR code of `joinLink` as an SVG document. */
  qrSvg: z.string(),
});
export type TeamHome = z.infer<typeof TeamHome>;

export const RosterQuery = z.object({
  q: z.string().trim().max(80).optional(),
  status: RosterStatus.optional(),
});

export const RosterEntry = z.object({
  learnerId: z.number().int(),
  displayName: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  phone: z.string().nullable(),
  status: RosterStatus,
  /** Days since the last lesson, answer or class; null if none yet. */
  idleDays: z.number().int().nullable(),
  lessonsCompleted: z.number().int(),
  /** False for someone a team signed up who has not yet opened the mini app or the chat with Zalo. */
  usesZalo: z.boolean(),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

export const Roster = z.object({
  residents: z.array(RosterEntry),
  /** Counts for the whole village (not just the rows shown), by status. */
  counts: z.record(RosterStatus, z.number().int()),
  /** True when more residents matched than are listed: narrow the search. */
  truncated: z.boolean(),
});
export type Roster = z.infer<typeof Roster>;

const thisYear = new Date().getUTCFullYear();

export const RegisterResidentRequest = z.object({
  clientId: ClientId,
  displayName: z.string().trim().min(2, "Hãy nhập họ và tên.").max(80, "Họ và tên quá dài."),
  birthYear: z
    .number()
    .int()
    .min(1900, "Năm sinh không hợp lệ.")
    .max(thisYear - 15, "Người học cần từ 15 tuổi trở lên."),
  /** Optional; Vietnamese mobile numbers: 0 and 9 more digits (or +84 and 9). */
  phone: z
    .string()
    .trim()
    .transform((s) => s.replace(/[\s.]/g, "").replace(/^\+84/, "0"))
    .pipe(z.string().regex(/^0\d{9}$/, "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."))
    .optional(),
  /** The person agreed, in front of the team member, to the same consent text the mini app shows. */
  consentVersion: z.string().max(40),
});
export type RegisterResidentRequest = z.input<typeof RegisterResidentRequest>;

export const ClaimCode = z.object({ code: z.string(), expiresAt: z.string() });
export type ClaimCode = z.infer<typeof ClaimCode>;

export const RegisterResidentResponse = z.object({ learnerId: z.number().int(), claim: ClaimCode });
export type RegisterResidentResponse = z.infer<typeof RegisterResidentResponse>;

/** A team member's phone acting for a resident: what is recorded through it is marked as assisted. */
export const AssistResponse = z.object({ sessionToken: z.string(), expiresAt: z.string(), me: Me });
export type AssistResponse = z.infer<typeof AssistResponse>;

export const VietnamDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày theo dạng NNNN-TT-NN.");

export const RecordClassRequest = z.object({
  clientId: ClientId,
  heldOn: VietnamDate,
  courseId: Slug,
  lessonId: Slug.optional(),
  attendeeIds: z.array(z.number().int().positive()).min(1, "Hãy chọn ít nhất một người tham dự.").max(300),
});
export type RecordClassRequest = z.infer<typeof RecordClassRequest>;

export const ClassSummary = z.object({
  id: z.number().int(),
  heldOn: z.string(),
  courseTitle: z.string(),
  lessonTitle: z.string().nullable(),
  attendeeCount: z.number().int(),
  teamMemberName: z.string(),
});
export type ClassSummary = z.infer<typeof ClassSummary>;
export const ClassList = z.object({ classes: z.array(ClassSummary) });
export type ClassList = z.infer<typeof ClassList>;

// Campaigns --------------------------------------------------------------------------------------------

export const CampaignAudience = z.enum(CAMPAIGN_AUDIENCES);
export type CampaignAudience = z.infer<typeof CampaignAudience>;

export const CreateCampaignRequest = z
  .object({
    /** Made on the phone: a resend of the same form (a lost answer on a weak signal) is the same campaign. */
    clientId: ClientId,
    audience: CampaignAudience,
    stalledDays: z.number().int().min(1).max(365).optional(),
    template: z.string().trim().min(10, "Lời nhắn quá ngắn.").max(1000, "Lời nhắn tối đa 1.000 ký tự."),
    /** When to start; omitted means now. Sending waits outside quiet hours either way. */
    startAt: z.string().datetime({ offset: true }).optional(),
  })
  .superRefine((value, ctx) => {
    for (const message of templateProblems(value.template)) ctx.addIssue({ code: "custom", path: ["template"], message });
  });
export type CreateCampaignRequest = z.input<typeof CreateCampaignRequest>;

export const CampaignState = z.enum(["scheduled", "sending", "done", "cancelled"]);

/** Per-person outcomes: `sent` Zalo accepted it; `sending` queued or being retried; the rest not sent. */
export const RecipientOutcome = z.enum(["waiting", "sending", "sent", "failed", "unreachable", "skipped"]);
export type RecipientOutcome = z.infer<typeof RecipientOutcome>;

export const CampaignSummary = z.object({
  id: z.number().int(),
  audience: CampaignAudience,
  stalledDays: z.number().int().nullable(),
  template: z.string(),
  startAt: z.string(),
  state: CampaignState,
  recipientCount: z.number().int().nullable(),
  outcomes: z.record(RecipientOutcome, z.number().int()),
  /** Of those Zalo accepted a message for: how many finished a lesson, answered or attended a class within 7 days after. */
  cameBackWithin7Days: z.number().int(),
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;

export const CampaignList = z.object({ campaigns: z.array(CampaignSummary) });
export type CampaignList = z.infer<typeof CampaignList>;

export const CampaignDetail = CampaignSummary.extend({
  recipients: z.array(
    z.object({
      learnerId: z.number().int(),
      displayName: z.string().nullable(),
      outcome: RecipientOutcome,
      reason: z.string().nullable(),
    }),
  ),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;
