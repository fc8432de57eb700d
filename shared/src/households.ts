/**
 * The households indicator's rule, pure (the rule itself is content: `content/households.yaml`). A
 * household counts when at least ONE member has done every required task: tasks split across members
 * do not make anyone able to do them all. Self-reported and confirmed are counted separately.
 */

/** How a task is known to be done: the resident's own tick, or seen by a team member / passed in the app. */
export type TaskEvidence = "self_reported" | "confirmed";

export interface MemberTasks {
  /** Task id → the strongest evidence this member has for it. */
  done: ReadonlyMap<string, TaskEvidence>;
}

export interface HouseholdStanding {
  /** Some member has every required task at least self-reported. */
  selfReported: boolean;
  /** Some member has every required task confirmed. */
  confirmed: boolean;
}

export function householdStanding(members: ReadonlyArray<MemberTasks>, requiredTasks: ReadonlyArray<string>): HouseholdStanding {
  const hasAll = (member: MemberTasks, accept: (e: TaskEvidence | undefined) => boolean) =>
    requiredTasks.every((task) => accept(member.done.get(task)));
  return {
    selfReported: members.some((m) => hasAll(m, (e) => e !== undefined)),
    confirmed: members.some((m) => hasAll(m, (e) => e === "confirmed")),
  };
}

/** Whether the household counts under the content's rule (`evidence: confirmed` or `self_reported`). */
export function householdCounts(standing: HouseholdStanding, evidence: TaskEvidence): boolean {
  return evidence === "confirmed" ? standing.confirmed : standing.selfReported;
}
