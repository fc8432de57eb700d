import { randomUUID } from "node:crypto";
import { CONSENT_VERSION, MyData } from "@hvs/shared/api";
import { HouseholdCode, MyHousehold, TaskList, TeamHouseholdList } from "@hvs/shared/family";
import { RegisterResidentResponse, TeamHome } from "@hvs/shared/team";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { householdMembers, householdState, households, learners, taskRecords } from "../db/schema";
import { vietnamDay } from "../indicators/milestones";
import { indexCurriculum } from "../learning/curriculum";
import { createInvite } from "../teams/invites";
import { expectError, expectJson } from "../test-support/responses";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";
import { householdIndicator } from "./indicator";
import { ensureHouseholdReadiness } from "./readiness";

const [grandmaUser, sonUser, memberAUser, memberBUser, lanUser] = TEST_USERS.map((u) => u.id) as [string, string, string, string, string];

let system: TestSystem;
beforeEach(async () => {
  system = await createTestSystem();
});
afterEach(() => system.close());

async function teamMember(userId: string, villageId: number): Promise<string> {
  const token = await system.signIn(userId, villageId);
  const { staffId } = system.staffSession();
  const { code } = createInvite(system.db, { staffId, communeId: system.communeId, villageId, displayName: "Tổ viên" }, new Date());
  await expectJson(await system.call(token, "POST", "/api/team/join", { code }), 200, TeamHome);
  return token;
}

const meId = async (token: string) => ((await (await system.call(token, "GET", "/api/me")).json()) as { id: number }).id;

async function createHousehold(member: string, label: string, hasSmartphone = true, clientId = randomUUID()) {
  const list = await expectJson(
    await system.call(member, "POST", "/api/team/households", { clientId, label, hasSmartphone }),
    201,
    TeamHouseholdList,
  );
  const made = list.households.find((h) => h.label === label);
  if (!made) throw new Error("household not listed");
  return made.id;
}

/** Bà Lan, signed up by a team member (she has no Zalo yet): her record and its claim code. */
async function registerLan(member: string) {
  const body = { clientId: randomUUID(), displayName: "Nguyễn Thị Lan", birthYear: 1958, consentVersion: CONSENT_VERSION };
  return expectJson(await system.call(member, "POST", "/api/team/residents", body), 201, RegisterResidentResponse);
}

async function confirmAll(member: string, learnerId: number, tasks: string[]) {
  for (const task of tasks)
    await expectJson(await system.call(member, "POST", `/api/team/residents/${learnerId}/tasks/${task}/confirm`), 200, TaskList);
}

