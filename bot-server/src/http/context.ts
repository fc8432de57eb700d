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
    staff: { id: number; communeId: number; username: string };
    team: TeamMember;
  };
}
