import { randomUUID } from "node:crypto";
import { CONSENT_VERSION } from "@hvs/shared/api";
import { addDays, type Granularity } from "@hvs/shared/periods";
import { RegisterResidentResponse } from "@hvs/shared/team";
import { and, asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EARLIEST_DAY } from "../admin/period-query";
import { converse, type Incoming } from "../chatbot/conversation";
import { certificates, learnerIdentities, learnerMilestones, learners, reviewFlags, villages } from "../db/schema";
import { linkIdentity } from "../learners/link";
import { createInvite } from "../teams/invites";
import { CORRECT_ANSWERS } from "../test-support/fixture-curriculum";
import { createTestSystem, progressEvent, TEST_USERS, type TestSystem } from "../test-support/system";
import type { OaMessage } from "../zalo/oa-client";
import { communeReport } from "./commune-report";
import { milestoneRules, rebuildMilestones, vietnamDay } from "./milestones";
import { type PeopleQuery, peopleBehind } from "./people";
import { recordPopulation } from "./populations";
import { FORGOTTEN_RULE } from "./rules-text";

let s: TestSystem;
let session: ReturnType<TestSystem["staffSession"]>;
let staffId: number;
let cookie: string;
beforeEach(async () => {
  s = await createTestSystem();
  session = s.staffSession();
  ({ staffId, cookie } = session);
});
afterEach(() => s.close());

const today = () => vietnamDay(new Date());
const user = (i: number) => TEST_USERS[i]?.id ?? "";
const A = () => s.villageA.id;
const B = () => s.villageB.id;

function learnerOf(provider: "zalo_app" | "zalo_oa", subject: string): number {
  const row = s.db
    .select({ id: learnerIdentities.learnerId })
    .from(learnerIdentities)
    .where(and(eq(learnerIdentities.provider, provider), eq(learnerIdentities.subject, subject)))
    .get();
  if (!row) throw new Error(`no learner for ${provider} ${subject}`);
  return row.id;
}

const button = (message: OaMessage | undefined, title: string): string => {
  const payload = message?.buttons?.find((b) => b.title === title)?.payload;
  if (typeof payload !== "string") throw new Error(`no button "${title}" in ${JSON.stringify(message)}`);
  return payload;
};

/** A follower writing to the OA, 20 s a turn from `start`: the chat records progress at that moment. */
function chatter(oaUserId: string, start: Date, appUserId?: string) {
  let clock = start.getTime();
  const who = appUserId ? { oaUserId, appUserId } : { oaUserId };
  return {
    say(incoming: Incoming | string): OaMessage[] {
      clock += 20_000;
      const event = typeof incoming === "string" ? { kind: "text" as const, text: incoming } : incoming;
      return s.db.transaction((tx) => converse(tx, s.chat, who, event, new Date(clock)));
    },
    /** Comes back on another day, at 09:00 in Vietnam. */
    on(day: string) {
      clock = Date.parse(`${day}T02:00:00Z`);
    },
  };
}

/** Agrees and picks the village in the chat on `day` (09:00 Vietnam time): a new learner registered that day. */
function chatLearner(oaUserId: string, village: string, day: string) {
  const chat = chatter(oaUserId, new Date(`${day}T02:00:00Z`));
  const [, consent] = chat.say({ kind: "follow" });
  const [ask] = chat.say(button(consent, "Đồng ý"));
  chat.say(button(ask, village));
  return { ...chat, id: learnerOf("zalo_oa", oaUserId) };
}

/** Both lessons, then the quiz (4 of 4 right), then the name the certificate asks for, if given. */
function learnEverything(chat: ReturnType<typeof chatLearner>, name?: string) {
  for (const text of ["học", "học"]) chat.say(text);
  expect(chat.say("học")[0]?.text).toContain("Bài kiểm tra");
  for (const answer of ["b", "a c", "a"]) chat.say(answer);
  expect(chat.say("a")[1]?.text).toContain("4/4");
  if (name) expect(chat.say(name)[0]?.text).toContain("Chúc mừng");
}

async function teamMember(userIndex: number, villageId: number): Promise<string> {
  const token = await s.signIn(user(userIndex), villageId);
  const { code } = createInvite(s.db, { staffId, communeId: s.communeId, villageId, displayName: "Tổ viên" }, new Date());
  expect((await s.call(token, "POST", "/api/team/join", { code })).status).toBe(200);
  return token;
}

