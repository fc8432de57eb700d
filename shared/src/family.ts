import { z } from "zod";
import { ClientId, Me } from "./api";
import { Slug } from "./content";
import { OneTimeCode } from "./team";

/**
 * Contracts for households, several learners on one family phone, and real tasks as evidence
 * (the 70%-of-households indicator). The rule that counts a household is in `households.ts`.
 */

// ---- Profiles: several people learning on one Zalo account ------------------------------------------

/** Four digits, typed on a big keypad. Optional: a family may not want one. */
export const Pin = z.string().regex(/^\d{4}$/, "Mã PIN gồm đúng 4 chữ số.");

export const MAX_PROFILES_PER_ACCOUNT = 8;

export const Profile = z.object({
  id: z.number().int(),
  displayName: z.string(),
  /** The Zalo account's own person: can add and remove the others. */
  isOwner: z.boolean(),
  hasPin: z.boolean(),
  /** The profile this session is learning as. */
  current: z.boolean(),
});
export type Profile = z.infer<typeof Profile>;

export const ProfileList = z.object({
  profiles: z.array(Profile),
  /** True when the session is the account owner's, who alone adds and removes profiles. */
  canManage: z.boolean(),
});
export type ProfileList = z.infer<typeof ProfileList>;

export const CreateProfileRequest = z.object({
  displayName: z.string().trim().min(2, "Hãy nhập tên người học.").max(80, "Tên quá dài."),
  pin: Pin.optional(),
  /** The family member agreed, in front of the owner, to the same consent text the mini app shows. */
  consentVersion: z.string().max(40),
});
export type CreateProfileRequest = z.infer<typeof CreateProfileRequest>;

export const SwitchProfileRequest = z.object({ pin: Pin.optional() });
export type SwitchProfileRequest = z.infer<typeof SwitchProfileRequest>;

export const SwitchProfileResponse = z.object({ sessionToken: z.string(), expiresAt: z.string(), me: Me });
export type SwitchProfileResponse = z.infer<typeof SwitchProfileResponse>;

/** `pin: null` removes the PIN. */
export const SetPinRequest = z.object({ pin: Pin.nullable() });
export type SetPinRequest = z.infer<typeof SetPinRequest>;

// ---- Households ---------------------------------------------------------------------------------------

export const HouseholdLabel = z.string().trim().min(2, "Hãy nhập tên hộ, ví dụ: Hộ ông Pành.").max(80, "Tên hộ quá dài.");

/** What a resident sees of their own household: its name and how many people joined, not who. */
export const MyHousehold = z.object({
  household: z.object({ id: z.number().int(), label: z.string(), villageName: z.string(), memberCount: z.number().int() }).nullable(),
});
export type MyHousehold = z.infer<typeof MyHousehold>;

export const JoinHouseholdRequest = z.object({ code: OneTimeCode });

export const TaskStatus = z.enum(["none", "self_reported", "confirmed"]);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const HouseholdMember = z.object({
  learnerId: z.number().int(),
  displayName: z.string().nullable(),
  /** Task id → status, for the tasks the household rule requires. */
  tasks: z.record(z.string(), TaskStatus),
});

export const TeamHousehold = z.object({
  id: z.number().int(),
  label: z.string(),
  hasSmartphone: z.boolean(),
  members: z.array(HouseholdMember),
  /** Under the content's rule: some member has every required task self-reported / confirmed. */
  selfReported: z.boolean(),
  confirmed: z.boolean(),
});
export type TeamHousehold = z.infer<typeof TeamHousehold>;

export const TeamHouseholdList = z.object({
  households: z.array(TeamHousehold),
  /** The tasks the rule requires, in order, with their titles: the columns of each member's row. */
  requiredTasks: z.array(z.object({ id: Slug, title: z.string() })),
  /** `confirmed` when only confirmed tasks count (the default rule). */
  evidence: z.enum(["confirmed", "self_reported"]),
});
export type TeamHouseholdList = z.infer<typeof TeamHouseholdList>;

export const CreateHouseholdRequest = z.object({
  clientId: ClientId,
  label: HouseholdLabel,
  hasSmartphone: z.boolean(),
});
export type CreateHouseholdRequest = z.infer<typeof CreateHouseholdRequest>;

export const UpdateHouseholdRequest = z.object({ label: HouseholdLabel, hasSmartphone: z.boolean() });
export type UpdateHouseholdRequest = z.infer<typeof UpdateHouseholdRequest>;

export const AddHouseholdMemberRequest = z.object({ learnerId: z.number().int().positive() });

export const HouseholdCode = z.object({ code: z.string(), expiresAt: z.string() });
export type HouseholdCode = z.infer<typeof HouseholdCode>;

// ---- Real tasks ---------------------------------------------------------------------------------------

export const TaskView = z.object({
  id: Slug,
  title: z.string(),
  summary: z.string(),
  /** `self_check`: ticked by the resident, confirmed by a team member. `course`: passing a course shows it. */
  evidence: z.enum(["self_check", "course"]),
  selfCheck: z.array(z.string()),
  /** For `course`: the course to take. */
  courseId: Slug.nullable(),
  /** Shown to team members only. */
  confirmHint: z.string().nullable(),
  status: TaskStatus,
  selfReportedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  /** The team member who confirmed, as the commune named them. */
  confirmedBy: z.string().nullable(),
});
export type TaskView = z.infer<typeof TaskView>;

export const TaskList = z.object({ tasks: z.array(TaskView) });
export type TaskList = z.infer<typeof TaskList>;

/** Every statement of the task's self-check, each ticked: a task is marked only when all are true. */
export const SelfCheckRequest = z.object({ statements: z.array(z.boolean()).min(1).max(6) });
export type SelfCheckRequest = z.infer<typeof SelfCheckRequest>;
