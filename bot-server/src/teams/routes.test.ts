import { randomUUID } from "node:crypto";
import { CONSENT_VERSION, ErrorBody, Me } from "@hvs/shared/api";
import { CampaignDetail, ClassSummary, RegisterResidentResponse, Roster, TeamHome } from "@hvs/shared/team";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { campaigns, learnerIdentities, learners, quizAttempts, teamInvites } from "../db/schema";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";
import { createInvite } from "./invites";

const [residentUser, otherUser, memberAUser, memberBUser, lanUser] = TEST_USERS.map((u) => u.id) as [
  string,
  string,
  string,
  string,
  string,
];

let system: TestSystem;
let staffId: number;

beforeEach(async () => {
  system = await createTestSystem();
  staffId = system.staffSession().staffId;
});
afterEach(() => system.close());

async function json<T>(response: Response, status: number, schema: { parse: (v: unknown) => T }): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return schema.parse(JSON.parse(text));
}

async function expectError(response: Response, status: number, code: string) {
  const body = await json(response, status, ErrorBody);
  expect(body.code).toBe(code);
  expect(body.message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
}

/** Signs a Zalo user in (living in `villageId`) and makes them a member of that village's team. */
async function teamMember(userId: string, villageId: number): Promise<string> {
  const token = await system.signIn(userId, villageId);
  const { code } = createInvite(
    system.db,
    { staffId, communeId: system.communeId, villageId, displayName: `Tổ viên ${userId.slice(-1)}` },
    new Date(),
  );
  await json(await system.call(token, "POST", "/api/team/join", { code }), 200, TeamHome);
  return token;
}

function registration(name = "Nguyễn Thị Lan") {
  return { clientId: randomUUID(), displayName: name, birthYear: 1958, phone: "0912 345 678", consentVersion: CONSENT_VERSION };
}

describe("joining a village team", () => {
  it("an invitation makes the person a member once; nobody else can reuse it", async () => {
    const token = await system.signIn(memberAUser);
    const { code } = createInvite(
      system.db,
      { staffId, communeId: system.communeId, villageId: system.villageA.id, displayName: "Trần Văn Tổ" },
      new Date(),
    );
    const home = await json(
      await system.call(token, "POST", "/api/team/join", { code: code.toLowerCase().replace(/(....)/, "$1-") }),
      200,
      TeamHome,
    );
    expect(home.village.name).toBe("Thôn A");
    expect(home.qrSvg).toContain("<svg");
    expect(new URL(home.joinLink).searchParams.get("village")).toBe(String(system.villageA.id));
    // A double tap is the same membership; someone else with the same code is refused.
    await json(await system.call(token, "POST", "/api/team/join", { code }), 200, TeamHome);
    const other = await system.signIn(otherUser);
    await expectError(await system.call(other, "POST", "/api/team/join", { code }), 404, "INVITE_INVALID");
    const me = await json(await system.call(token, "GET", "/api/me"), 200, Me);
    expect(me.team).toEqual({ memberId: home.member.id, villageId: system.villageA.id, villageName: "Thôn A" });
    expect(system.db.select().from(teamInvites).all()).toHaveLength(1);
  });

  it("an expired or made-up code is refused with a Vietnamese message", async () => {
    const token = await system.signIn(memberAUser);
    const longAgo = new Date(Date.now() - 8 * 24 * 3600_000);
    const { code } = createInvite(
      system.db,
      { staffId, communeId: system.communeId, villageId: system.villageA.id, displayName: "Trần Văn Tổ" },
      longAgo,
    );
    await expectError(await system.call(token, "POST", "/api/team/join", { code }), 404, "INVITE_INVALID");
    await expectError(await system.call(token, "POST", "/api/team/join", { code: "AAAA-BBBB" }), 404, "INVITE_INVALID");
    await expectError(await system.call(token, "POST", "/api/team/join", { code: "ngắn" }), 400, "VALIDATION_FAILED");
  });
});

describe("role and village scoping", () => {
  it("every team route refuses non-members (403), assisted sessions (403) and the signed-out (401)", async () => {
    const memberA = await teamMember(memberAUser, system.villageA.id);
    const resident = await system.signIn(residentUser);
    const created = await json(await system.call(memberA, "POST", "/api/team/residents", registration()), 201, RegisterResidentResponse);
    const assisted = (await (await system.call(memberA, "POST", `/api/team/residents/${created.learnerId}/assist`)).json()) as {
      sessionToken: string;
    };
    const routes: Array<[string, string, unknown?]> = [
      ["GET", "/api/team"],
      ["GET", "/api/team/roster"],
      ["POST", "/api/team/residents", registration()],
      ["POST", `/api/team/residents/${created.learnerId}/claim-code`],
      ["POST", `/api/team/residents/${created.learnerId}/assist`],
      ["GET", "/api/team/classes"],
      [
        "POST",
        "/api/team/classes",
        { clientId: randomUUID(), heldOn: "2026-01-01", courseId: "khoa-thu", attendeeIds: [created.learnerId] },
      ],
      ["GET", "/api/team/campaigns"],
      ["POST", "/api/team/campaigns", { clientId: randomUUID(), audience: "everyone", template: "Chào {ten}, học tiếp nhé!" }],
      ["GET", "/api/team/campaigns/1"],
      ["POST", "/api/team/campaigns/1/cancel"],
    ];
    for (const [method, path, body] of routes) {
      await expectError(await system.call(resident, method, path, body), 403, "NOT_TEAM_MEMBER");
      await expectError(await system.call(assisted.sessionToken, method, path, body), 403, "NOT_TEAM_MEMBER");
      await expectError(await system.call(null, method, path, body), 401, "UNAUTHENTICATED");
    }
    // The resident on the helper's phone cannot take over a team's role either.
    const { code } = createInvite(
      system.db,
      { staffId, communeId: system.communeId, villageId: system.villageA.id, displayName: "X Y" },
      new Date(),
    );
    await expectError(await system.call(assisted.sessionToken, "POST", "/api/team/join", { code }), 403, "NOT_TEAM_MEMBER");
  });

  it("a member of village A reaches nobody and nothing of village B", async () => {
    const memberA = await teamMember(memberAUser, system.villageA.id);
    const memberB = await teamMember(memberBUser, system.villageB.id);
    const inB = await json(
      await system.call(memberB, "POST", "/api/team/residents", registration("Lò Văn Pả")),
      201,
      RegisterResidentResponse,
    );
    const inA = await json(
      await system.call(memberA, "POST", "/api/team/residents", registration("Nguyễn Thị Lan")),
      201,
      RegisterResidentResponse,
    );

    const rosterA = await json(await system.call(memberA, "GET", "/api/team/roster"), 200, Roster);
    expect(rosterA.residents.map((r) => r.learnerId)).toContain(inA.learnerId);
    expect(rosterA.residents.map((r) => r.learnerId)).not.toContain(inB.learnerId);
    // Even a search for B's resident by name finds nothing from A.
    const searched = await json(await system.call(memberA, "GET", "/api/team/roster?q=lo%20van%20pa"), 200, Roster);
    expect(searched.residents).toHaveLength(0);

    await expectError(await system.call(memberA, "POST", `/api/team/residents/${inB.learnerId}/claim-code`), 404, "RESIDENT_NOT_FOUND");
    await expectError(await system.call(memberA, "POST", `/api/team/residents/${inB.learnerId}/assist`), 404, "RESIDENT_NOT_FOUND");
    await expectError(
      await system.call(memberA, "POST", "/api/team/classes", {
        clientId: randomUUID(),
        heldOn: new Date().toISOString().slice(0, 10),
        courseId: "khoa-thu",
        attendeeIds: [inA.learnerId, inB.learnerId],
      }),
      404,
      "RESIDENT_NOT_FOUND",
    );
    const campaignB = await system.call(memberB, "POST", "/api/team/campaigns", {
      clientId: randomUUID(),
      audience: "everyone",
      template: "Chào {ten}, học tiếp nhé!",
    });
    const { id } = (await campaignB.json()) as { id: number };
    await expectError(await system.call(memberA, "GET", `/api/team/campaigns/${id}`), 404, "CAMPAIGN_NOT_FOUND");
    await expectError(await system.call(memberA, "POST", `/api/team/campaigns/${id}/cancel`), 404, "CAMPAIGN_NOT_FOUND");
    const listA = (await (await system.call(memberA, "GET", "/api/team/campaigns")).json()) as { campaigns: unknown[] };
    expect(listA.campaigns).toHaveLength(0);
    // Nothing of B was changed by A's attempts.
    expect(system.db.select().from(campaigns).where(eq(campaigns.id, id)).get()?.state).toBe("scheduled");
  });

  it("a removed member loses the role at once", async () => {
    const memberA = await teamMember(memberAUser, system.villageA.id);
    const home = await json(await system.call(memberA, "GET", "/api/team"), 200, TeamHome);
    const { removeMember } = await import("./invites");
    removeMember(system.db, system.communeId, home.member.id, new Date());
    await expectError(await system.call(memberA, "GET", "/api/team/roster"), 403, "NOT_TEAM_MEMBER");
  });
});

describe("residents signed up by a team", () => {
  it("registering then claiming with the person's own Zalo leaves one learner, with what was done assisted", async () => {
    const memberA = await teamMember(memberAUser, system.villageA.id);
    const form = registration();
    const created = await json(await system.call(memberA, "POST", "/api/team/residents", form), 201, RegisterResidentResponse);
    // A resend of the same form (a double tap on a weak signal) is the same person.
    const again = await json(await system.call(memberA, "POST", "/api/team/residents", form), 200, RegisterResidentResponse);
    expect(again.learnerId).toBe(created.learnerId);

    // The member helps her through a lesson and the quiz on the member's phone.
    const assist = (await (await system.call(memberA, "POST", `/api/team/residents/${created.learnerId}/assist`)).json()) as {
      sessionToken: string;
      me: Me;
    };
    expect(assist.me.assistedBy?.name).toBe("Tổ viên 3");
    expect(assist.me.team).toBeNull();
    const done = await system.completeLesson(assist.sessionToken, "bai-1");
    expect(done[0]?.status, JSON.stringify(done)).toBe("recorded");
    await system.takeQuiz(assist.sessionToken, { q1: ["b"], q2: ["a", "c"] });
    const attempt = system.db.select().from(quizAttempts).where(eq(quizAttempts.learnerId, created.learnerId)).get();
    const helper = await json(await system.call(memberA, "GET", "/api/team"), 200, TeamHome);
    expect(attempt?.assistedBy).toBe(helper.member.id);

    // Later she opens the mini app with her own Zalo and types the newest code (the first one was replaced).
    const lan = await system.signIn(lanUser, null);
    await expectError(await system.call(lan, "POST", "/api/me/claim", { code: created.claim.code }), 404, "CLAIM_CODE_INVALID");
    const me = await json(await system.call(lan, "POST", "/api/me/claim", { code: again.claim.code }), 200, Me);
    expect(me.village?.id).toBe(system.villageA.id);
    // Her Zalo name was "Bà Lan"; the full name the team wrote down is kept, for her certificate.
    expect(me.displayName).toBe("Nguyễn Thị Lan");
    // The code works once.
    await expectError(await system.call(lan, "POST", "/api/me/claim", { code: again.claim.code }), 404, "CLAIM_CODE_INVALID");

    const roster = await json(await system.call(memberA, "GET", "/api/team/roster?q=lan"), 200, Roster);
    expect(roster.residents).toHaveLength(1);
    expect(roster.residents[0]).toMatchObject({
      learnerId: me.id,
      usesZalo: true,
      lessonsCompleted: 1,
      birthYear: 1958,
      phone: "0912345678",
    });
    const providers = system.db
      .select({ provider: learnerIdentities.provider })
      .from(learnerIdentities)
      .where(eq(learnerIdentities.learnerId, me.id))
      .all()
      .map((r) => r.provider)
      .sort();
    expect(providers).toEqual(["assisted", "zalo_app"]);
    expect(system.db.select().from(learners).where(eq(learners.id, created.learnerId)).get()?.mergedInto).toBe(me.id);
    // Her progress counts once in the village's participation.
    const village = system.figures().villages.find((v) => v.villageId === system.villageA.id);
    expect(village?.participation.numerator).toBe(1);
  });

  it("refuses a sign-up without consent, with a bad birth year or phone, saying what is wrong", async () => {
    const memberA = await teamMember(memberAUser, system.villageA.id);
    await expectError(
      await system.call(memberA, "POST", "/api/team/residents", { ...registration(), consentVersion: "cu" }),
      400,
      "CONSENT_REQUIRED",
    );
    const badYear = await system.call(memberA, "POST", "/api/team/residents", { ...registration(), birthYear: 2020 });
    expect(((await badYear.json()) as ErrorBody).message).toContain("15 tuổi");
    const badPhone = await system.call(memberA, "POST", "/api/team/residents", { ...registration(), phone: "12345" });
    expect(((await badPhone.json()) as ErrorBody).message).toContain("10 chữ số");
    expect(
      system.db
        .select()
        .from(learners)
        .where(and(eq(learners.villageId, system.villageA.id), eq(learners.birthYear, 1958)))
        .all(),
    ).toHaveLength(0);
  });
});

describe("in-person classes", () => {
  it("records attendance once per form, and attending counts as taking part", async () => {
    const memberA = await teamMember(memberAUser, system.villageA.id);
    const created = await json(await system.call(memberA, "POST", "/api/team/residents", registration()), 201, RegisterResidentResponse);
    const before = system.figures().villages.find((v) => v.villageId === system.villageA.id);
    const form = {
      clientId: randomUUID(),
      heldOn: new Date().toISOString().slice(0, 10),
      courseId: "khoa-thu",
      lessonId: "bai-1",
      attendeeIds: [created.learnerId],
    };
    const first = await json(await system.call(memberA, "POST", "/api/team/classes", form), 201, ClassSummary);
    const second = await json(await system.call(memberA, "POST", "/api/team/classes", form), 200, ClassSummary);
    expect(second.id).toBe(first.id);
    expect(first.attendeeCount).toBe(1);
    const after = system.figures().villages.find((v) => v.villageId === system.villageA.id);
    expect((after?.participation.numerator ?? 0) - (before?.participation.numerator ?? 0)).toBe(1);
    const roster = await json(await system.call(memberA, "GET", `/api/team/roster?status=learning`), 200, Roster);
    expect(roster.residents.map((r) => r.learnerId)).toContain(created.learnerId);
    // A date in the future, or a course that does not exist, is refused.
    await expectError(
      await system.call(memberA, "POST", "/api/team/classes", { ...form, clientId: randomUUID(), heldOn: "2999-01-01" }),
      400,
      "VALIDATION_FAILED",
    );
    await expectError(
      await system.call(memberA, "POST", "/api/team/classes", { ...form, clientId: randomUUID(), courseId: "khong-co" }),
      404,
      "COURSE_NOT_FOUND",
    );
  });
});

describe("campaign requests", () => {
  it("refuses an unknown placeholder in the template, in Vietnamese", async () => {
    const memberA = await teamMember(memberAUser, system.villageA.id);
    const response = await system.call(memberA, "POST", "/api/team/campaigns", {
      clientId: randomUUID(),
      audience: "everyone",
      template: "Chào {tne}, học tiếp nhé!",
    });
    const body = (await response.json()) as ErrorBody;
    expect(response.status).toBe(400);
    expect(body.message).toContain("{tne}");
    const form = { clientId: randomUUID(), audience: "stalled", template: "Chào {ten}, học tiếp bài {bai_tiep} nhé!" };
    const ok = await system.call(memberA, "POST", "/api/team/campaigns", form);
    expect(ok.status).toBe(201);
    const campaign = CampaignDetail.omit({ recipients: true }).parse(await ok.json());
    expect(campaign).toMatchObject({ audience: "stalled", stalledDays: 7, state: "scheduled" });
    // The same form sent again (its answer was lost) is the same campaign, not a second one.
    const again = await system.call(memberA, "POST", "/api/team/campaigns", form);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: number }).id).toBe(campaign.id);
    expect(system.db.select().from(campaigns).all()).toHaveLength(1);
  });
});
