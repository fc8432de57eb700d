import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CONSENT_VERSION } from "@hvs/shared/api";
import { BASIC_SKILLS_PROGRAM_ID } from "@hvs/shared/indicators";
import { addDays } from "@hvs/shared/periods";
import type Database from "better-sqlite3";
import { inArray } from "drizzle-orm";
import { dashboardPage } from "../admin/dashboard-page";
import { readPeriodQuery } from "../admin/period-query";
import { provincePage } from "../admin/province-page";
import { createSession, STAFF_SESSION_MS } from "../auth/sessions";
import { type Db, openDatabase } from "../db/client";
import { sessions } from "../db/schema";
import { ensureHouseholdReadiness } from "../households/readiness";
import { communeReport } from "../indicators/commune-report";
import { type MilestoneRules, milestoneRules, rebuildMilestones } from "../indicators/milestones";
import { provinceRollup } from "../indicators/province-rollup";
import { type CurriculumIndex, loadCurriculum } from "../learning/curriculum";

/**
 * Synthetic data for `npm run bench:dashboard`: provinces, communes, villages with their adult population,
 * and learners with a realistic, skewed amount of activity, written straight into a migrated SQLite file.
 * Deterministic: the same options (seed included) give the same rows in the same order, hence the same ids.
 * Memory stays bounded whatever the size: rows are written as they are made, one learner at a time, in
 * transactions of about 50,000 rows; only one commune's small per-learner arrays are held at once.
 *
 * "Events" here means rows of `progress_events`, what the phone reports (lesson opened or completed, quiz
 * attempt started, answer): a commune gets exactly `eventsPerCommune` of them. The records those events
 * leave behind (lesson_completions, quiz_attempts) and in-person classes (class_attendance) are extra rows,
 * counted and reported separately. Quiz answers (`quiz_answers`) are not written: the dashboard never reads
 * them and they would double the file.
 *
 * Synthetic names only (Vietnamese name parts), no real person.
 *
 *   DATABASE_URL is not used; the CLI takes paths:
 *   tsx dashboard-data.ts prepare <dir> <scenario name> '<options JSON>' <result JSON path> [rebuild]
 *   tsx dashboard-data.ts profile <database file> <commune id> <province id> <from> <to> [runs]
 */

/** Part of every file name: bump it when the generator's output changes, so old files are not reused. */
export const GENERATOR_VERSION = 4;

export interface DashboardDataOptions {
  provinces: number;
  /** In all; spread over the provinces in turn. */
  communes: number;
  villagesPerCommune: number;
  adultsPerCommune: number;
  /** progress_events rows per commune (exactly). */
  eventsPerCommune: number;
  /** YYYY-MM-DD (Vietnam): the first and last day anything happens. */
  start: string;
  end: string;
  seed: number;
  /** Share of the adults who registered; each village varies around it by ±10 points. Default 0.85. */
  registeredShare?: number;
  log?: (line: string) => void;
}

export interface GeneratedCommune {
  id: number;
  name: string;
  provinceId: number;
  staffId: number;
  villageIds: number[];
}

export interface DashboardDataResult {
  options: Omit<DashboardDataOptions, "log">;
  provinceIds: number[];
  communes: GeneratedCommune[];
  /** Province staff of the first province (role province, office in its first commune). */
  provinceStaffId: number;
  adults: number;
  /** Rows per table after generation. */
  counts: Record<string, number>;
  generateMs: number;
  rebuildMs: number;
  milestones: number;
}

const BATCH_ROWS = 50_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const VIETNAM_OFFSET_MS = 7 * HOUR_MS;

// ---------------------------------------------------------------------------------------------------------
// Randomness: one mulberry32 stream per commune, so a commune's rows do not depend on the others' sizes.

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function int(r: Rng, n: number): number {
  return Math.floor(r() * n);
}

function pick<T>(r: Rng, list: readonly T[]): T {
  return at(list, int(r, list.length));
}

function at<T>(list: readonly T[], i: number): T {
  const value = list[i];
  if (value === undefined) throw new Error(`index ${i} out of ${list.length}`);
  return value;
}

/** Exponentially distributed, with the given mean. */
function exp(r: Rng, mean: number): number {
  return -Math.log(1 - r()) * mean;
}

/** Standard normal (Box–Muller). */
function normal(r: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function shuffle<T>(r: Rng, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = int(r, i + 1);
    [list[i], list[j]] = [at(list, j), at(list, i)];
  }
  return list;
}

const hex8 = (r: Rng) =>
  Math.floor(r() * 4294967296)
    .toString(16)
    .padStart(8, "0");