describe("households", () => {
  it("a team member creates a household once however often the form is sent; residents join with its code", async () => {
    const member = await teamMember(memberAUser, system.villageA.id);
    const clientId = randomUUID();
    const id = await createHousehold(member, "Hộ ông Pành", true, clientId);
    const resent = await expectJson(
      await system.call(member, "POST", "/api/team/households", { clientId, label: "Hộ ông Pành", hasSmartphone: true }),
      200,
      TeamHouseholdList,
    );
    expect(resent.households).toHaveLength(1);
    await expectError(
      await system.call(member, "POST", "/api/team/households", { clientId: randomUUID(), label: "H", hasSmartphone: true }),
      400,
      "VALIDATION_FAILED",
    );

    const { code } = await expectJson(await system.call(member, "POST", `/api/team/households/${id}/code`), 200, HouseholdCode);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // Someone who chose another village moves to the household's village by joining it.
    const grandma = await system.signIn(grandmaUser, system.villageB.id);
    const son = await system.signIn(sonUser, null);
    await expectError(await system.call(grandma, "POST", "/api/me/household/join", { code: "AAAA-AAAA" }), 404, "HOUSEHOLD_CODE_INVALID");
    const joined = await expectJson(
      await system.call(grandma, "POST", "/api/me/household/join", { code: code.toLowerCase() }),
      200,
      MyHousehold,
    );
    expect(joined.household).toMatchObject({ id, label: "Hộ ông Pành", villageName: "Thôn A", memberCount: 1 });
    await expectJson(await system.call(son, "POST", "/api/me/household/join", { code }), 200, MyHousehold);
    const mine = await expectJson(await system.call(grandma, "GET", "/api/me/household"), 200, MyHousehold);
    expect(mine.household?.memberCount).toBe(2);
    const places = system.db
      .select({ villageId: learners.villageId })
      .from(learners)
      .where(eq(learners.id, await meId(grandma)))
      .get();
    expect(places?.villageId).toBe(system.villageA.id);

    // Leaving, and moving to another village, both end the membership.
    await expectJson(await system.call(son, "DELETE", "/api/me/household"), 200, MyHousehold);
    await system.call(grandma, "PUT", "/api/me/village", { villageId: system.villageB.id });
    expect((await expectJson(await system.call(grandma, "GET", "/api/me/household"), 200, MyHousehold)).household).toBeNull();
  });

  it("counts a household only when one member has every required task confirmed", async () => {
    const member = await teamMember(memberAUser, system.villageA.id);
    const id = await createHousehold(member, "Hộ bà Lan");
    const grandma = await system.signIn(grandmaUser);
    const son = await system.signIn(sonUser);
    const [grandmaId, sonId] = [await meId(grandma), await meId(son)];
    for (const learnerId of [grandmaId, sonId]) await system.call(member, "POST", `/api/team/households/${id}/members`, { learnerId });

    // Split across members: nobody can do it all.
    await confirmAll(member, grandmaId, ["zalo", "vneid-muc-2"]);
    await confirmAll(member, sonId, ["thanh-toan"]);
    let list = await expectJson(await system.call(member, "GET", "/api/team/households"), 200, TeamHouseholdList);
    expect(list.requiredTasks.map((t) => t.id)).toEqual(["zalo", "vneid-muc-2", "thanh-toan"]);
    expect(list.households[0]).toMatchObject({ confirmed: false, selfReported: false });

    // Self-reported only: counted apart, not as confirmed.
    await system.call(son, "POST", "/api/tasks/zalo/self-check", { statements: [true, true] });
    await system.call(son, "POST", "/api/tasks/vneid-muc-2/self-check", { statements: [true, true, true] });
    list = await expectJson(await system.call(member, "GET", "/api/team/households"), 200, TeamHouseholdList);
    expect(list.households[0]).toMatchObject({ confirmed: false, selfReported: true });
    expect(list.households[0]?.members.find((m) => m.learnerId === sonId)?.tasks).toEqual({
      zalo: "self_reported",
      "vneid-muc-2": "self_reported",
      "thanh-toan": "confirmed",
    });

    await confirmAll(member, sonId, ["zalo", "vneid-muc-2"]);
    list = await expectJson(await system.call(member, "GET", "/api/team/households"), 200, TeamHouseholdList);
    expect(list.households[0]).toMatchObject({ confirmed: true, selfReported: true });

    // The son deletes his data: the household no longer has anyone who did it all; his ticks stay, unattributed.
    expect((await system.call(son, "DELETE", "/api/me")).status).toBe(200);
    list = await expectJson(await system.call(member, "GET", "/api/team/households"), 200, TeamHouseholdList);
    expect(list.households[0]).toMatchObject({ confirmed: false, selfReported: false });
    expect(list.households[0]?.members.map((m) => m.learnerId)).toEqual([grandmaId]);
    expect(system.db.select().from(taskRecords).where(eq(taskRecords.learnerId, sonId)).all()).toHaveLength(3);
  });

  it("another village's team can neither see nor change the household", async () => {
    const memberA = await teamMember(memberAUser, system.villageA.id);
    const memberB = await teamMember(memberBUser, system.villageB.id);
    const id = await createHousehold(memberA, "Hộ ông Pành");
    const grandma = await system.signIn(grandmaUser);
    const grandmaId = await meId(grandma);
    expect((await expectJson(await system.call(memberB, "GET", "/api/team/households"), 200, TeamHouseholdList)).households).toEqual([]);
    for (const [method, path, body] of [
      ["PUT", `/api/team/households/${id}`, { label: "Đổi tên", hasSmartphone: false }],
      ["DELETE", `/api/team/households/${id}`],
      ["POST", `/api/team/households/${id}/code`],
      ["POST", `/api/team/households/${id}/members`, { learnerId: grandmaId }],
      ["DELETE", `/api/team/households/${id}/members/${grandmaId}`],
    ] as const) {
      await expectError(await system.call(memberB, method, path, body), 404, "HOUSEHOLD_NOT_FOUND");
    }
    // Nor can village A's team add a resident of village B.
    const son = await system.signIn(sonUser, system.villageB.id);
    await expectError(
      await system.call(memberA, "POST", `/api/team/households/${id}/members`, { learnerId: await meId(son) }),
      404,
      "RESIDENT_NOT_FOUND",
    );
    const list = await expectJson(await system.call(memberA, "GET", "/api/team/households"), 200, TeamHouseholdList);
    expect(list.households).toMatchObject([{ id, label: "Hộ ông Pành", hasSmartphone: true, members: [] }]);
  });

  it("editing and removing: a removed household frees its members (kept for past periods) and its code stops working", async () => {
    const member = await teamMember(memberAUser, system.villageA.id);
    const id = await createHousehold(member, "Hộ ông Pành");
    const edited = await expectJson(
      await system.call(member, "PUT", `/api/team/households/${id}`, { label: "Hộ ông Lò Văn Pành", hasSmartphone: false }),
      200,
      TeamHouseholdList,
    );
    expect(edited.households[0]).toMatchObject({ label: "Hộ ông Lò Văn Pành", hasSmartphone: false });
    const { code } = await expectJson(await system.call(member, "POST", `/api/team/households/${id}/code`), 200, HouseholdCode);
    const grandma = await system.signIn(grandmaUser);
    await system.call(grandma, "POST", "/api/me/household/join", { code });
    const removed = await expectJson(await system.call(member, "DELETE", `/api/team/households/${id}`), 200, TeamHouseholdList);
    expect(removed.households).toEqual([]);
    expect((await expectJson(await system.call(grandma, "GET", "/api/me/household"), 200, MyHousehold)).household).toBeNull();
    // The row stays so a past period still knows who made the household count.
    expect(system.db.select().from(householdMembers).all()).toHaveLength(1);
    await expectError(await system.call(grandma, "POST", "/api/me/household/join", { code }), 404, "HOUSEHOLD_CODE_INVALID");
    // Free to join another household.
    const next = await createHousehold(member, "Hộ mới");
    const fresh = await expectJson(await system.call(member, "POST", `/api/team/households/${next}/code`), 200, HouseholdCode);
    const joined = await expectJson(await system.call(grandma, "POST", "/api/me/household/join", { code: fresh.code }), 200, MyHousehold);
    expect(joined.household).toMatchObject({ id: next, memberCount: 1 });
  });

  it("a record a team made, with its household and confirmed tasks, carries over when the person claims it", async () => {
    const member = await teamMember(memberAUser, system.villageA.id);
    const id = await createHousehold(member, "Hộ bà Lan");
    const created = await registerLan(member);
    await system.call(member, "POST", `/api/team/households/${id}/members`, { learnerId: created.learnerId });
    await confirmAll(member, created.learnerId, ["zalo", "vneid-muc-2"]);

    const lan = await system.signIn(lanUser);
    await system.call(lan, "POST", "/api/tasks/zalo/self-check", { statements: [true, true] });
    expect((await system.call(lan, "POST", "/api/me/claim", { code: created.claim.code })).status).toBe(200);
    const tasks = await expectJson(await system.call(lan, "GET", "/api/tasks"), 200, TaskList);
    expect(tasks.tasks.filter((t) => t.status === "confirmed").map((t) => t.id)).toEqual(["zalo", "vneid-muc-2"]);
    expect(tasks.tasks.find((t) => t.id === "zalo")?.selfReportedAt).not.toBeNull();
    const home = await expectJson(await system.call(lan, "GET", "/api/me/household"), 200, MyHousehold);
    expect(home.household).toMatchObject({ id, memberCount: 1 });
    // What the person can see of their own data says it too (the right to know what is held).
    const data = await expectJson(await system.call(lan, "GET", "/api/me/data"), 200, MyData);
    expect(data.household).toBe("Hộ bà Lan");
    expect(data.tasks.map((t) => [t.title, t.confirmedBy, t.selfReportedAt !== null])).toEqual([
      ["VNeID mức độ 2", "Tổ viên", false],
      ["Dùng Zalo", "Tổ viên", true],
    ]);
    expect(system.db.select().from(taskRecords).where(eq(taskRecords.learnerId, created.learnerId)).all()).toEqual([]);
    // One person, counted once per task on the dashboard, and the household counts with her.
    const today = vietnamDay(new Date());
    const figures = householdIndicator(system.db, system.chat.content, system.communeId, { from: today, to: today }, "month");
    const village = figures.villages.find((v) => v.villageId === system.villageA.id);
    expect(village?.tasks.find((t) => t.taskId === "zalo")).toMatchObject({ confirmed: 1, selfReportedOnly: 0 });
    expect(village).toMatchObject({ withSmartphone: 1, counted: 0 });
  });
});

