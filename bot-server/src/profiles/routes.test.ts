import { CONSENT_VERSION, Me } from "@hvs/shared/api";
import { ProfileList, SwitchProfileResponse } from "@hvs/shared/family";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { learners } from "../db/schema";
import { createInvite } from "../teams/invites";
import { expectError, expectJson } from "../test-support/responses";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";

const [ownerUser, otherUser, memberUser] = TEST_USERS.map((u) => u.id) as [string, string, string];

let system: TestSystem;
beforeEach(async () => {
  system = await createTestSystem();
});
afterEach(() => system.close());

const addProfile = (token: string, displayName: string, pin?: string) =>
  system.call(token, "POST", "/api/profiles", { displayName, pin, consentVersion: CONSENT_VERSION });

async function switchTo(token: string, id: number, pin?: string) {
  return expectJson(await system.call(token, "POST", `/api/profiles/${id}/switch`, { pin }), 200, SwitchProfileResponse);
}

async function family(token: string) {
  return expectJson(await system.call(token, "GET", "/api/profiles"), 200, ProfileList);
}

function idOf(list: ProfileList, name: string): number {
  const profile = list.profiles.find((p) => p.displayName === name);
  if (!profile) throw new Error(`no profile ${name}`);
  return profile.id;
}

describe("several learners on one Zalo account", () => {
  it("the owner adds family members, who start in the owner's village and need the consent text", async () => {
    const owner = await system.signIn(ownerUser);
    await expectError(
      await system.call(owner, "POST", "/api/profiles", { displayName: "Bà Nội", consentVersion: "cũ" }),
      400,
      "CONSENT_REQUIRED",
    );
    await expectError(await addProfile(owner, "Bà Nội", "12"), 400, "VALIDATION_FAILED");
    await expectJson(await addProfile(owner, "Bà Nội", "2468"), 201, ProfileList);
    const list = await expectJson(await addProfile(owner, "Cháu Mai"), 201, ProfileList);
    // The same form sent again (a double tap on a weak signal) adds nobody.
    const twice = await expectJson(await addProfile(owner, " cháu  mai "), 200, ProfileList);
    expect(twice.profiles).toHaveLength(3);
    expect(list.canManage).toBe(true);
    expect(list.profiles.map((p) => [p.displayName, p.isOwner, p.hasPin, p.current])).toEqual([
      ["Người Thử Một", true, false, true],
      ["Bà Nội", false, true, false],
      ["Cháu Mai", false, false, false],
    ]);
    const grandma = system.db
      .select()
      .from(learners)
      .where(eq(learners.id, idOf(list, "Bà Nội")))
      .get();
    expect(grandma?.villageId).toBe(system.villageA.id);
    expect(grandma?.consentVersion).toBe(CONSENT_VERSION);
    expect(grandma?.pinHash).toMatch(/^scrypt\$/);
    const me = await expectJson(await system.call(owner, "GET", "/api/me"), 200, Me);
    expect(me.family).toEqual({ profileCount: 3, isOwner: true });
  });

  it("a PIN guards a profile: wrong tries are refused, five lock it, the right one switches and ends the old session", async () => {
    const owner = await system.signIn(ownerUser);
    const grandma = idOf(await expectJson(await addProfile(owner, "Bà Nội", "2468"), 201, ProfileList), "Bà Nội");
    await expectError(await system.call(owner, "POST", `/api/profiles/${grandma}/switch`, {}), 401, "PIN_WRONG");
    await expectError(await system.call(owner, "POST", `/api/profiles/${grandma}/switch`, { pin: "1111" }), 401, "PIN_WRONG");

    const switched = await switchTo(owner, grandma, "2468");
    expect(switched.me).toMatchObject({ id: grandma, displayName: "Bà Nội", family: { profileCount: 2, isOwner: false } });
    // The owner's token is over: handing the phone back means choosing the owner again.
    await expectError(await system.call(owner, "GET", "/api/me"), 401, "UNAUTHENTICATED");
    const asGrandma = switched.sessionToken;
    expect((await family(asGrandma)).canManage).toBe(false);

    // From grandma's session back to the owner (no PIN), then five wrong guesses lock grandma for 15 minutes.
    const back = await switchTo(asGrandma, (await family(asGrandma)).profiles[0]?.id ?? 0);
    for (let i = 0; i < 4; i++) {
      await expectError(await system.call(back.sessionToken, "POST", `/api/profiles/${grandma}/switch`, { pin: "0000" }), 401, "PIN_WRONG");
    }
    await expectError(await system.call(back.sessionToken, "POST", `/api/profiles/${grandma}/switch`, { pin: "0000" }), 401, "PIN_WRONG");
    await expectError(await system.call(back.sessionToken, "POST", `/api/profiles/${grandma}/switch`, { pin: "2468" }), 429, "PIN_LOCKED");
    // Fifteen minutes later (moved back in the database), the right PIN works again.
    system.db
      .update(learners)
      .set({ pinLockedUntil: new Date(Date.now() - 1) })
      .where(eq(learners.id, grandma))
      .run();
    const again = await switchTo(back.sessionToken, grandma, "2468");
    // Choosing the same person again (the app reopened) still asks the PIN and keeps one live session.
    await expectError(await system.call(again.sessionToken, "POST", `/api/profiles/${grandma}/switch`, {}), 401, "PIN_WRONG");
    const reopened = await switchTo(again.sessionToken, grandma, "2468");
    await expectError(await system.call(again.sessionToken, "GET", "/api/me"), 401, "UNAUTHENTICATED");
    expect((await system.call(reopened.sessionToken, "GET", "/api/me")).status).toBe(200);
  });

  it("only the owner adds or removes; a profile sets its own PIN and the owner can reset a forgotten one", async () => {
    const owner = await system.signIn(ownerUser);
    const list = await expectJson(await addProfile(owner, "Bố Hùng"), 201, ProfileList);
    const dad = idOf(list, "Bố Hùng");
    const ownerId = idOf(list, "Người Thử Một");
    const asDad = (await switchTo(owner, dad)).sessionToken;
    await expectError(await addProfile(asDad, "Người Lạ"), 403, "NOT_ACCOUNT_OWNER");
    await expectError(await system.call(asDad, "DELETE", `/api/profiles/${ownerId}`), 403, "NOT_ACCOUNT_OWNER");
    await expectError(await system.call(asDad, "PUT", `/api/profiles/${ownerId}/pin`, { pin: "1234" }), 403, "NOT_ACCOUNT_OWNER");

    const withPin = await expectJson(await system.call(asDad, "PUT", `/api/profiles/${dad}/pin`, { pin: "9753" }), 200, ProfileList);
    expect(withPin.profiles.find((p) => p.id === dad)?.hasPin).toBe(true);
    const asOwner = (await switchTo(asDad, ownerId)).sessionToken;
    await expectError(await system.call(asOwner, "POST", `/api/profiles/${dad}/switch`, {}), 401, "PIN_WRONG");
    await expectJson(await system.call(asOwner, "PUT", `/api/profiles/${dad}/pin`, { pin: null }), 200, ProfileList);
    await switchTo(asOwner, dad);
  });

  it("another family's profile cannot be seen or chosen, and a lent phone (assisted) cannot use profiles", async () => {
    const owner = await system.signIn(ownerUser);
    const grandma = idOf(await expectJson(await addProfile(owner, "Bà Nội"), 201, ProfileList), "Bà Nội");
    const stranger = await system.signIn(otherUser);
    await expectError(await system.call(stranger, "POST", `/api/profiles/${grandma}/switch`, {}), 404, "PROFILE_NOT_FOUND");
    await expectError(await system.call(stranger, "DELETE", `/api/profiles/${grandma}`), 404, "PROFILE_NOT_FOUND");
    expect((await family(stranger)).profiles).toHaveLength(1);

    const staffId = system.staffSession().staffId;
    const memberToken = await system.signIn(memberUser);
    const { code } = createInvite(
      system.db,
      { staffId, communeId: system.communeId, villageId: system.villageA.id, displayName: "Tổ viên" },
      new Date(),
    );
    await system.call(memberToken, "POST", "/api/team/join", { code });
    const assisted = (await (await system.call(memberToken, "POST", `/api/team/residents/${grandma}/assist`)).json()) as {
      sessionToken: string;
    };
    await expectError(await system.call(assisted.sessionToken, "GET", "/api/profiles"), 403, "FORBIDDEN");
  });

  it("each profile learns and counts as its own person; removing one leaves the others untouched", async () => {
    const owner = await system.signIn(ownerUser);
    const list = await expectJson(await addProfile(owner, "Bà Nội"), 201, ProfileList);
    await addProfile(owner, "Cháu Mai");
    const grandma = idOf(list, "Bà Nội");
    await system.completeLesson(owner, "bai-1");
    const asGrandma = (await switchTo(owner, grandma)).sessionToken;
    await system.completeLesson(asGrandma, "bai-1");
    await system.completeLesson(asGrandma, "bai-2");
    const mai = idOf(await family(asGrandma), "Cháu Mai");
    const asMai = (await switchTo(asGrandma, mai)).sessionToken;
    await system.completeLesson(asMai, "bai-2");
    expect(system.figures().total.participants).toBe(3);

    const ownerAgain = (await switchTo(asMai, idOf(await family(asMai), "Người Thử Một"))).sessionToken;
    const after = await expectJson(await system.call(ownerAgain, "DELETE", `/api/profiles/${grandma}`), 200, ProfileList);
    expect(after.profiles.map((p) => p.displayName)).toEqual(["Người Thử Một", "Cháu Mai"]);
    const removed = system.db.select().from(learners).where(eq(learners.id, grandma)).get();
    expect(removed?.displayName).toBeNull();
    expect(removed?.forgottenAt).not.toBeNull();
    // Counted still (anonymously), as for any deleted data; Mai and the owner keep everything.
    expect(system.figures().total.participants).toBe(3);
    const asMaiAgain = (await switchTo(ownerAgain, mai)).sessionToken;
    const data = (await (await system.call(asMaiAgain, "GET", "/api/me/data")).json()) as { displayName: string; lessons: unknown[] };
    expect(data.displayName).toBe("Cháu Mai");
    expect(data.lessons).toHaveLength(1);
  });

  it("when the owner deletes their own data, the eldest family profile takes over the phone's Zalo sign-in", async () => {
    const owner = await system.signIn(ownerUser);
    await addProfile(owner, "Bà Nội", "2468");
    await addProfile(owner, "Cháu Mai");
    expect((await system.call(owner, "DELETE", "/api/me")).status).toBe(200);

    const again = await system.signIn(ownerUser, null);
    const me = await expectJson(await system.call(again, "GET", "/api/me"), 200, Me);
    expect(me).toMatchObject({ displayName: "Bà Nội", family: { profileCount: 2, isOwner: true } });
    const list = await family(again);
    expect(list.profiles.map((p) => p.displayName)).toEqual(["Bà Nội", "Cháu Mai"]);
    expect(list.canManage).toBe(true);
  });

  it("an account holds at most eight profiles", async () => {
    const owner = await system.signIn(ownerUser);
    for (let i = 1; i < 8; i++) await expectJson(await addProfile(owner, `Người ${i}`), 201, ProfileList);
    await expectError(await addProfile(owner, "Người thứ chín"), 409, "PROFILE_LIMIT");
  });
});