/** A version-4-shaped UUID from the stream (the phone makes event and attempt ids with randomUUID). */
function uuid(r: Rng): string {
  const a = hex8(r);
  const b = hex8(r);
  const c = hex8(r);
  const d = hex8(r);
  const variant = ((Number.parseInt(c.charAt(0), 16) & 3) | 8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** Splits `total` into parts proportional to `weights`, summing to `total` exactly. */
function apportion(total: number, weights: ArrayLike<number>): number[] {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i] ?? 0;
  const out: number[] = [];
  let cumulative = 0;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i] ?? 0;
    const upTo = sum > 0 ? Math.round((total * cumulative) / sum) : 0;
    out.push(upTo - given);
    given = upTo;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Names.

const FAMILY: [string, number][] = [
  ["Nguyễn", 38],
  ["Trần", 11],
  ["Lê", 9],
  ["Phạm", 7],
  ["Hoàng", 5],
  ["Huỳnh", 4],
  ["Phan", 4],
  ["Vũ", 4],
  ["Võ", 3],
  ["Đặng", 2],
  ["Bùi", 2],
  ["Đỗ", 2],
  ["Hồ", 2],
  ["Ngô", 2],
  ["Dương", 1],
  ["Lý", 1],
  ["Đinh", 1],
  ["Lương", 1],
  ["Trịnh", 1],
];
const FAMILY_TOTAL = FAMILY.reduce((sum, [, w]) => sum + w, 0);
const MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Công", "Thanh", "Xuân", "Đình", "Ngọc"];
const MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ", "Hồng", "Phương"];
const GIVEN_MALE = ["Hùng", "Dũng", "Tuấn", "Nam", "Long", "Sơn", "Hải", "Thắng", "Bình", "Cường", "Phúc", "Quang", "Khoa", "Tài", "Lộc"];
const GIVEN_MALE_2 = ["Hiếu", "Trung", "Tùng", "Đạt", "Vinh", "Khánh", "Toàn", "Nghĩa", "Thành", "Huy", "Đông", "Lực"];
const GIVEN_FEMALE = ["Lan", "Hương", "Hoa", "Mai", "Hạnh", "Thảo", "Linh", "Ngọc", "Hằng", "Yến", "Nhung", "Trang", "Phương"];
const GIVEN_FEMALE_2 = ["Dung", "Loan", "Huệ", "Thủy", "Liên", "Nga", "Vân", "Duyên", "Oanh", "Tuyết", "Hiền", "Nhàn"];

function personName(r: Rng): string {
  let x = r() * FAMILY_TOTAL;
  let family = "Nguyễn";
  for (const [name, weight] of FAMILY) {
    if (x < weight) {
      family = name;
      break;
    }
    x -= weight;
  }
  const female = r() < 0.53;
  const middle = pick(r, female ? MIDDLE_FEMALE : MIDDLE_MALE);
  const given = r() < 0.5 ? pick(r, female ? GIVEN_FEMALE : GIVEN_MALE) : pick(r, female ? GIVEN_FEMALE_2 : GIVEN_MALE_2);
  return `${family} ${middle} ${given}`;
}

const COMMUNE_NAMES = [
  "An Phú",
  "Bình Thạnh",
  "Cẩm Giàng",
  "Đại Đồng",
  "Đông Hưng",
  "Gia Tân",
  "Hải Lăng",
  "Hòa An",
  "Hưng Đạo",
  "Kim Liên",
  "Lạc Sơn",
  "Long Hưng",
  "Minh Tân",
  "Mỹ Lộc",
  "Nam Sơn",
  "Nghĩa Đàn",
  "Ngọc Lặc",
  "Phú Lộc",
  "Phước Sơn",
  "Quảng Điền",
  "Quế Sơn",
  "Sơn Tịnh",
  "Tam Nông",
  "Tân Phú",
  "Thạch Hà",
  "Thanh Chương",
  "Thiệu Hóa",
  "Thọ Xuân",
  "Tiên Lãng",
  "Trà Bồng",
  "Triệu Phong",
  "Tuy Phước",
  "Vạn Ninh",
  "Vĩnh Linh",
  "Xuân Trường",
  "Yên Định",
  "Ea Kar",
  "Đắk Mil",
  "Krông Pắc",
  "Ia Grai",
];
const VILLAGE_NAMES = [
  "Đông",
  "Tây",
  "Nam",
  "Bắc",
  "Thượng",
  "Hạ",
  "Trung",
  "An Lạc",
  "Phú Mỹ",
  "Tân Lập",
  "Hòa Bình",
  "Văn Giang",
  "Bình Minh",
  "Đồng Tâm",
  "Xuân Hòa",
  "Kim Sơn",
  "Phước Thịnh",
  "Làng Mới",
  "Bến Đò",
  "Gò Cao",
];
const PROVINCE_NAMES = ["Tỉnh Thử Tải Bình An", "Tỉnh Thử Tải Hòa Thuận", "Tỉnh Thử Tải Minh Phú", "Tỉnh Thử Tải Tân An"];

const numbered = (list: readonly string[], i: number) => {
  const base = at(list, i % list.length);
  return i < list.length ? base : `${base} ${Math.floor(i / list.length) + 1}`;
};

// ---------------------------------------------------------------------------------------------------------
// What a learner can do, from the real curriculum.

interface QuizPlan {
  id: string;
  version: number;
  questions: number;
  passPercent: number;
}

interface LessonPlan {
  id: string;
  version: number;
  quiz: QuizPlan | null;
}

interface CoursePlan {
  id: string;
  lessons: LessonPlan[];
  final: QuizPlan | null;
}

function coursePlans(content: CurriculumIndex): CoursePlan[] {
  const quizOf = (id: string | undefined): QuizPlan | null => {
    const quiz = id ? content.quizzes.get(id) : undefined;
    return quiz ? { id: quiz.id, version: quiz.version, questions: quiz.questions.length, passPercent: quiz.passPercent } : null;
  };
  return content.curriculum.courses.map((c) => ({
    id: c.id,
    lessons: c.lessons.map((l) => ({ id: l.id, version: l.version, quiz: quizOf(l.quiz) })),
    final: quizOf(c.finalQuiz),
  }));
}

type Action =
  | { kind: "open"; lesson: LessonPlan }
  | { kind: "complete"; lesson: LessonPlan }
  | {
      kind: "attempt";
      quiz: QuizPlan;
      courseId: string | null;
      answers: number;
      correct: number;
      finished: boolean;
      passed: boolean;
      held: boolean;
    };

/**
 * A learner's sessions, spending exactly `budget` progress events: lessons in the catalogue's order, a
 * lesson quiz now and then, the course's final quiz (retaken up to three times), and once everything is
 * done, lessons opened again for review. The budget running out mid-way is where the learner stopped.
 */
function planJourney(r: Rng, budget: number, courses: CoursePlan[]): Action[][] {
  const sessions: Action[][] = [];
  let left = budget;
  const skill = 0.6 + 0.35 * r();
  const attempt = (session: Action[], quiz: QuizPlan, courseId: string | null, p: number) => {
    left--;
    let answers = Math.min(quiz.questions, left);
    // Some leave a quiz half-way (the phone rang).
    if (r() < 0.04) answers = Math.min(answers, int(r, quiz.questions));
    left -= answers;
    let correct = 0;
    for (let i = 0; i < answers; i++) if (r() < p) correct++;
    const finished = answers === quiz.questions;
    const passed = finished && correct * 100 >= quiz.passPercent * quiz.questions;
    // A final passed faster than a person can read is held for a staff member to look at.
    const held = passed && courseId !== null && r() < 0.01;
    session.push({ kind: "attempt", quiz, courseId, answers, correct, finished, passed, held });
    return passed;
  };
  const first = r() < 0.35 ? 1 : 0; // many skip "using a smartphone"
  outer: for (let c = first; c < courses.length; c++) {
    const course = at(courses, c);
    for (const lesson of course.lessons) {
      if (left <= 0) break outer;
      let session: Action[] = [];
      sessions.push(session);
      session.push({ kind: "open", lesson });
      left--;
      if (left > 0 && r() < 0.2) {
        session.push({ kind: "open", lesson });
        left--;
      }
      if (left > 0 && r() < 0.1) {
        // Left without finishing; back another day.
        session = [];
        sessions.push(session);
        session.push({ kind: "open", lesson });
        left--;
      }
      if (left <= 0) break outer;
      session.push({ kind: "complete", lesson });
      left--;
      if (left > 0 && lesson.quiz && r() < 0.45) {
        const passed = attempt(session, lesson.quiz, null, skill);
        if (!passed && left > 0 && r() < 0.3) attempt(session, lesson.quiz, null, skill);
      }
    }
    if (!course.final) continue;
    for (let tries = 0; tries < 3 && left > 0; tries++) {
      const session: Action[] = [];
      sessions.push(session);
      if (attempt(session, course.final, course.id, Math.min(0.97, skill + 0.08))) break;
    }
  }
  const lessons = courses.flatMap((c) => c.lessons);
  while (left > 0) {
    const session: Action[] = [];
    sessions.push(session);
    const lesson = pick(r, lessons);
    const opens = 1 + int(r, 3);
    for (let i = 0; i < opens && left > 0; i++) {
      session.push({ kind: "open", lesson });
      left--;
    }
    if (left > 0 && lesson.quiz && r() < 0.3) attempt(session, lesson.quiz, null, skill);
  }
  return sessions;
}

// ---------------------------------------------------------------------------------------------------------
// Writing.

function rawClient(db: Db): Database.Database {
  const client = (db as Db & { $client?: Database.Database }).$client;
  if (!client) throw new Error("no better-sqlite3 client behind the drizzle database");
  return client;
}

const vietnamMidnight = (day: string) => Date.parse(`${day}T00:00:00+07:00`);
const dayOf = (ms: number) => new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

/** Prepared statements and the running transaction, committed every BATCH_ROWS rows. */
function writerFor(sqlite: Database.Database) {
  const s = {
    province: sqlite.prepare("insert into provinces (name) values (?)"),
    commune: sqlite.prepare("insert into communes (name, province_id) values (?, ?)"),
    village: sqlite.prepare("insert into villages (commune_id, name) values (?, ?)"),
    population: sqlite.prepare(
      "insert into village_populations (village_id, adults, effective_from, source, recorded_by, recorded_at) values (?, ?, ?, 'setup', null, ?)",
    ),
    staff: sqlite.prepare("insert into staff (commune_id, role, username, password_hash, created_at) values (?, ?, ?, ?, ?)"),
    member: sqlite.prepare(
      "insert into team_members (village_id, learner_id, display_name, invited_by, joined_at) values (?, null, ?, ?, ?)",
    ),
    class: sqlite.prepare(
      "insert into classes (client_id, village_id, team_member_id, held_on, course_id, lesson_id, created_at) values (?, ?, ?, ?, ?, ?, ?)",
    ),
    learner: sqlite.prepare(
      `insert into learners (display_name, village_id, created_at, consent_version, consented_at, merged_into, birth_year, phone,
        registered_by, forgotten_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    identity: sqlite.prepare("insert into learner_identities (learner_id, provider, subject, created_at) values (?, ?, ?, ?)"),
    event: sqlite.prepare(
      "insert into progress_events (learner_id, event_id, type, subject, occurred_at, received_at) values (?, ?, ?, ?, ?, ?)",
    ),
    completion: sqlite.prepare("insert into lesson_completions (learner_id, lesson_id, lesson_version, completed_at) values (?, ?, ?, ?)"),
    attempt: sqlite.prepare(
      `insert into quiz_attempts (learner_id, client_id, quiz_id, quiz_version, question_count, started_at, finished_at, correct_count,
        passed, held_for_review, assisted_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    flag: sqlite.prepare("insert into review_flags (learner_id, attempt_id, reason, detail, created_at) values (?, ?, 'too_fast', ?, ?)"),
    attendance: sqlite.prepare("insert into class_attendance (class_id, learner_id) values (?, ?)"),
    household: sqlite.prepare(
      "insert into households (village_id, label, has_smartphone, client_id, created_by_member, created_at, created_on) values (?, ?, ?, ?, ?, ?, ?)",
    ),
    householdMember: sqlite.prepare("insert into household_members (learner_id, household_id, joined_at) values (?, ?, ?)"),
    task: sqlite.prepare(
      "insert into task_records (learner_id, task_id, self_reported_at, confirmed_by, confirmed_at, village_id) values (?, ?, ?, ?, ?, ?)",
    ),
    certificate: sqlite.prepare(
      `insert into certificates (serial, learner_id, program_id, program_title, display_name, commune_name, content_version, issued_at,
        status, status_reason, status_changed_at, status_changed_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
  let pending = 0;
  sqlite.exec("begin");
  return {
    s,
    /** Runs an insert, counts it toward the batch, returns the new row id. */
    insert(statement: Database.Statement, ...values: unknown[]): number {
      const id = Number(statement.run(...values).lastInsertRowid);
      if (++pending >= BATCH_ROWS) {
        sqlite.exec("commit");
        sqlite.exec("begin");
        pending = 0;
      }
      return id;
    },
    finish() {
      sqlite.exec("commit");
    },
  };
}

type Writer = ReturnType<typeof writerFor>;

// 36^8 serials ("HVS-XXXX-XXXX"); n·k mod 36^8 is one-to-one for k prime to 36, so serials never collide.
const SERIAL_SPACE = 36 ** 8;
function serialOf(n: number): string {
  const code = Number((BigInt(n + 1) * 1_853_020_189n + 99_991n) % BigInt(SERIAL_SPACE))
    .toString(36)
    .toUpperCase()
    .padStart(8, "0");
  return `HVS-${code.slice(0, 4)}-${code.slice(4)}`;
}

interface Context {
  o: Required<Omit<DashboardDataOptions, "log">>;
  w: Writer;
  courses: CoursePlan[];
  program: { id: string; title: string; courses: string[] };
  contentVersion: string;
  /** The household rule's required tasks, ticked and confirmed in the generated households. */
  taskIds: string[];
  startMs: number;
  /** The last moment anything happens: 21:00 on the last day, Vietnam time. */
  endMs: number;
  /** Learners made so far, over all communes: keeps identity subjects unique. */
  learnerSerial: number;
  certificateSerial: number;
}

/** A registration time: most spread over the whole span, the rest around three campaign waves. */
function registrationTime(r: Rng, ctx: Context): number {
  const span = ctx.endMs - ctx.startMs;
  let t: number;
  if (r() < 0.55) t = ctx.startMs + r() * span;
  else {
    const wave = pick(r, [0.12, 0.4, 0.68]);
    t = ctx.startMs + wave * span + normal(r) * 20 * DAY_MS;
  }
  return Math.round(Math.min(ctx.endMs - HOUR_MS, Math.max(ctx.startMs, t)));
}

/** Moves a moment to the same Vietnam day at a daytime hour (06:00–22:00), when people use their phones. */
function daytime(r: Rng, t: number): number {
  const day = Math.floor((t + VIETNAM_OFFSET_MS) / DAY_MS);
  return day * DAY_MS - VIETNAM_OFFSET_MS + 6 * HOUR_MS + r() * 16 * HOUR_MS;
}

function generateCommune(ctx: Context, provinceId: number, index: number): GeneratedCommune {
  const { o, w } = ctx;
  const r = mulberry32(o.seed ^ Math.imul(index + 1, 0x9e3779b9));
  const name = `Xã ${numbered(COMMUNE_NAMES, index)}`;
  const communeId = w.insert(w.s.commune, name, provinceId);
  const staffId = w.insert(w.s.staff, communeId, "commune", `canbo.xa${index + 1}`, "bench: sessions are made directly", ctx.startMs);

  // Villages, their adults (uneven sizes, summing to the commune's exactly) and how many registered.
  const villageOrder = shuffle(r, [...VILLAGE_NAMES]);
  const adults = apportion(
    o.adultsPerCommune,
    Array.from({ length: o.villagesPerCommune }, () => 0.5 + r()),
  );
  const villages: {
    id: number;
    adults: number;
    learners: number;
    members: number[];
    classes: { id: number; day: string }[];
    people: { id: number; registered: number }[];
  }[] = [];
  for (let v = 0; v < o.villagesPerCommune; v++) {
    const id = w.insert(w.s.village, communeId, v < villageOrder.length ? `Thôn ${at(villageOrder, v)}` : `Thôn số ${v + 1}`);
    w.insert(w.s.population, id, at(adults, v), "2025-01-01", ctx.startMs);
    const members: number[] = [];
    for (let m = 0; m < 3; m++) members.push(w.insert(w.s.member, id, personName(r), staffId, ctx.startMs + int(r, 30) * DAY_MS));
    const share = Math.min(1, Math.max(0, o.registeredShare + (r() - 0.5) * 0.2));
    villages.push({ id, adults: at(adults, v), learners: Math.round(at(adults, v) * share), members, classes: [], people: [] });
  }

  // In-person classes: about one per 50 learners of the village, on days spread like registrations.
  for (const village of villages) {
    const count = Math.max(2, Math.round(village.learners * 0.02));
    const days = Array.from({ length: count }, () => dayOf(registrationTime(r, ctx) + 2 * DAY_MS)).sort();
    for (const day of days) {
      const course = at(ctx.courses, Math.min(int(r, 4), ctx.courses.length - 1));
      const lesson = r() < 0.7 ? pick(r, course.lessons).id : null;
      const id = w.insert(
        w.s.class,
        uuid(r),
        village.id,
        pick(r, village.members),
        day,
        course.id,
        lesson,
        vietnamMidnight(day) + 18 * HOUR_MS,
      );
      village.classes.push({ id, day });
    }
  }

  // Learners in registration order, each given a village and a share of the commune's events.
  const total = villages.reduce((sum, v) => sum + v.learners, 0);
  const villageOf = shuffle(
    r,
    villages.flatMap((v, i) => Array.from({ length: v.learners }, () => i)),
  );
  const createdAt = Float64Array.from({ length: total }, () => registrationTime(r, ctx)).sort();
  // 0.2% are a second record of someone (merged away: no activity of their own); 12% never open anything.
  const merged = Uint8Array.from({ length: total }, () => (r() < 0.002 ? 1 : 0));
  // Lognormal: most do a little, a few do a lot (and read lessons again once they have done them all).
  const weights = Float64Array.from({ length: total }, (_, i) => (merged[i] || r() < 0.12 ? 0 : Math.exp(normal(r)) * (0.3 + 0.7 * r())));
  // A learner registered late has less time to be active: weigh by the days left, so the end is not crowded.
  for (let i = 0; i < total; i++) {
    const daysLeft = (ctx.endMs - (createdAt[i] ?? 0)) / DAY_MS;
    weights[i] = (weights[i] ?? 0) * Math.min(1, 0.15 + daysLeft / 120);
  }
  const budgets = apportion(o.eventsPerCommune, weights);

  let previousLearner = 0;
  for (let i = 0; i < total; i++) {
    const village = at(villages, villageOf[i] ?? 0);
    const registered = createdAt[i] ?? ctx.startMs;
    const assistedBy = r() < 0.12 ? pick(r, village.members) : null;
    const forgotten = r() < 0.003;
    const mergedInto = merged[i] && previousLearner > 0 ? previousLearner : null;
    const displayName = personName(r);
    const birthYear = 2007 - Math.floor(62 * r() ** 1.3);
    const phone = assistedBy ? `09${String(int(r, 100_000_000)).padStart(8, "0")}` : null;
    const learnerId = w.insert(
      w.s.learner,
      forgotten ? null : displayName,
      village.id,
      registered,
      CONSENT_VERSION,
      registered,
      mergedInto,
      forgotten ? null : birthYear,
      forgotten ? null : phone,
      assistedBy,
      forgotten ? Math.round(Math.min(ctx.endMs, registered + exp(r, 120) * DAY_MS)) : null,
    );
    ctx.learnerSerial++;
    w.insert(
      w.s.identity,
      learnerId,
      assistedBy ? "assisted" : "zalo_app",
      assistedBy ? `member-${assistedBy}-${ctx.learnerSerial}` : `58${String(ctx.learnerSerial).padStart(17, "0")}`,
      registered,
    );
    if (mergedInto !== null) continue;
    previousLearner = learnerId;
    // Deleting one's data ends a household membership: only the others can be household members.
    if (!forgotten) village.people.push({ id: learnerId, registered });

    const passedFinal = writeActivity(ctx, r, learnerId, registered, at(budgets, i), assistedBy);

    // Classes: a quarter of those who never open the app, fewer of the others; only classes after sign-up.
    if (r() < (at(budgets, i) === 0 ? 0.25 : 0.12)) {
      const registeredOn = dayOf(registered);
      let lo = 0;
      while (lo < village.classes.length && at(village.classes, lo).day < registeredOn) lo++;
      const open = village.classes.length - lo;
      const chosen = new Set<number>();
      const times = 1 + (r() < 0.3 ? 1 : 0) + (r() < 0.1 ? 1 : 0);
      for (let k = 0; k < times && open > 0; k++) chosen.add(at(village.classes, lo + int(r, open)).id);
      for (const classId of chosen) w.insert(w.s.attendance, classId, learnerId);
    }

    // The basic-skills certificate, issued when the last required final was passed (same transaction).
    const needed = ctx.program.courses.map((id) => passedFinal.get(id));
    if (needed.length > 0 && needed.every((t) => t !== undefined)) {
      const issuedAt = Math.max(...(needed as number[]));
      const revoked = r() < 0.01;
      w.insert(
        w.s.certificate,
        serialOf(ctx.certificateSerial++),
        learnerId,
        ctx.program.id,
        ctx.program.title,
        forgotten ? null : displayName,
        name,
        ctx.contentVersion,
        issuedAt,
        revoked ? "revoked" : "valid",
        revoked ? "Cấp nhầm: người khác làm bài thay" : null,
        revoked ? Math.round(Math.min(ctx.endMs, issuedAt + exp(r, 10) * DAY_MS)) : null,
        revoked ? staffId : null,
      );
    }
  }
  for (const village of villages) writeHouseholds(ctx, r, village);
  return { id: communeId, name, provinceId, staffId, villageIds: villages.map((v) => v.id) };
}

/** How likely a person has done each essential-app task (an online public-service file is the rarest). */
const TASK_UPTAKE: Record<string, number> = { zalo: 0.8, "vneid-muc-2": 0.5, "dich-vu-cong": 0.3, "thanh-toan": 0.45 };

/**
 * About one household per 3.2 adults, 88% with a smartphone. Registered learners are spread over them
 * (some households have nobody registered yet); each member may have ticked tasks, and a team member's
 * visit confirms what they show that day.
 */
function writeHouseholds(
  ctx: Context,
  r: Rng,
  village: { id: number; adults: number; members: number[]; people: { id: number; registered: number }[] },
) {
  const { w } = ctx;
  const count = Math.max(1, Math.round(village.adults / 3.2));
  const families: { id: number; registered: number }[][] = Array.from({ length: count }, () => []);
  for (const person of shuffle(r, [...village.people])) at(families, int(r, count)).push(person);
  const tasks = ctx.taskIds;
  families.forEach((family, i) => {
    const created = family.length > 0 ? Math.min(...family.map((p) => p.registered)) : registrationTime(r, ctx);
    const householdId = w.insert(
      w.s.household,
      village.id,
      `Hộ số ${i + 1}`,
      r() < 0.88 ? 1 : 0,
      uuid(r),
      pick(r, village.members),
      created,
      dayOf(created),
    );
    for (const person of family) {
      w.insert(w.s.householdMember, person.id, householdId, person.registered);
      const ease = 0.6 + 1.2 * r();
      const visit = r() < 0.6 ? person.registered + (20 + int(r, 60)) * DAY_MS : null;
      for (const task of tasks) {
        if (r() > (TASK_UPTAKE[task] ?? 0.4) * ease) continue;
        const ticked = person.registered + int(r, 40) * DAY_MS;
        if (ticked > ctx.endMs) continue;
        const confirmed = visit !== null && visit <= ctx.endMs && visit >= ticked ? visit : null;
        w.insert(w.s.task, person.id, task, ticked, confirmed === null ? null : pick(r, village.members), confirmed, village.id);
      }
    }
  });
}

/**
 * Writes one learner's progress events and the records they leave, spread over the learner's active
 * weeks. Returns when each course's final quiz was first passed (not held for review), by course id.
 */
function writeActivity(
  ctx: Context,
  r: Rng,
  learnerId: number,
  registered: number,
  budget: number,
  assistedBy: number | null,
): Map<string, number> {
  const passedFinal = new Map<string, number>();
  if (budget <= 0) return passedFinal;
  const { w } = ctx;
  const sessions = planJourney(r, budget, ctx.courses);

  // Sessions between the first activity (often the day of sign-up) and a span that grows with the work done.
  const first = Math.min(ctx.endMs - 2 * HOUR_MS, registered + (r() < 0.4 ? r() * HOUR_MS : exp(r, 4) * DAY_MS));
  const spanMs = Math.min(ctx.endMs - 2 * HOUR_MS - first, exp(r, 15 + budget / 3) * DAY_MS);
  const starts = Float64Array.from(sessions, (_, k) => (k === 0 ? first : daytime(r, first + r() * spanMs)))
    .map((t) => Math.min(ctx.endMs - 2 * HOUR_MS, Math.max(registered + 60_000, t)))
    .sort();

  const completed = new Set<string>();
  const events: { type: string; subject: string; at: number }[] = [];
  sessions.forEach((session, k) => {
    let t = starts[k] ?? first;
    events.length = 0;
    const attempts: { action: Extract<Action, { kind: "attempt" }>; clientId: string; first: number; last: number }[] = [];
    for (const action of session) {
      if (action.kind === "open") {
        t += 5_000 + r() * 60_000;
        events.push({ type: "lesson_opened", subject: action.lesson.id, at: t });
      } else if (action.kind === "complete") {
        t += 120_000 + r() * 420_000;
        events.push({ type: "lesson_completed", subject: action.lesson.id, at: t });
      } else {
        const clientId = uuid(r);
        t += 10_000 + r() * 30_000;
        const firstIndex = events.length;
        events.push({ type: "attempt_started", subject: clientId, at: t });
        for (let a = 0; a < action.answers; a++) {
          t += 8_000 + r() * 40_000;
          events.push({ type: "answer", subject: clientId, at: t });
        }
        attempts.push({ action, clientId, first: firstIndex, last: events.length - 1 });
      }
    }
    // Usually sent at once; sometimes the phone was offline and the session arrives together, later.
    const offlineUntil = r() < 0.08 ? Math.min(ctx.endMs, t + exp(r, 4) * HOUR_MS) : null;
    const received = events.map((e, n) => (offlineUntil === null ? Math.min(ctx.endMs, e.at + 150 + int(r, 2500)) : offlineUntil + n));
    events.forEach((e, n) => {
      const at = received[n] ?? e.at;
      w.insert(w.s.event, learnerId, uuid(r), e.type, e.subject, Math.round(e.at), Math.round(at));
      if (e.type === "lesson_completed" && !completed.has(e.subject)) {
        completed.add(e.subject);
        const lesson = session.find((a) => a.kind === "complete" && a.lesson.id === e.subject);
        w.insert(w.s.completion, learnerId, e.subject, lesson?.kind === "complete" ? lesson.lesson.version : 1, Math.round(at));
      }
    });
    for (const { action, clientId, first: f, last } of attempts) {
      const startedAt = Math.round(received[f] ?? t);
      const finishedAt = action.finished ? Math.round(received[last] ?? t) : null;
      const attemptId = w.insert(
        w.s.attempt,
        learnerId,
        clientId,
        action.quiz.id,
        action.quiz.version,
        action.quiz.questions,
        startedAt,
        finishedAt,
        action.finished ? action.correct : null,
        action.finished ? (action.passed ? 1 : 0) : null,
        action.held ? 1 : 0,
        assistedBy !== null && r() < 0.3 ? assistedBy : null,
      );
      if (action.held && finishedAt !== null) {
        w.insert(w.s.flag, learnerId, attemptId, `${action.quiz.questions} câu trong ${10 + int(r, 20)} giây`, finishedAt);
      }
      if (action.passed && !action.held && action.courseId && finishedAt !== null && !passedFinal.has(action.courseId)) {
        passedFinal.set(action.courseId, finishedAt);
      }
    }
  });
  return passedFinal;
}

const TABLES = [
  "provinces",
  "communes",
  "villages",
  "village_populations",
  "staff",
  "team_members",
  "learners",
  "learner_identities",
  "progress_events",
  "lesson_completions",
  "quiz_attempts",
  "review_flags",
  "classes",
  "class_attendance",
  "certificates",
  "learner_milestones",
] as const;

function countRows(sqlite: Database.Database): Record<string, number> {
  return Object.fromEntries(
    TABLES.map((table) => [table, (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n]),
  );
}

/**
 * Writes the whole data set into `dbPath` (created and migrated), then rebuilds the milestones through the
 * real code path (`rebuildMilestones`, with the rules of the built content) and times that too.
 */
export function generateDashboardData(dbPath: string, options: DashboardDataOptions): DashboardDataResult {
  const { log = () => {}, ...rest } = options;
  const o = { registeredShare: 0.85, ...rest };
  const began = performance.now();
  const content = loadCurriculum();
  const rules = milestoneRules(content);
  const program = content.curriculum.programs.find((p) => p.id === BASIC_SKILLS_PROGRAM_ID);
  const database = openDatabase(`file:${dbPath}`);
  try {
    const sqlite = rawClient(database.db);
    // This connection only: a bigger page cache for the index inserts. Durability settings stay as the server sets them.
    sqlite.pragma("cache_size = -262144");
    const w = writerFor(sqlite);
    const ctx: Context = {
      o,
      w,
      courses: coursePlans(content),
      program: { id: BASIC_SKILLS_PROGRAM_ID, title: program?.title ?? "Kỹ năng số cơ bản", courses: program?.courses ?? [] },
      contentVersion: content.curriculum.contentHash.slice(0, 12),
      taskIds: content.curriculum.householdRule?.requiredTasks ?? [],
      startMs: vietnamMidnight(o.start) + 7 * HOUR_MS,
      endMs: vietnamMidnight(o.end) + 21 * HOUR_MS,
      learnerSerial: 0,
      certificateSerial: 0,
    };
    const provinceIds = Array.from({ length: o.provinces }, (_, p) =>
      w.insert(w.s.province, p < PROVINCE_NAMES.length ? at(PROVINCE_NAMES, p) : `Tỉnh Thử Tải ${p + 1}`),
    );
    const communes: GeneratedCommune[] = [];
    for (let c = 0; c < o.communes; c++) {
      const started = performance.now();
      communes.push(generateCommune(ctx, at(provinceIds, c % provinceIds.length), c));
      log(`  commune ${c + 1}/${o.communes}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const home = communes[0];
    if (!home) throw new Error("no commune generated");
    const provinceStaffId = w.insert(w.s.staff, home.id, "province", "canbo.tinh1", "bench: sessions are made directly", ctx.startMs);
    w.finish();
    const generateMs = performance.now() - began;
    log(`  rows written in ${(generateMs / 1000).toFixed(1)} s; rebuilding the milestones…`);
    const rebuilt = timeRebuild(database.db, rules);
    log(`  milestones of ${rebuilt.learners} learners rebuilt in ${(rebuilt.ms / 1000).toFixed(1)} s`);
    // The households' ready days, as the server computes them at start for a new rule.
    const readyStarted = performance.now();
    ensureHouseholdReadiness(database.db, content, new Date());
    log(`  households' ready days computed in ${((performance.now() - readyStarted) / 1000).toFixed(1)} s`);
    return {
      options: o,
      provinceIds,
      communes,
      provinceStaffId,
      adults: o.communes * o.adultsPerCommune,
      counts: countRows(sqlite),
      generateMs,
      rebuildMs: rebuilt.ms,
      milestones: rebuilt.learners,
    };
  } finally {
    database.close();
  }
}

function timeRebuild(db: Db, rules: MilestoneRules): { ms: number; learners: number } {
  const began = performance.now();
  const { learners } = rebuildMilestones(db, rules, new Date());
  return { ms: performance.now() - began, learners };
}

// ---------------------------------------------------------------------------------------------------------
// The command line the benchmark runs (tests never import server code; they run it, as the server would).

interface PrepareResult {
  file: string;
  bytes: number;
  generated: boolean;
  data: DashboardDataResult;
  /** Rebuilt again in this run (null when not asked and the rules had not changed). */
  rebuildMs: number | null;
  communeToken: string;
  provinceToken: string;
}

export function dataFileName(scenario: string, o: Omit<DashboardDataOptions, "log">): string {
  const share = o.registeredShare ?? 0.85;
  return `dashboard-v${GENERATOR_VERSION}-${scenario}-p${o.provinces}-c${o.communes}-v${o.villagesPerCommune}-a${o.adultsPerCommune}-e${o.eventsPerCommune}-r${share}-${o.start}-${o.end}-s${o.seed}.db`;
}

function removeDatabase(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
}

function prepare(dir: string, scenario: string, options: Omit<DashboardDataOptions, "log">, alwaysRebuild: boolean): PrepareResult {
  const file = join(dir, dataFileName(scenario, options));
  const metaFile = `${file}.json`;
  let generated = false;
  if (!existsSync(file) || !existsSync(metaFile)) {
    const partial = `${file}.partial`;
    removeDatabase(partial);
    console.log(
      `Generating ${scenario}: ${options.communes} commune(s) × ${options.adultsPerCommune} adults, ${options.eventsPerCommune} progress events each` +
        (options.communes > 3 ? " (this takes minutes; the file is kept and reused)" : ""),
    );
    const data = generateDashboardData(partial, { ...options, log: (line) => console.log(line) });
    removeDatabase(file);
    renameSync(partial, file);
    writeFileSync(metaFile, JSON.stringify(data, null, 2));
    generated = true;
  }
  const data = JSON.parse(readFileSync(metaFile, "utf8")) as DashboardDataResult;
  const database = openDatabase(`file:${file}`);
  try {
    const rules = milestoneRules(loadCurriculum());
    const state = rawClient(database.db).prepare("select rules_fingerprint as f from indicator_state where id = 1").get() as
      | { f: string }
      | undefined;
    let rebuildMs: number | null = null;
    // Again when asked (the figure is then of this run), and always when the content's rules changed since:
    // the server would otherwise rebuild at start, slower than its start-up timeout allows for a province.
    if (!generated && (alwaysRebuild || state?.f !== JSON.stringify(rules))) {
      rebuildMs = timeRebuild(database.db, rules).ms;
      console.log(`  ${scenario}: milestones rebuilt in ${(rebuildMs / 1000).toFixed(1)} s`);
    }
    const staffIds = [data.communes[0]?.staffId ?? 0, data.provinceStaffId];
    database.db.delete(sessions).where(inArray(sessions.staffId, staffIds)).run();
    const now = new Date();
    const communeToken = createSession(database.db, { staffId: staffIds[0] ?? 0 }, STAFF_SESSION_MS, now).token;
    const provinceToken = createSession(database.db, { staffId: data.provinceStaffId }, STAFF_SESSION_MS, now).token;
    rawClient(database.db).pragma("wal_checkpoint(TRUNCATE)");
    return { file, bytes: 0, generated, data, rebuildMs, communeToken, provinceToken };
  } finally {
    database.close();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return at(sorted, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1));
}

/**
 * The pages' work in this process, without HTTP: each query's time (better-sqlite3 statements wrapped),
 * the rest of the report, and the HTML, so that a slow page can be taken apart. Prints JSON.
 */
function profile(file: string, communeId: number, provinceId: number, from: string, to: string, runs: number) {
  const database = openDatabase(`file:${file}`);
  const sqlite = rawClient(database.db);
  const perStatement = new Map<string, { ms: number; calls: number; args: unknown[] }>();
  let recording = false;
  const prepareStatement = sqlite.prepare.bind(sqlite);
  // Wraps every statement drizzle prepares so its run time is attributed to its SQL text.
  (sqlite as { prepare: (source: string) => Database.Statement }).prepare = (source: string) => {
    const statement = prepareStatement(source);
    for (const method of ["all", "get", "run"] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const began = performance.now();
        try {
          return original(...args);
        } finally {
          if (recording) {
            const entry = perStatement.get(source) ?? { ms: 0, calls: 0, args };
            entry.ms += performance.now() - began;
            entry.calls++;
            entry.args = args;
            perStatement.set(source, entry);
          }
        }
      };
    }
    return statement;
  };
  try {
    const today = to;
    const cases = {
      commune_month: () => {
        const q = readPeriodQuery({ from, to, by: "month" }, today);
        return communeReport(database.db, communeId, q.period, q.granularity, null);
      },
      commune_week: () => {
        const q = readPeriodQuery({ from: addDays(to, -55), to, by: "week" }, today);
        return communeReport(database.db, communeId, q.period, q.granularity, null);
      },
      province: () => provinceRollup(database.db, provinceId, { from, to }),
    };
    const out: Record<string, unknown> = {};
    for (const [name, run] of Object.entries(cases)) {
      for (let i = 0; i < 2; i++) run(); // warm
      perStatement.clear();
      recording = true;
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const began = performance.now();
        run();
        times.push(performance.now() - began);
      }
      recording = false;
      times.sort((a, b) => a - b);
      const statements = [...perStatement]
        .map(([source, e]) => ({
          ms_per_run: e.ms / runs,
          calls_per_run: e.calls / runs,
          sql: source.replace(/\s+/g, " ").slice(0, 400),
          plan: (sqlite.prepare(`explain query plan ${source}`).all(...e.args) as { detail: string }[]).map((row) => row.detail),
        }))
        .sort((a, b) => b.ms_per_run - a.ms_per_run);
      out[name] = { p50_ms: percentile(times, 50), p95_ms: percentile(times, 95), statements };
    }
    // The HTML on top of the figures.
    const q = readPeriodQuery({ from, to, by: "month" }, today);
    const report = communeReport(database.db, communeId, q.period, q.granularity, null);
    let began = performance.now();
    for (let i = 0; i < runs; i++) String(dashboardPage({ report, query: q, today, username: "canbo", csrf: "x" }));
    out.commune_page_html_ms = (performance.now() - began) / runs;
    const rollup = provinceRollup(database.db, provinceId, q.period);
    if (rollup) {
      began = performance.now();
      for (let i = 0; i < runs; i++) String(provincePage({ rollup, query: q, today, username: "canbo", csrf: "x" }));
      out.province_page_html_ms = (performance.now() - began) / runs;
    }
    return out;
  } finally {
    database.close();
  }
}

function main(argv: string[]): void {
  const [command, ...args] = argv;
  if (command === "prepare") {
    const [dir, scenario, optionsJson, outFile, rebuild] = args;
    if (!dir || !scenario || !optionsJson || !outFile)
      throw new Error("usage: prepare <dir> <scenario> <options JSON> <out file> [rebuild]");
    const result = prepare(dir, scenario, JSON.parse(optionsJson) as DashboardDataOptions, rebuild === "rebuild");
    result.bytes = statSync(result.file).size;
    writeFileSync(outFile, JSON.stringify(result));
    return;
  }
  if (command === "profile") {
    const [file, communeId, provinceId, from, to, runs] = args;
    if (!file || !communeId || !provinceId || !from || !to)
      throw new Error("usage: profile <file> <commune id> <province id> <from> <to> [runs]");
    console.log(JSON.stringify(profile(file, Number(communeId), Number(provinceId), from, to, Number(runs ?? 10))));
    return;
  }
  throw new Error(`unknown command ${command ?? "(none)"}: prepare or profile`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  }
}
