import { TaskList } from "@hvs/shared/family";
import { TeamHome } from "@hvs/shared/team";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { taskRecords } from "../db/schema";
import { createInvite } from "../teams/invites";
import { expectError, expectJson } from "../test-support/responses";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";

const [residentUser, otherUser, memberAUser, memberBUser] = TEST_USERS.map((u) => u.id) as [string, string, string, string];

let system: TestSystem;
beforeEach(async () => {
  system = await createTestSystem();
});
afterEach(() => system.close());

async function teamMember(userId: string, villageId: number, displayName: string): Promise<string> {
  const token = await system.signIn(userId, villageId);
  const { staffId } = system.staffSession();
  const { code } = createInvite(system.db, { staffId, communeId: system.communeId, villageId, displayName }, new Date());
  await expectJson(await system.call(token, "POST", "/api/team/join", { code }), 200, TeamHome);
  return token;
}

const status = (list: TaskList, id: string) => list.tasks.find((t) => t.id === id);
const meId = async (token: string) => ((await (await system.call(token, "GET", "/api/me")).json()) as { id: number }).id;

describe("real tasks as evidence", () => {
  it("a resident marks a task done only when every statement is ticked; the first tick's time is kept", async () => {
    const token = await system.signIn(residentUser);
    const before = await expectJson(await system.call(token, "GET", "/api/tasks"), 200, TaskList);
    expect(before.tasks.map((t) => [t.id, t.status])).toEqual([
      ["zalo", "none"],
      ["vneid-muc-2", "none"],
      ["thanh-toan", "none"],
      ["qua-khoa", "none"],
    ]);
    // The hint for team members is not the resident's.
    expect(before.tasks.every((t) => t.confirmHint === null)).toBe(true);

    await expectError(
      await system.call(token, "POST", "/api/tasks/vneid-muc-2/self-check", { statements: [true, false, true] }),
      422,
      "SELF_CHECK_INCOMPLETE",
    );
    await expectError(
      await system.call(token, "POST", "/api/tasks/vneid-muc-2/self-check", { statements: [true, true] }),
      422,
      "SELF_CHECK_INCOMPLETE",
    );
    await expectError(
      await system.call(token, "POST", "/api/tasks/qua-khoa/self-check", { statements: [true] }),
      422,
      "TASK_NOT_SELF_CHECK",
    );
    await expectError(await system.call(token, "POST", "/api/tasks/khong-co/self-check", { statements: [true] }), 404, "TASK_NOT_FOUND");
    expect(system.db.select().from(taskRecords).all()).toEqual([]);

    const first = await expectJson(
      await system.call(token, "POST", "/api/tasks/vneid-muc-2/self-check", { statements: [true, true, true] }),
      200,
      TaskList,
    );
    expect(status(first, "vneid-muc-2")?.status).toBe("self_reported");
    const again = await expectJson(
      await system.call(token, "POST", "/api/tasks/vneid-muc-2/self-check", { statements: [true, true, true] }),
      200,
      TaskList,
    );
    expect(status(again, "vneid-muc-2")?.selfReportedAt).toBe(status(first, "vneid-muc-2")?.selfReportedAt);

    const undone = await expectJson(await system.call(token, "DELETE", "/api/tasks/vneid-muc-2/self-check"), 200, TaskList);
    expect(status(undone, "vneid-muc-2")?.status).toBe("none");
    expect(system.db.select().from(taskRecords).all()).toEqual([]);
  });

  it("a team member of the village confirms after seeing it done; another village's member cannot", async () => {
    const resident = await system.signIn(residentUser);
    const residentId = await meId(resident);
    const memberA = await teamMember(memberAUser, system.villageA.id, "Lò Thị Tổ");
    const memberB = await teamMember(memberBUser, system.villageB.id, "Tổ viên thôn B");

    const seen = await expectJson(await system.call(memberA, "GET", `/api/team/residents/${residentId}/tasks`), 200, TaskList);
    expect(status(seen, "vneid-muc-2")?.confirmHint).toMatch(/không ghi lại số định danh/);

    await expectError(
      await system.call(memberB, "POST", `/api/team/residents/${residentId}/tasks/zalo/confirm`),
      404,
      "RESIDENT_NOT_FOUND",
    );
    await expectError(await system.call(memberB, "GET", `/api/team/residents/${residentId}/tasks`), 404, "RESIDENT_NOT_FOUND");
    await expectError(await system.call(resident, "POST", `/api/team/residents/${residentId}/tasks/zalo/confirm`), 403, "NOT_TEAM_MEMBER");
    expect(system.db.select().from(taskRecords).all()).toEqual([]);

    await system.call(resident, "POST", "/api/tasks/zalo/self-check", { statements: [true, true] });
    const confirmed = await expectJson(
      await system.call(memberA, "POST", `/api/team/residents/${residentId}/tasks/zalo/confirm`),
      200,
      TaskList,
    );
    expect(status(confirmed, "zalo")).toMatchObject({ status: "confirmed", confirmedBy: "Lò Thị Tổ" });
    expect(status(confirmed, "zalo")?.selfReportedAt).not.toBeNull();
    // Confirming twice keeps the first confirmation.
    const twice = await expectJson(
      await system.call(memberA, "POST", `/api/team/residents/${residentId}/tasks/zalo/confirm`),
      200,
      TaskList,
    );
    expect(status(twice, "zalo")?.confirmedAt).toBe(status(confirmed, "zalo")?.confirmedAt);

    // The resident sees who confirmed; taking a confirmation back leaves the resident's own tick.
    const mine = await expectJson(await system.call(resident, "GET", "/api/tasks"), 200, TaskList);
    expect(status(mine, "zalo")).toMatchObject({ status: "confirmed", confirmedBy: "Lò Thị Tổ" });
    const withdrawn = await expectJson(
      await system.call(memberA, "DELETE", `/api/team/residents/${residentId}/tasks/zalo/confirm`),
      200,
      TaskList,
    );
    expect(status(withdrawn, "zalo")?.status).toBe("self_reported");
  });

  it("a team member cannot confirm their own task", async () => {
    const memberA = await teamMember(memberAUser, system.villageA.id, "Lò Thị Tổ");
    await expectError(
      await system.call(memberA, "POST", `/api/team/residents/${await meId(memberA)}/tasks/zalo/confirm`),
      403,
      "FORBIDDEN",
    );
  });

  it("a course task is confirmed by passing the course's final quiz", async () => {
    const token = await system.signIn(otherUser);
    await system.takeQuiz(token, { q1: ["b"], q2: ["a", "c"], q3: ["true"], q4: ["a"] });
    const list = await expectJson(await system.call(token, "GET", "/api/tasks"), 200, TaskList);
    expect(status(list, "qua-khoa")).toMatchObject({ status: "confirmed", courseId: "khoa-thu", confirmedBy: null });
    expect(status(list, "qua-khoa")?.confirmedAt).not.toBeNull();
  });
});