async function holdClass(member: string, heldOn: string, attendeeIds: number[]) {
  const response = await s.call(member, "POST", "/api/team/classes", { clientId: randomUUID(), heldOn, courseId: "khoa-thu", attendeeIds });
  expect(response.status, await response.clone().text()).toBe(201);
}

/** Start and every answer sent at once: a final-quiz pass faster than anyone reads, held for review. */
async function quizTooFast(token: string) {
  const start = progressEvent.started();
  const answers = Object.entries(CORRECT_ANSWERS).map(([q, options]) => progressEvent.answer(start.attemptId, q, options));
  expect((await s.send(token, start, ...answers)).map((r) => r.status)).toEqual(Array(5).fill("recorded"));
}

const staffPost = (path: string, fields: Record<string, string>) => s.staffForm(session, path, fields);

const serialOf = (learnerId: number) => s.db.select().from(certificates).where(eq(certificates.learnerId, learnerId)).get()?.serial ?? "";
const report = (from: string, to: string, by: Granularity = "month", focus: number | null = null) =>
  communeReport(s.db, s.communeId, { from, to }, by, focus);
const upToToday = () => report(EARLIEST_DAY, today());
const village = (r: ReturnType<typeof report>, id: number) => r.villages.find((v) => v.villageId === id);
const sinceStart = () => ({ from: EARLIEST_DAY, to: today() });
const people = (q: Partial<PeopleQuery>) =>
  peopleBehind(s.db, s.communeId, { step: "tookPart", scope: "cumulative", period: sinceStart(), villageId: null, page: 1, ...q });
const funnel = (registered: number, started: number, tookPart: number, courseFinished: number, certified: number) => ({
  ...{ registered, started, tookPart, courseFinished, certified },
});
const milestones = () => s.db.select().from(learnerMilestones).orderBy(asc(learnerMilestones.learnerId)).all();
const milestoneOf = (learnerId: number) => milestones().find((m) => m.learnerId === learnerId);

/** What the writes kept up to date must be exactly what a rebuild from the records gives. */
function expectRebuildAgrees() {
  const kept = milestones();
  expect(kept.length).toBeGreaterThan(0);
  rebuildMilestones(s.db, milestoneRules(s.chat.content), new Date());
  expect(milestones()).toEqual(kept);
}

