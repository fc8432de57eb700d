import { z } from "zod";

/** Ids appear in URLs and file names, so keep them to lowercase ASCII words joined by dashes. */
export const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "chỉ dùng chữ thường không dấu, số và dấu gạch ngang");

const Text = z.string().trim().min(1, "không được để trống");

export const QuizOption = z.object({
  id: Slug,
  text: Text.max(300),
  correct: z.boolean(),
  explanation: Text.max(600),
});
export type QuizOption = z.infer<typeof QuizOption>;

export const QuestionKind = z.enum(["single", "multiple", "true_false"]);
export type QuestionKind = z.infer<typeof QuestionKind>;

export const Question = z
  .object({
    id: Slug,
    kind: QuestionKind,
    prompt: Text.max(500),
    options: z.array(QuizOption).min(2).max(6),
  })
  .superRefine((q, ctx) => {
    const ids = q.options.map((o) => o.id);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: "custom", message: "các phương án trùng id", path: ["options"] });
    }
    const correct = q.options.filter((o) => o.correct).length;
    if (q.kind === "multiple" && correct < 1) {
      ctx.addIssue({ code: "custom", message: "câu nhiều lựa chọn cần ít nhất 1 phương án đúng", path: ["options"] });
    }
    if (q.kind !== "multiple" && correct !== 1) {
      ctx.addIssue({ code: "custom", message: "câu một lựa chọn cần đúng 1 phương án đúng", path: ["options"] });
    }
    if (q.kind === "true_false" && [...ids].sort().join(",") !== "false,true") {
      ctx.addIssue({ code: "custom", message: "câu đúng/sai cần đúng hai phương án id true và false", path: ["options"] });
    }
  });
export type Question = z.infer<typeof Question>;

export const Quiz = z
  .object({
    id: Slug,
    title: Text.max(200),
    version: z.number().int().positive(),
    passPercent: z.number().int().min(1).max(100),
    questions: z.array(Question).min(3),
  })
  .superRefine((quiz, ctx) => {
    const ids = quiz.questions.map((q) => q.id);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: "custom", message: "các câu hỏi trùng id", path: ["questions"] });
    }
  });
export type Quiz = z.infer<typeof Quiz>;

/** What an author writes at the top of a lesson's Markdown file. */
export const LessonFrontMatter = z.object({
  id: Slug,
  title: Text.max(200),
  minutes: z.number().int().min(1).max(10),
  version: z.number().int().positive(),
  objectives: z.array(Text.max(300)).min(1).max(6),
  quiz: Slug.optional(),
  /** Narration, relative to the lesson's course folder: `audio/<file>.mp3`. */
  audio: z
    .string()
    .regex(/^audio\/[a-z0-9-]+\.(mp3|m4a|ogg)$/, "dạng audio/<tên-tệp>.mp3")
    .optional(),
});
export type LessonFrontMatter = z.infer<typeof LessonFrontMatter>;

/** Another language's version of a lesson (e.g. `bdq` Bahnar, `jra` Jrai); the app falls back to Vietnamese. */
export const LessonTranslation = z.object({
  title: z.string(),
  objectives: z.array(z.string()),
  html: z.string().min(1),
});
export type LessonTranslation = z.infer<typeof LessonTranslation>;

export const LanguageCode = z.string().regex(/^[a-z]{2,3}$/);

export const Lesson = LessonFrontMatter.omit({ audio: true }).extend({
  /** Rendered at compile time from the author's Markdown (raw HTML refused), images inlined as data: URIs. */
  html: z.string().min(1),
  words: z.number().int().nonnegative(),
  /** Narration path relative to the content root (`<course>/audio/<file>`), served by the server. */
  audio: z.string().optional(),
  translations: z.record(LanguageCode, LessonTranslation).default({}),
});
export type Lesson = z.infer<typeof Lesson>;

/** `course.yaml` in a course folder. */
export const CourseManifest = z.object({
  id: Slug,
  title: Text.max(200),
  summary: Text.max(500),
  lessons: z.array(Slug).min(1),
  /** The course's final test; programs judge a course by it. */
  finalQuiz: Slug,
});
export type CourseManifest = z.infer<typeof CourseManifest>;

/** `content/catalogue.yaml`: the order courses appear in. */
export const Catalogue = z.object({ courses: z.array(Slug).min(1) });

/** A certificate program, e.g. "Kỹ năng số cơ bản": the rule lives in content, not in code. */
export const Program = z.object({
  id: Slug,
  title: Text.max(200),
  description: Text.max(1000),
  /** Courses whose final quiz must be passed. */
  courses: z.array(Slug).min(1),
  /** Pass mark on each required course's final quiz. */
  passPercent: z.number().int().min(1).max(100).default(80),
});
export type Program = z.infer<typeof Program>;

/**
 * A real task done outside the app, counted as evidence of a skill (issue: households and real tasks).
 * `self_check`: the resident ticks statements about what they did; a team member may then confirm it
 * after seeing it done. `course`: passing a course's final quiz is the evidence (e.g. recognising scams).
 * Never ask for ID numbers, passwords, OTPs or pictures of documents: the statements say what was done.
 */
export const Task = z
  .object({
    id: Slug,
    title: Text.max(200),
    /** Why it matters, in a sentence a resident reads before the self-check. */
    summary: Text.max(500),
    evidence: z.enum(["self_check", "course"]),
    /** For `self_check`: every statement must be true for the task to be done. */
    selfCheck: z.array(Text.max(300)).max(6).default([]),
    /** For `course`: the course whose final quiz counts. */
    course: Slug.optional(),
    /** What a team member looks for before confirming, without recording any document or code. */
    confirmHint: Text.max(500).optional(),
  })
  .superRefine((task, ctx) => {
    if (task.evidence === "self_check" && task.selfCheck.length === 0) {
      ctx.addIssue({ code: "custom", path: ["selfCheck"], message: "nhiệm vụ tự kiểm tra cần ít nhất một câu" });
    }
    if (task.evidence === "self_check" && !task.confirmHint) {
      ctx.addIssue({ code: "custom", path: ["confirmHint"], message: "cần hướng dẫn cho thành viên Tổ xác nhận" });
    }
    if (task.evidence === "course" && !task.course) {
      ctx.addIssue({ code: "custom", path: ["course"], message: "nhiệm vụ theo khóa học cần tên khóa học" });
    }
  });
export type Task = z.infer<typeof Task>;

/** `content/households.yaml`: when a household counts toward the 70% indicator. A commune may tighten it. */
export const HouseholdRule = z.object({
  /** Tasks one member of the household must have done, all of them. */
  requiredTasks: z.array(Slug).min(1),
  /** `confirmed`: seen by a team member (or passed in the app); `self_reported` also accepts the resident's own tick. */
  evidence: z.enum(["confirmed", "self_reported"]).default("confirmed"),
});
export type HouseholdRule = z.infer<typeof HouseholdRule>;

export const Course = CourseManifest.omit({ lessons: true }).extend({
  lessons: z.array(Lesson).min(1),
  quizzes: z.array(Quiz),
});
export type Course = z.infer<typeof Course>;

/** The compiled curriculum the server loads: everything, answers included. Never sent to clients whole. */
export const Curriculum = z.object({
  schemaVersion: z.literal(1),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  courses: z.array(Course).min(1),
  programs: z.array(Program),
  tasks: z.array(Task).default([]),
  householdRule: HouseholdRule.optional(),
});
export type Curriculum = z.infer<typeof Curriculum>;
