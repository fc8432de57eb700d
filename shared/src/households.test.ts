import { describe, expect, it } from "vitest";
import { householdCounts, householdStanding, type MemberTasks, type TaskEvidence } from "./households";

const REQUIRED = ["zalo", "vneid-muc-2", "dich-vu-cong", "thanh-toan"];
const member = (done: Record<string, TaskEvidence>): MemberTasks => ({ done: new Map(Object.entries(done)) });
const all = (evidence: TaskEvidence) => Object.fromEntries(REQUIRED.map((t) => [t, evidence]));

describe("the household rule", () => {
  it("counts a household where one member has every task confirmed", () => {
    const standing = householdStanding([member({}), member(all("confirmed"))], REQUIRED);
    expect(standing).toEqual({ selfReported: true, confirmed: true });
    expect(householdCounts(standing, "confirmed")).toBe(true);
  });

  it("does not count tasks split across members, even all confirmed", () => {
    const grandmother = member({ zalo: "confirmed", "vneid-muc-2": "confirmed" });
    const daughter = member({ "dich-vu-cong": "confirmed", "thanh-toan": "confirmed" });
    expect(householdStanding([grandmother, daughter], REQUIRED)).toEqual({ selfReported: false, confirmed: false });
  });

  it("counts a self-reported-only household as self-reported, not as confirmed", () => {
    const standing = householdStanding([member({ ...all("self_reported"), zalo: "confirmed" })], REQUIRED);
    expect(standing).toEqual({ selfReported: true, confirmed: false });
    expect(householdCounts(standing, "confirmed")).toBe(false);
    expect(householdCounts(standing, "self_reported")).toBe(true);
  });

  it("stops counting when the only member who did everything is gone (a profile deleted)", () => {
    const everything = member(all("confirmed"));
    const others = [member({ zalo: "confirmed" })];
    expect(householdStanding([...others, everything], REQUIRED).confirmed).toBe(true);
    expect(householdStanding(others, REQUIRED).confirmed).toBe(false);
    expect(householdStanding([], REQUIRED)).toEqual({ selfReported: false, confirmed: false });
  });
});