describe("who is counted", () => {
  it("counts one person once across the mini app, the chat and a class; 'took part' is the earliest, then lesson before class", async () => {
    const member = await teamMember(2, A());
    const token = await s.signIn(user(0));
    const id = learnerOf("zalo_app", user(0));
    await holdClass(member, today(), [id]);
    expect(milestoneOf(id)).toMatchObject({ tookPartOn: today(), tookPartBy: "class" });
    await s.completeLesson(token, "bai-1", 2);
    // The same day: a lesson explains "took part" better than a class.
    expect(milestoneOf(id)).toMatchObject({ tookPartOn: today(), tookPartBy: "lesson" });
    // The chat knows the person by the mini app's id and goes on to the next lesson.
    const chat = chatter("oa-mot", new Date(), user(0));
    expect(chat.say({ kind: "follow" })[0]?.text).toContain("Chào mừng bạn trở lại");
    expect(chat.say("học")[0]?.text).toContain("Bài 2");
    // A class recorded late, held ten days ago, moves the first day earlier.
    const tenDaysAgo = addDays(today(), -10);
    await holdClass(member, tenDaysAgo, [id]);

    const figures = village(upToToday(), A());
    expect(figures?.participation).toMatchObject({ numerator: 1, denominator: 10, percent: 10 });
    expect(figures?.funnel).toEqual(funnel(2, 1, 1, 0, 0));
    const list = people({});
    expect(list.rows.map((r) => [r.learnerId, r.day, r.tookPartBy])).toEqual([[id, tenDaysAgo, "class"]]);
    expect([list.listed, list.forgotten]).toEqual([1, 0]);
    expectRebuildAgrees();
  });

  it("counts two records of one person once after they are merged; the merged-away record is in no row", async () => {
    const x = chatLearner("oa-x", "Thôn A", "2026-03-01");
    x.say("học");
    const token = await s.signIn(user(1));
    const y = learnerOf("zalo_app", user(1));
    await s.completeLesson(token, "bai-2", 1);
    expect(village(upToToday(), A())?.funnel).toMatchObject({ registered: 2, tookPart: 2 });

    linkIdentity(s.db, y, "zalo_oa", "oa-x", new Date());
    linkIdentity(s.db, y, "zalo_oa", "oa-x", new Date());
    const figures = village(upToToday(), A());
    expect(figures?.funnel).toEqual(funnel(1, 1, 1, 0, 0));
    expect(figures?.participation.numerator).toBe(1);
    expect(s.db.select().from(learners).where(eq(learners.id, x.id)).get()?.mergedInto).toBe(y);
    expect(milestones().map((m) => m.learnerId)).toEqual([y]);
    // The person took part first in the chat, on the merged record.
    expect(milestoneOf(y)).toMatchObject({ villageId: A(), startedOn: "2026-03-01", tookPartOn: "2026-03-01", tookPartBy: "lesson" });
    expect(people({ step: "registered" }).rows.map((r) => r.learnerId)).toEqual([y]);
    expectRebuildAgrees();
  });

  it("counts someone who only opened a lesson or only started a quiz as registered and started, not as taking part", async () => {
    await s.send(await s.signIn(user(0)), progressEvent.opened("bai-1"));
    await s.send(await s.signIn(user(1)), progressEvent.started());
    await s.signIn(user(2));
    const figures = village(upToToday(), A());
    expect(figures?.funnel).toEqual(funnel(3, 2, 0, 0, 0));
    expect(figures?.participation).toMatchObject({ numerator: 0, denominator: 10, percent: 0 });
    expect(milestoneOf(learnerOf("zalo_app", user(0)))).toMatchObject({ startedOn: today(), tookPartOn: null, tookPartBy: null });
    expect(people({}).listed).toBe(0);
    expectRebuildAgrees();
  });

  it("keeps a person who deleted their data in the number, not in the list, and the list says so", async () => {
    const first = await s.signIn(user(0));
    await s.completeLesson(first, "bai-1", 2);
    await s.completeLesson(await s.signIn(user(1)), "bai-1", 2);
    expect((await s.call(first, "DELETE", "/api/me")).status).toBe(200);

    expect(village(upToToday(), A())?.participation.numerator).toBe(2);
    const list = people({});
    expect(list.rows.map((r) => r.displayName)).toEqual(["Người Thử Hai"]);
    expect([list.listed, list.forgotten]).toEqual([1, 1]);

    const page = await s.app.request(`/admin/people?step=tookPart&scope=cumulative&from=${EARLIEST_DAY}&to=${today()}`, {
      headers: { Cookie: cookie },
    });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('<span id="people-total">2</span> người');
    expect(text).toContain("Trong đó 1 người đã tự xóa dữ liệu cá nhân.");
    expect(text).toContain(FORGOTTEN_RULE);
    expect(text).toContain("Người Thử Hai");
    expect(text).not.toContain("Người Thử Một");
    expect(text.match(/data-learner-id=/g)).toHaveLength(1);
    expectRebuildAgrees();
  });
});

describe("population figures", () => {
  it("divides by the figure in effect on the period's last day, and leaves a village without one out of the total", () => {
    const c = s.db.insert(villages).values({ communeId: s.communeId, name: "Thôn C" }).returning().get().id;
    const record = (adults: number, effectiveFrom: string) =>
      recordPopulation(s.db, s.communeId, { villageId: B(), adults, effectiveFrom }, { staffId, source: "form" }, new Date());
    record(100, "2025-01-01");
    record(200, "2026-06-01");
    for (const name of ["Thôn A", "Thôn B", "Thôn C"]) chatLearner(`oa-${name}`, name, "2026-03-10").say("học");

    const may = report("2026-01-01", "2026-05-31");
    expect(village(may, B())).toMatchObject({ adults: 100, participation: { numerator: 1, denominator: 100, percent: 1 } });
    expect(village(may, c)).toMatchObject({ adults: 0, participation: { numerator: 1, denominator: 0, percent: null } });
    expect(may.total.adults).toBe(110);
    expect(may.total.participation).toMatchObject({ numerator: 2, denominator: 110, percent: 1.8, excluded: 1 });
    expect(may.total.basicSkills).toMatchObject({ numerator: 0, denominator: 110, percent: 0, excluded: 1 });

    const july = report("2026-01-01", "2026-07-01");
    expect(village(july, B())).toMatchObject({ adults: 200, participation: { numerator: 1, denominator: 200, percent: 0.5 } });
    expect(july.total.participation).toMatchObject({ numerator: 2, denominator: 210, percent: 1, excluded: 1 });

    // A correction for the same day, entered later, wins from that day on; the earlier report does not move.
    record(150, "2026-06-01");
    expect(village(report("2026-01-01", "2026-06-01"), B())?.adults).toBe(150);
    expect(village(report("2026-01-01", "2026-05-31"), B())?.adults).toBe(100);
  });
});