describe("the households' stored ready days", () => {
  it("equal a recompute from the records, and the pure rule, after every write path", async () => {
    const member = await teamMember(memberAUser, system.villageA.id);
    const [one, two, three] = [
      await createHousehold(member, "Hộ một"),
      await createHousehold(member, "Hộ hai"),
      await createHousehold(member, "Hộ ba"),
    ];
    const grandma = await system.signIn(grandmaUser);
    const son = await system.signIn(sonUser);
    const [grandmaId, sonId] = [await meId(grandma), await meId(son)];
    const code = (await expectJson(await system.call(member, "POST", `/api/team/households/${one}/code`), 200, HouseholdCode)).code;
    // Join by code, self-check, confirm, take back, move between households, leave, village change.
    await system.call(grandma, "POST", "/api/me/household/join", { code });
    await system.call(son, "POST", "/api/me/household/join", { code });
    await confirmAll(member, grandmaId, ["zalo", "vneid-muc-2", "thanh-toan"]);
    for (const [task, n] of [
      ["zalo", 2],
      ["vneid-muc-2", 3],
      ["thanh-toan", 1],
    ] as const) {
      await system.call(son, "POST", `/api/tasks/${task}/self-check`, { statements: Array(n).fill(true) });
    }
    await system.call(member, "DELETE", `/api/team/residents/${grandmaId}/tasks/zalo/confirm`);
    await system.call(member, "POST", `/api/team/households/${two}/members`, { learnerId: sonId });
    await confirmAll(member, sonId, ["zalo", "vneid-muc-2", "thanh-toan"]);
    await system.call(son, "DELETE", "/api/tasks/zalo/self-check");
    // A record a team made, with confirmed tasks, in household three, claimed by Bà Lan.
    const created = await registerLan(member);
    await system.call(member, "POST", `/api/team/households/${three}/members`, { learnerId: created.learnerId });
    await confirmAll(member, created.learnerId, ["zalo", "vneid-muc-2", "thanh-toan"]);
    const lan = await system.signIn(lanUser);
    await system.call(lan, "POST", "/api/me/claim", { code: created.claim.code });

    const stored = () =>
      system.db
        .select({ id: households.id, self: households.selfReadyOn, confirmed: households.confirmedReadyOn })
        .from(households)
        .orderBy(households.id)
        .all();
    const check = () => {
      const kept = stored();
      system.db.delete(householdState).run();
      ensureHouseholdReadiness(system.db, system.chat.content, new Date());
      expect(stored()).toEqual(kept);
      return kept;
    };
    const today = vietnamDay(new Date());
    let kept = check();
    expect(kept.map((h) => h.confirmed)).toEqual([null, today, today]);

    // The pure rule (the team's list) agrees with the stored days.
    const list = await expectJson(await system.call(member, "GET", "/api/team/households"), 200, TeamHouseholdList);
    expect(Object.fromEntries(list.households.map((h) => [h.id, h.confirmed]))).toEqual({ [one]: false, [two]: true, [three]: true });
    // Household one: Bà's Zalo confirmation was taken back and she never ticked it herself.
    expect(Object.fromEntries(list.households.map((h) => [h.id, h.selfReported]))).toEqual({ [one]: false, [two]: true, [three]: true });
    expect(kept.map((h) => h.self)).toEqual([null, today, today]);

    // Deleting one's data, moving village, and a household removed.
    expect((await system.call(son, "DELETE", "/api/me")).status).toBe(200);
    await system.call(lan, "PUT", "/api/me/village", { villageId: system.villageB.id });
    await system.call(member, "DELETE", `/api/team/households/${one}`);
    kept = check();
    expect(kept.map((h) => h.confirmed)).toEqual([null, null, null]);
    expect(kept.map((h) => h.self)).toEqual([null, null, null]);
  });
});

