import type { RequestIdVariables } from "hono/request-id";

export interface TeamMember {
  memberId: number;
  displayName: string;
  villageId: number;
  villageName: string;
  communeId: number;
  communeName: string;
}

/** What middleware puts on the context for the handlers after it. */
export interface AppEnv {
  Variables: RequestIdVariables & {
    learnerId: number;
    /** The team member (team_members.id) whose phone is acting for this learner, or null. */
    assistedBy: number | null;
    /** For province staff, `communeId` is their office's commune, which names the province. */
    staff: { id: number; communeId: number; username: string; role: "commune" | "province" };
    /** The signed-in staff session's anti-forgery token, for the forms a page renders. */
    csrf: string;
    team: TeamMember;
  };
}