describe("periods", () => {
  /** Village A (10 adults), every step on a known day, through the chat at those days. */
  function movement() {
    const p1 = chatLearner("oa-p1", "Thôn A", "2026-02-10");
    p1.say("học");
    const p3 = chatLearner("oa-p3", "Thôn A", "2026-02-25");
    p3.on("2026-03-20");
    p3.say("học");
    chatLearner("oa-p2", "Thôn A", "2026-03-05").say("học");
    chatLearner("oa-p7", "Thôn A", "2026-03-10");
    // Opens the quiz and leaves: started, not taken part.
    expect(chatLearner("oa-p4", "Thôn A", "2026-03-25").say("#quiz:bai-1")[0]?.text).toContain("Bài kiểm tra");
    learnEverything(chatLearner("oa-p5", "Thôn A", "2026-04-02"), "Trần Thị Năm");
    learnEverything(chatLearner("oa-p6", "Thôn A", "2026-04-03"));
    return { p2: learnerOf("zalo_oa", "oa-p2"), p3: p3.id };
  }

  it("counts 'new' only inside [from, to] and the rates cumulatively up to `to`, with the funnel at each step", () => {
    const { p2, p3 } = movement();
    const march = village(report("2026-03-01", "2026-03-31"), A());
    expect(march).toMatchObject({ newParticipants: 2, newCertified: 0, participation: { numerator: 3, percent: 30 } });
    expect(march?.funnel).toEqual(funnel(5, 4, 3, 0, 0));
    const april = village(report("2026-04-01", "2026-04-30"), A());
    expect(april).toMatchObject({ newParticipants: 2, newCertified: 1, participation: { numerator: 5, percent: 50 } });
    expect(april?.basicSkills).toMatchObject({ numerator: 1, denominator: 10, percent: 10 });
    const spring = report("2026-02-01", "2026-04-30");
    expect(spring.total).toMatchObject({ newParticipants: 5, newCertified: 1 });
    expect(spring.total.funnel).toEqual(funnel(7, 6, 5, 2, 1));
    expect(spring.focus.funnel).toEqual(spring.total.funnel);
    expect(report("2026-02-01", "2026-04-30", "month", B()).focus.funnel).toEqual(funnel(0, 0, 0, 0, 0));
    // A village of another commune is no focus: the commune is shown, and said to be.
    const foreign = report("2026-02-01", "2026-04-30", "month", 9999);
    expect(foreign.focus).toMatchObject({ villageId: null, funnel: spring.total.funnel });
    // The day before the first step of anyone: nothing yet.
    expect(village(report("2026-01-01", "2026-02-09"), A())?.funnel.registered).toBe(0);
    // Both ends of the period are inside it: first days on 03-05 and on 03-20 are new in [03-05, 03-20].
    expect(village(report("2026-03-05", "2026-03-20"), A())).toMatchObject({ newParticipants: 2, participation: { numerator: 3 } });
    expect(village(report("2026-03-06", "2026-03-19"), A())).toMatchObject({ newParticipants: 0, participation: { numerator: 2 } });
    const newInMarch = people({ scope: "new", period: { from: "2026-03-05", to: "2026-03-20" } });
    expect(newInMarch.rows.map((r) => [r.learnerId, r.day])).toEqual([
      [p3, "2026-03-20"],
      [p2, "2026-03-05"],
    ]);
    expectRebuildAgrees();
  });

  it("gives the cumulative rates at the end of each month and each week (weeks from Monday, clipped to the period)", () => {
    movement();
    const points = (r: ReturnType<typeof report>) =>
      r.focus.trend.map((t) => [t.label, t.start, t.end, t.participation.percent, t.basicSkills.percent]);
    expect(points(report("2026-02-01", "2026-04-30", "month"))).toEqual([
      ["T2/2026", "2026-02-01", "2026-02-28", 10, 0],
      ["T3/2026", "2026-03-01", "2026-03-31", 30, 0],
      ["T4/2026", "2026-04-01", "2026-04-30", 50, 10],
    ]);
    expect(points(report("2026-03-01", "2026-03-31", "week"))).toEqual([
      ["23/02", "2026-03-01", "2026-03-01", 10, 0],
      ["02/03", "2026-03-02", "2026-03-08", 20, 0],
      ["09/03", "2026-03-09", "2026-03-15", 20, 0],
      ["16/03", "2026-03-16", "2026-03-22", 30, 0],
      ["23/03", "2026-03-23", "2026-03-29", 30, 0],
      ["30/03", "2026-03-30", "2026-03-31", 30, 0],
    ]);
    // Thôn B has no population figure: its trend has no rate at all rather than 0%.
    expect(report("2026-03-01", "2026-03-31", "week", B()).focus.trend.every((t) => t.participation.percent === null)).toBe(true);
  });
});