describe("edges the review found", () => {
  it("adding someone already in the household again keeps the day they joined", async () => {
    const member = await teamMember(memberAUser, system.villageA.id);
    const id = await createHousehold(member, "Hộ bà Lan");
    const grandma = await system.signIn(grandmaUser);
    const grandmaId = await meId(grandma);
    await system.call(member, "POST", `/api/team/households/${id}/members`, { learnerId: grandmaId });
    system.db
      .update(householdMembers)
      .set({ joinedAt: new Date("2026-03-01T03:00:00Z") })
      .run();
    await confirmAll(member, grandmaId, ["zalo", "vneid-muc-2", "thanh-toan"]);
    const before = system.db.select().from(households).get();
    await system.call(member, "POST", `/api/team/households/${id}/members`, { learnerId: grandmaId });
    expect(system.db.select().from(householdMembers).get()?.joinedAt).toEqual(new Date("2026-03-01T03:00:00Z"));
    expect(system.db.select().from(households).get()).toEqual(before);
  });

  it("a rule that requires only a course is computed from the course's final quiz", async () => {
    const member = await teamMember(memberAUser, system.villageA.id);
    const id = await createHousehold(member, "Hộ học khóa");
    const son = await system.signIn(sonUser);
    await system.call(member, "POST", `/api/team/households/${id}/members`, { learnerId: await meId(son) });
    await system.takeQuiz(son, { q1: ["b"], q2: ["a", "c"], q3: ["true"], q4: ["a"] });
    const courseOnly = indexCurriculum({
      ...system.chat.content.curriculum,
      householdRule: { requiredTasks: ["qua-khoa"], evidence: "confirmed" },
    });
    expect(ensureHouseholdReadiness(system.db, courseOnly, new Date())).toEqual({ rebuilt: true });
    expect(system.db.select().from(households).get()?.confirmedReadyOn).toBe(vietnamDay(new Date()));
  });

  it("a claimed record's household in another village ends with the claim", async () => {
    const memberB = await teamMember(memberBUser, system.villageB.id);
    const id = await createHousehold(memberB, "Hộ thôn B");
    const created = await registerLan(memberB);
    await system.call(memberB, "POST", `/api/team/households/${id}/members`, { learnerId: created.learnerId });
    const lan = await system.signIn(lanUser, system.villageA.id);
    expect((await system.call(lan, "POST", "/api/me/claim", { code: created.claim.code })).status).toBe(200);
    expect((await expectJson(await system.call(lan, "GET", "/api/me/household"), 200, MyHousehold)).household).toBeNull();
    const list = await expectJson(await system.call(memberB, "GET", "/api/team/households"), 200, TeamHouseholdList);
    expect(list.households[0]?.members).toEqual([]);
  });

  it("a team member cannot confirm the tasks of the family profiles on their own phone; a lent phone cannot leave a household", async () => {
    const member = await teamMember(memberAUser, system.villageA.id);
    const added = (await (
      await system.call(member, "POST", "/api/profiles", { displayName: "Con gái", consentVersion: CONSENT_VERSION })
    ).json()) as { profiles: { id: number; isOwner: boolean }[] };
    const daughter = added.profiles.find((p) => !p.isOwner)?.id;
    await expectError(await system.call(member, "POST", `/api/team/residents/${daughter}/tasks/zalo/confirm`), 403, "FORBIDDEN");

    const grandma = await system.signIn(grandmaUser);
    const assisted = (await (await system.call(member, "POST", `/api/team/residents/${await meId(grandma)}/assist`)).json()) as {
      sessionToken: string;
    };
    await expectError(await system.call(assisted.sessionToken, "DELETE", "/api/me/household"), 403, "FORBIDDEN");
  });
});
