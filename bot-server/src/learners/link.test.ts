import { Me } from "@hvs/shared/api";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { certificates, learnerIdentities, learners, lessonCompletions } from "../db/schema";
import { CORRECT_ANSWERS } from "../test-support/fixture-curriculum";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";
import { linkIdentity } from "./link";

let system: TestSystem;
beforeEach(async () => {
  system = await createTestSystem();
});
afterEach(() => system.close());

const me = async (token: string) => Me.parse(await (await system.call(token, "GET", "/api/me")).json());
const participants = () => system.figures().villages[0]?.participation.numerator;
const certified = () => system.figures().total.basicSkills.numerator;

describe("one person, several identities", () => {
  it("merges two records of the same person into one, counted once, with one certificate", async () => {
    const [first, second] = TEST_USERS;
    const a = await system.signIn(first?.id ?? "");
    const b = await system.signIn(second?.id ?? "");
    await system.completeLesson(a, "bai-1", 2);
    await system.completeLesson(b, "bai-1", 2);
    await system.completeLesson(b, "bai-2", 1);
    await system.takeQuiz(a, CORRECT_ANSWERS);
    await system.takeQuiz(b, CORRECT_ANSWERS);
    expect(participants()).toBe(2);
    expect(certified()).toBe(2);
    expect(system.db.select().from(certificates).all()).toHaveLength(2);

    // Say a village team learns the second Zalo account is the same person's (an old phone).
    const kept = (await me(a)).id;
    linkIdentity(system.db, kept, "zalo_app", second?.id ?? "", new Date());

    expect(participants()).toBe(1);
    expect(certified()).toBe(1);
    const lessons = system.db.select().from(lessonCompletions).all();
    expect(lessons.map((l) => [l.learnerId, l.lessonId]).sort()).toEqual([
      [kept, "bai-1"],
      [kept, "bai-2"],
    ]);
    const certs = system.db.select().from(certificates).all();
    expect(certs.filter((c) => c.status === "valid").map((c) => c.learnerId)).toEqual([kept]);
    expect(certs.find((c) => c.status === "revoked")?.statusReason).toContain("Trùng người học");
    // The other record's session is gone; signing in with that Zalo account now reaches the kept learner.
    expect((await system.call(b, "GET", "/api/me")).status).toBe(401);
    expect((await me(await system.signIn(second?.id ?? "", null))).id).toBe(kept);
    expect(system.db.select().from(learnerIdentities).where(eq(learnerIdentities.learnerId, kept)).all()).toHaveLength(2);

    // Linking again changes nothing.
    linkIdentity(system.db, kept, "zalo_app", second?.id ?? "", new Date());
    expect(participants()).toBe(1);
  });

  it("adds a new identity to the learner, once", async () => {
    const token = await system.signIn(TEST_USERS[0]?.id ?? "");
    const id = (await me(token)).id;
    linkIdentity(system.db, id, "zalo_oa", "oa-follower-1", new Date());
    linkIdentity(system.db, id, "zalo_oa", "oa-follower-1", new Date());
    expect(system.db.select().from(learnerIdentities).where(eq(learnerIdentities.provider, "zalo_oa")).all()).toHaveLength(1);
    expect(system.db.select().from(learners).all()).toHaveLength(1);
  });
});