describe("certificates and review", () => {
  it("does not count a final quiz held for review until staff accept it, nor a certificate staff revoked", async () => {
    const token = await s.signIn(user(0));
    const id = learnerOf("zalo_app", user(0));
    await quizTooFast(token);
    const steps = () => village(upToToday(), A())?.funnel;
    expect(steps()).toEqual(funnel(1, 1, 1, 0, 0));
    expect(milestoneOf(id)).toMatchObject({ tookPartBy: "quiz", courseFinishedOn: null, certifiedOn: null });
    expectRebuildAgrees();

    const flag = s.db.select().from(reviewFlags).where(eq(reviewFlags.learnerId, id)).get();
    expect((await staffPost(`/admin/flags/${flag?.id}`, { decision: "accepted" })).status).toBe(303);
    expect(steps()).toMatchObject({ courseFinished: 1, certified: 1 });
    expect(village(upToToday(), A())?.basicSkills).toMatchObject({ numerator: 1, percent: 10 });
    expectRebuildAgrees();

    expect((await staffPost(`/admin/certificates/${serialOf(id)}/revoke`, { reason: "Làm hộ" })).status).toBe(303);
    expect(steps()).toMatchObject({ tookPart: 1, courseFinished: 1, certified: 0 });
    expect(people({ step: "certified" }).listed).toBe(0);
    expectRebuildAgrees();
  });
});

