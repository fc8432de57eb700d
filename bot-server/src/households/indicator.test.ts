import { randomUUID } from "node:crypto";
import { CONSENT_VERSION } from "@hvs/shared/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { householdMembers, households, learners, taskRecords } from "../db/schema";
import { vietnamDay } from "../indicators/milestones";
import { createInvite } from "../teams/invites";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";
import { householdIndicator, householdsBehind, loadCommuneHouseholds } from "./indicator";
import { refreshReadiness } from "./readiness";

let s: TestSystem;
let staffId: number;
let team: string;

beforeEach(async () => {
  s = await createTestSystem();
  staffId = s.staffSession().staffId;
  team = await teamMember(TEST_USERS[2]?.id ?? "", s.villageA.id);
});
afterEach(() => s.close());

async function ok(response: Response) {
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return response.json() as Promise<Record<string, unknown>>;
}

async function teamMember(userId: string, villageId: number): Promise<string> {
  const token = await s.signIn(userId, villageId);
  const { code } = createInvite(s.db, { staffId, communeId: s.communeId, villageId, displayName: "Tổ viên" }, new Date());
  await ok(await s.call(token, "POST", "/api/team/join", { code }));
  return token;
}

/** The team's form: the answer is the village's list, where the new household is found by its label. */
async function household(label: string, hasSmartphone = true): Promise<number> {
  const list = (await ok(await s.call(team, "POST", "/api/team/households", { clientId: randomUUID(), label, hasSmartphone }))) as {
    households?: { id: number; label: string }[];
  };
  const id = list.households?.find((h) => h.label === label)?.id;
  if (id === undefined) throw new Error(`household ${label} not in the list`);
  return id;
}

async function resident(name: string): Promise<number> {
  const body = { clientId: randomUUID(), displayName: name, birthYear: 1970, consentVersion: CONSENT_VERSION };
  return (await ok(await s.call(team, "POST", "/api/team/residents", body))).learnerId as number;
}

async function member(householdId: number, learnerId: number) {
  await ok(await s.call(team, "POST", `/api/team/households/${householdId}/members`, { learnerId }));
}

async function confirm(learnerId: number, ...taskIds: string[]) {
  for (const taskId of taskIds) await ok(await s.call(team, "POST", `/api/team/residents/${learnerId}/tasks/${taskId}/confirm`));
}

/** A resident with their own phone ticks every statement of the three required tasks. */
async function selfCheckAll(token: string) {
  for (const [taskId, n] of [
    ["zalo", 2],
    ["vneid-muc-2", 3],
    ["thanh-toan", 1],
  ] as const) {
    await ok(await s.call(token, "POST", `/api/tasks/${taskId}/self-check`, { statements: Array(n).fill(true) }));
  }
}

const ALL = ["zalo", "vneid-muc-2", "thanh-toan"];
const today = () => vietnamDay(new Date());
const indicator = (period = { from: "2026-01-01", to: today() }, focus: number | null = null) =>
  householdIndicator(s.db, s.chat.content, s.communeId, period, "month", focus);
const villageA = (ind: ReturnType<typeof indicator>) => ind.villages.find((v) => v.villageId === s.villageA.id);