describe("the milestones kept by each write", () => {
  it("equal a rebuild from the records after app, chat, class, quiz, certificate, revoke, merge, village change and forget", async () => {
    const member = await teamMember(2, A());
    // Mini app: a lesson and the quiz at a person's pace, a certificate, which staff then revoke.
    const u0 = await s.signIn(user(0));
    await s.completeLesson(u0, "bai-1", 2);
    await s.takeQuiz(u0, CORRECT_ANSWERS);
    const id0 = learnerOf("zalo_app", user(0));
    expect((await staffPost(`/admin/certificates/${serialOf(id0)}/revoke`, { reason: "Sai tên" })).status).toBe(303);
    // Chat months ago: lessons, quiz and name, a certificate; then a class held a month ago for both.
    const c1 = chatLearner("oa-c1", "Thôn A", "2026-05-04");
    learnEverything(c1, "Lê Văn Một");
    await holdClass(member, addDays(today(), -30), [id0, c1.id]);
    // One person with a chat record and a mini app record: merged, then moving to Thôn B.
    chatLearner("oa-c2", "Thôn A", "2026-06-10").say("học");
    const u1 = await s.signIn(user(1));
    await s.completeLesson(u1, "bai-2", 1);
    linkIdentity(s.db, learnerOf("zalo_app", user(1)), "zalo_oa", "oa-c2", new Date());
    expect((await s.call(u1, "PUT", "/api/me/village", { villageId: B() })).status).toBe(200);
    // A pass held for review and accepted, then that person deletes their data in the mini app.
    const u4 = await s.signIn(user(4));
    await quizTooFast(u4);
    const flag = s.db
      .select()
      .from(reviewFlags)
      .where(eq(reviewFlags.learnerId, learnerOf("zalo_app", user(4))))
      .get();
    expect((await staffPost(`/admin/flags/${flag?.id}`, { decision: "accepted" })).status).toBe(303);
    expect((await s.call(u4, "DELETE", "/api/me")).status).toBe(200);
    // Signed up by the team, a lesson on the member's phone, then claimed with the person's own Zalo.
    const registration = { clientId: randomUUID(), displayName: "Nguyễn Thị Lan", birthYear: 1958, consentVersion: CONSENT_VERSION };
    const created = RegisterResidentResponse.parse(await (await s.call(member, "POST", "/api/team/residents", registration)).json());
    const assist = (await (await s.call(member, "POST", `/api/team/residents/${created.learnerId}/assist`)).json()) as {
      sessionToken: string;
    };
    await s.completeLesson(assist.sessionToken, "bai-1", 2);
    const u3 = await s.signIn(user(3), null);
    // Registered the moment they signed in, though in no village yet.
    expect(milestoneOf(learnerOf("zalo_app", user(3)))).toMatchObject({ villageId: null, registeredOn: today(), startedOn: null });
    expect((await s.call(u3, "POST", "/api/me/claim", { code: created.claim.code })).status).toBe(200);
    // The chat learner deletes their data in the chat.
    const [data] = c1.say("xóa dữ liệu");
    const [confirm] = c1.say(button(data, "Xóa dữ liệu của tôi"));
    expect(c1.say(button(confirm, "Có, xóa hết"))[0]?.text).toContain("Đã xóa dữ liệu");

    const figures = upToToday();
    expect(village(figures, A())?.funnel).toEqual(funnel(5, 4, 4, 3, 2));
    expect(village(figures, B())?.funnel).toEqual(funnel(1, 1, 1, 0, 0));
    expect(milestoneOf(learnerOf("zalo_app", user(1)))).toMatchObject({ villageId: B(), tookPartOn: "2026-06-10" });
    expectRebuildAgrees();
  });

  it("equal a rebuild after a family profile learns and a person joins a household in another village", async () => {
    const member = await teamMember(2, A());
    const owner = await s.signIn(user(0), B());
    const added = (await (
      await s.call(owner, "POST", "/api/profiles", { displayName: "Bà Nội", consentVersion: CONSENT_VERSION })
    ).json()) as { profiles: { id: number; isOwner: boolean }[] };
    const grandma = added.profiles.find((p) => !p.isOwner)?.id;
    const switched = (await (await s.call(owner, "POST", `/api/profiles/${grandma}/switch`, {})).json()) as { sessionToken: string };
    await s.completeLesson(switched.sessionToken, "bai-1", 2);
    const made = (await (
      await s.call(member, "POST", "/api/team/households", { clientId: randomUUID(), label: "Hộ bà Nội", hasSmartphone: true })
    ).json()) as { households: { id: number }[] };
    const code = (await (await s.call(member, "POST", `/api/team/households/${made.households[0]?.id}/code`)).json()) as { code: string };
    expect((await s.call(switched.sessionToken, "POST", "/api/me/household/join", { code: code.code })).status).toBe(200);
    expect(milestoneOf(grandma ?? 0)).toMatchObject({ villageId: A(), tookPartOn: today() });
    expectRebuildAgrees();
  });

  // Writes that once left the table different from what the records give.
  it("a merge where both records finished the same lesson keeps the earlier completion", async () => {
    chatLearner("oa-x", "Thôn A", "2026-03-01").say("học");
    await s.completeLesson(await s.signIn(user(1)), "bai-1", 2);
    linkIdentity(s.db, learnerOf("zalo_app", user(1)), "zalo_oa", "oa-x", new Date());
    expectRebuildAgrees();
  });

  it("a merge into a record whose certificate was revoked keeps counting the other record's valid certificate", async () => {
    learnEverything(chatLearner("oa-x", "Thôn A", "2026-03-01"), "Lê Văn Một");
    const token = await s.signIn(user(1));
    await s.takeQuiz(token, CORRECT_ANSWERS);
    const id = learnerOf("zalo_app", user(1));
    expect((await staffPost(`/admin/certificates/${serialOf(id)}/revoke`, { reason: "Sai tên" })).status).toBe(303);
    linkIdentity(s.db, id, "zalo_oa", "oa-x", new Date());
    expectRebuildAgrees();
  });

  it("deleting one's data leaves a revoked certificate revoked (not withdrawn, which would count)", async () => {
    const token = await s.signIn(user(1));
    await s.takeQuiz(token, CORRECT_ANSWERS);
    const id = learnerOf("zalo_app", user(1));
    expect((await staffPost(`/admin/certificates/${serialOf(id)}/revoke`, { reason: "Làm hộ" })).status).toBe(303);
    expect((await s.call(token, "DELETE", "/api/me")).status).toBe(200);
    expect(s.db.select().from(certificates).where(eq(certificates.learnerId, id)).get()?.status).toBe("revoked");
    expectRebuildAgrees();
  });
});