describe("the households indicator", () => {
  it("counts a household only when one member has every task confirmed; split tasks, ticks alone, no smartphone and removed households do not", async () => {
    const one = await household("Hộ ông Một");
    const r1 = await resident("Lò Văn Một");
    await member(one, r1);
    await confirm(r1, ...ALL);

    // Each task confirmed for someone in the family, but nobody can do them all.
    const split = await household("Hộ bà Hai");
    const r2 = await resident("Lò Thị Hai");
    const r3 = await resident("Lò Văn Ba");
    await member(split, r2);
    await member(split, r3);
    await confirm(r2, "zalo", "vneid-muc-2");
    await confirm(r3, "thanh-toan");

    // Ticked by the resident on their own phone, never confirmed.
    const ticked = await household("Hộ ông Tư");
    const code = (await ok(await s.call(team, "POST", `/api/team/households/${ticked}/code`))).code as string;
    const own = await s.signIn(TEST_USERS[0]?.id ?? "", s.villageA.id);
    await ok(await s.call(own, "POST", "/api/me/household/join", { code }));
    await selfCheckAll(own);

    const noPhone = await household("Hộ bà Năm", false);
    const r4 = await resident("Lò Thị Năm");
    await member(noPhone, r4);
    await confirm(r4, ...ALL);

    const gone = await household("Hộ đã chuyển đi");
    await ok(await s.call(team, "DELETE", `/api/team/households/${gone}`));

    const ind = indicator();
    const a = villageA(ind);
    expect(a).toMatchObject({ withSmartphone: 3, counted: 1, selfReportedOnly: 1, withoutSmartphone: 1, newCounted: 1 });
    expect(a?.rate).toMatchObject({ numerator: 1, denominator: 3, percent: 33.3, meetsTarget: false });
    expect(ind.total).toMatchObject({ withSmartphone: 3, counted: 1, selfReportedOnly: 1 });
    expect(ind.rule?.tasks.map((t) => t.title)).toEqual(["Dùng Zalo", "VNeID mức độ 2", "Thanh toán không dùng tiền mặt"]);

    const data = loadCommuneHouseholds(s.db, s.chat.content, s.communeId);
    const period = { from: "2026-01-01", to: today() };
    const labels = (status: "counted" | "selfReportedOnly" | "notYet" | "noSmartphone") =>
      householdsBehind(s.db, s.chat.content, data, { status, scope: "cumulative", period, villageId: null }).map((r) => r.label);
    expect(labels("counted")).toEqual(["Hộ ông Một"]);
    expect(labels("selfReportedOnly")).toEqual(["Hộ ông Tư"]);
    expect(labels("notYet")).toEqual(["Hộ bà Hai"]);
    expect(labels("noSmartphone")).toEqual(["Hộ bà Năm"]);
    // The drill-down shows the best member's tasks: the split household's best has two of three.
    const [splitRow] = householdsBehind(s.db, s.chat.content, data, {
      status: "notYet",
      scope: "cumulative",
      period,
      villageId: s.villageA.id,
    });
    expect(Object.fromEntries(splitRow?.best ?? [])).toEqual({ zalo: "confirmed", "vneid-muc-2": "confirmed" });
    expect(splitRow?.memberCount).toBe(2);
    // A list page reads members only for its own rows: on page 2 of one-row pages, only the second row has them.
    const everyone = householdsBehind(s.db, s.chat.content, data, { status: null, scope: "cumulative", period, villageId: s.villageA.id });
    const paged = householdsBehind(
      s.db,
      s.chat.content,
      data,
      { status: null, scope: "cumulative", period, villageId: s.villageA.id },
      { number: 2, size: 1 },
    );
    expect(paged.map((r) => r.label)).toEqual(everyone.map((r) => r.label));
    expect(paged[1]).toEqual(everyone[1]);
    expect(paged[0]?.memberNames).toEqual([]);
    expect(everyone[0]?.memberNames.length).toBeGreaterThan(0);

    // People of the village per task, whatever their household: r1, r2, r4 have Zalo confirmed, the resident ticked it.
    const zalo = a?.tasks.find((t) => t.taskId === "zalo");
    expect(zalo).toMatchObject({ confirmed: 3, selfReportedOnly: 1 });
    expect(a?.tasks.find((t) => t.taskId === "thanh-toan")).toMatchObject({ confirmed: 3, selfReportedOnly: 1 });
    expect(a?.tasks.find((t) => t.taskId === "qua-khoa")).toMatchObject({ confirmed: 0, selfReportedOnly: 0 });
  });

  it("a household stops counting when its only qualified member deletes their data, but their tasks stay in the per-task counts", async () => {
    const h = await household("Hộ bà Lan");
    const code = (await ok(await s.call(team, "POST", `/api/team/households/${h}/code`))).code as string;
    const lan = await s.signIn(TEST_USERS[4]?.id ?? "", s.villageA.id);
    await ok(await s.call(lan, "POST", "/api/me/household/join", { code }));
    await selfCheckAll(lan);
    const lanId = (await ok(await s.call(lan, "GET", "/api/me"))).id as number;
    await confirm(lanId, ...ALL);
    expect(villageA(indicator())).toMatchObject({ counted: 1, withSmartphone: 1 });

    await ok(await s.call(lan, "DELETE", "/api/me"));
    const after = villageA(indicator());
    expect(after).toMatchObject({ counted: 0, withSmartphone: 1, selfReportedOnly: 0 });
    expect(after?.tasks.find((t) => t.taskId === "zalo")).toMatchObject({ confirmed: 1, selfReportedOnly: 0 });
  });

  it("reads the past: a member counts from the day they joined, a household from the day it was added until it was removed", async () => {
    const at = (day: string) => new Date(`${day}T03:00:00Z`);
    const [person] = s.db
      .insert(learners)
      .values({ displayName: "Vàng Thị Mai", villageId: s.villageA.id, createdAt: at("2026-02-01") })
      .returning()
      .all();
    const [home] = s.db
      .insert(households)
      .values({ villageId: s.villageA.id, label: "Hộ bà Mai", hasSmartphone: true, createdAt: at("2026-03-01"), createdOn: "2026-03-01" })
      .returning()
      .all();
    const [moved] = s.db
      .insert(households)
      .values({
        villageId: s.villageA.id,
        label: "Hộ đã đi",
        hasSmartphone: true,
        createdAt: at("2026-03-01"),
        createdOn: "2026-03-01",
        removedAt: at("2026-07-15"),
        removedOn: "2026-07-15",
      })
      .returning()
      .all();
    if (!person || !home || !moved) throw new Error("seed failed");
    s.db
      .insert(householdMembers)
      .values({ learnerId: person.id, householdId: home.id, joinedAt: at("2026-05-10") })
      .run();
    for (const taskId of ALL)
      s.db
        .insert(taskRecords)
        .values({ learnerId: person.id, taskId, confirmedAt: at("2026-04-01"), villageId: s.villageA.id })
        .run();
    // Rows written directly, as the load generator does: their ready days are computed the way every write path does.
    refreshReadiness(s.db, [home.id, moved.id]);

    const april = villageA(indicator({ from: "2026-04-01", to: "2026-04-30" }));
    expect(april).toMatchObject({ withSmartphone: 2, counted: 0 });
    // Her tasks were done before she joined: the household counts from the day she joined.
    expect(april?.tasks.find((t) => t.taskId === "zalo")).toMatchObject({ confirmed: 1 });
    expect(villageA(indicator({ from: "2026-05-01", to: "2026-05-31" }))).toMatchObject({ withSmartphone: 2, counted: 1, newCounted: 1 });
    expect(villageA(indicator({ from: "2026-06-01", to: "2026-06-30" }))).toMatchObject({ counted: 1, newCounted: 0 });
    expect(villageA(indicator({ from: "2026-07-01", to: "2026-07-14" }))).toMatchObject({ withSmartphone: 2 });
    expect(villageA(indicator({ from: "2026-07-01", to: "2026-07-15" }))).toMatchObject({ withSmartphone: 1, counted: 1 });

    const trend = indicator({ from: "2026-02-01", to: "2026-07-31" }, s.villageA.id).focus.trend;
    expect(trend.map((p) => [p.label, p.rate.numerator, p.rate.denominator, p.rate.percent])).toEqual([
      ["T2/2026", 0, 0, null],
      ["T3/2026", 0, 2, 0],
      ["T4/2026", 0, 2, 0],
      ["T5/2026", 1, 2, 50],
      ["T6/2026", 1, 2, 50],
      ["T7/2026", 1, 1, 100],
    ]);
    expect(trend.at(-1)?.rate.meetsTarget).toBe(true);
  });

  it("keeps each village to its own households and sums the commune", async () => {
    await household("Hộ thôn A");
    const teamB = await teamMember(TEST_USERS[3]?.id ?? "", s.villageB.id);
    await ok(await s.call(teamB, "POST", "/api/team/households", { clientId: randomUUID(), label: "Hộ thôn B", hasSmartphone: true }));
    const ind = indicator();
    expect(ind.villages.map((v) => [v.name, v.withSmartphone])).toEqual([
      ["Thôn A", 1],
      ["Thôn B", 1],
    ]);
    expect(ind.total.withSmartphone).toBe(2);
    expect(ind.total.rate.percent).toBe(0);
  });
});
