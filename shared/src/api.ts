import { z } from "zod";
import { QuestionKind, Slug } from "./content";

import { MAX_EVENTS_PER_BATCH } from "./limits";

export { CONSENT_VERSION } from "./consent";

/**
 * The mini-app API's contracts. The server validates requests with these schemas; the mini app imports
 * only the types, so zod stays out of the phone's bundle.
 */

export const ErrorBody = z.object({ code: z.string(), message: z.string(), requestId: z.string() });
export type ErrorBody = z.infer<typeof ErrorBody>;

// Zalo tokens are opaque strings; the bound only stops abuse of the verification call.
export const ZaloSignInRequest = z.object({
  accessToken: z.string().min(1).max(4096),
  /** Nothing is stored before the person has agreed to the consent text: must equal CONSENT_VERSION. */
  consentVersion: z.string().max(40).optional(),
});
export type ZaloSignInRequest = z.infer<typeof ZaloSignInRequest>;

export const Me = z.object({
  id: z.number().int(),
  displayName: z.string().nullable(),
  village: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** Present when this person is a member of a village's Tổ công nghệ số cộng đồng. */
  team: z.object({ memberId: z.number().int(), villageId: z.number().int(), villageName: z.string() }).nullable(),
  /** Present when a team member's phone is acting for this learner (assisted learning). */
  assistedBy: z.object({ name: z.string() }).nullable(),
  /**
   * The family on this Zalo account: how many profiles learn on it (1 when only the owner), and whether
   * this is the owner's own profile. The mini app asks "who is learning now?" when there are several.
   */
  family: z.object({ profileCount: z.number().int(), isOwner: z.boolean() }),
});
export type Me = z.infer<typeof Me>;

export const SignInResponse = z.object({ sessionToken: z.string(), expiresAt: z.string(), me: Me });
export type SignInResponse = z.infer<typeof SignInResponse>;

export const SetVillageRequest = z.object({ villageId: z.number().int().positive() });
export type SetVillageRequest = z.infer<typeof SetVillageRequest>;

export const VillageList = z.object({
  communes: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      villages: z.array(z.object({ id: z.number().int(), name: z.string() })),
    }),
  ),
});
export type VillageList = z.infer<typeof VillageList>;

export const LessonSummary = z.object({
  id: Slug,
  title: z.string(),
  minutes: z.number().int(),
  quizId: Slug.nullable(),
  completed: z.boolean(),
  quizPassed: z.boolean(),
});
export type LessonSummary = z.infer<typeof LessonSummary>;

export const CourseList = z.object({
  courses: z.array(
    z.object({
      id: Slug,
      title: z.string(),
      summary: z.string(),
      lessons: z.array(LessonSummary),
      finalQuizId: Slug,
      finalQuizPassed: z.boolean(),
    }),
  ),
});
export type CourseList = z.infer<typeof CourseList>;

export const LessonView = z.object({
  id: Slug,
  courseId: Slug,
  title: z.string(),
  minutes: z.number().int(),
  version: z.number().int(),
  objectives: z.array(z.string()),
  html: z.string(),
  quizId: Slug.nullable(),
  /** Relative to the API's address; null when the lesson has no narration. */
  audioUrl: z.string().nullable(),
  /** The language served: the one asked for if a translation exists, else "vi". */
  language: z.string(),
  /** Every language the lesson exists in, "vi" first. */
  languages: z.array(z.string()),
  /** Neighbours in the course's order, for "Bài trước" / "Bài sau". */
  previousLessonId: Slug.nullable(),
  nextLessonId: Slug.nullable(),
});
export type LessonView = z.infer<typeof LessonView>;

export const LessonQuery = z.object({
  lang: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional(),
});

export const ProgramList = z.object({
  programs: z.array(
    z.object({
      id: Slug,
      title: z.string(),
      description: z.string(),
      passPercent: z.number().int(),
      completed: z.boolean(),
      passedCount: z.number().int(),
      courses: z.array(
        z.object({
          courseId: Slug,
          title: z.string(),
          finalQuizId: z.string(),
          bestPercent: z.number().int().nullable(),
          passed: z.boolean(),
        }),
      ),
    }),
  ),
});
export type ProgramList = z.infer<typeof ProgramList>;

export const LessonCompletion = z.object({ lessonId: Slug, completedAt: z.string() });
export type LessonCompletion = z.infer<typeof LessonCompletion>;

/** A quiz as the learner sees it before answering: no `correct`, no explanations. */
export const QuizView = z.object({
  id: Slug,
  title: z.string(),
  version: z.number().int(),
  passPercent: z.number().int(),
  questions: z.array(
    z.object({
      id: Slug,
      kind: QuestionKind,
      prompt: z.string(),
      options: z.array(z.object({ id: Slug, text: z.string() })),
    }),
  ),
});
export type QuizView = z.infer<typeof QuizView>;

export const AttemptResult = z.object({
  correctCount: z.number().int(),
  total: z.number().int(),
  scorePercent: z.number().int(),
  passed: z.boolean(),
});
export type AttemptResult = z.infer<typeof AttemptResult>;

/** Generated on the phone (a UUID), so an attempt started offline already has its name. */
export const ClientId = z.string().uuid();

export const AttemptState = z.object({
  attemptId: z.string(),
  quizId: Slug,
  quizVersion: z.number().int(),
  answered: z.number().int(),
  /** Which questions already have their final answer, so an interrupted attempt resumes where it stopped. */
  answeredQuestionIds: z.array(Slug),
  total: z.number().int(),
  /** Present once every question is answered. */
  result: AttemptResult.nullable(),
});
export type AttemptState = z.infer<typeof AttemptState>;

/** Sent after an answer is locked in: the first answer to a question is the one that counts. */
export const AnswerFeedback = z.object({
  questionId: Slug,
  chosenOptionIds: z.array(Slug),
  correct: z.boolean(),
  correctOptionIds: z.array(Slug),
  explanations: z.array(z.object({ optionId: Slug, text: z.string(), explanation: z.string() })),
  attempt: AttemptState,
});
export type AnswerFeedback = z.infer<typeof AnswerFeedback>;

/**
 * What the learner did, as the phone reports it. Every event carries an id made on the phone, so a resend
 * (a lost answer, a queue flushed twice after the network returns) is recognised and has one effect.
 * `at` is the phone's clock: kept for the learner's history, never trusted for anything that counts.
 */
const EventBase = { id: ClientId, at: z.string().datetime({ offset: true }) };
export const ProgressEvent = z.discriminatedUnion("type", [
  z.object({ ...EventBase, type: z.literal("lesson_opened"), lessonId: Slug }),
  z.object({ ...EventBase, type: z.literal("lesson_completed"), lessonId: Slug, lessonVersion: z.number().int().positive() }),
  z.object({
    ...EventBase,
    type: z.literal("attempt_started"),
    attemptId: ClientId,
    quizId: Slug,
    quizVersion: z.number().int().positive(),
  }),
  z.object({
    ...EventBase,
    type: z.literal("answer"),
    attemptId: ClientId,
    questionId: Slug,
    optionIds: z.array(Slug).min(1).max(6),
  }),
]);
export type ProgressEvent = z.infer<typeof ProgressEvent>;

/**
 * Events are checked one by one (not the batch as a whole), so one malformed event in a phone's queue is
 * answered "rejected" and cannot block the others behind it forever.
 */
export const ProgressBatch = z.object({ events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_BATCH) });

export const ProgressResult = z.object({
  /** The event's id, or null when the event was too malformed to have one. */
  id: z.string().nullable(),
  /** `duplicate`: seen before (or the question was already answered); nothing new was stored. */
  status: z.enum(["recorded", "duplicate", "rejected"]),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  completion: LessonCompletion.optional(),
  attempt: AttemptState.optional(),
  feedback: AnswerFeedback.optional(),
});
export type ProgressResult = z.infer<typeof ProgressResult>;

/** Sent only after every recorded event is durably committed: an acknowledged event is never lost. */
export const ProgressResponse = z.object({ results: z.array(ProgressResult) });
export type ProgressResponse = z.infer<typeof ProgressResponse>;

/** Everything the server holds about the signed-in learner, in words a resident can read. */
export const MyData = z.object({
  displayName: z.string().nullable(),
  /** When the person agreed to the consent text, and which version. */
  consent: z.object({ version: z.string(), at: z.string() }).nullable(),
  village: z.string().nullable(),
  createdAt: z.string(),
  /** How the learner is recognised; the ids themselves are not repeated back. */
  signIns: z.array(z.object({ provider: z.string(), since: z.string() })),
  lessons: z.array(z.object({ lessonId: Slug, title: z.string(), completedAt: z.string() })),
  quizzes: z.array(
    z.object({
      quizId: Slug,
      title: z.string(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      scorePercent: z.number().int().nullable(),
    }),
  ),
  certificates: z.array(z.object({ serial: z.string(), programTitle: z.string(), issuedAt: z.string(), status: z.string() })),
  /** The household the person joined (its name as the team wrote it), if any. */
  household: z.string().nullable(),
  /** Real tasks: when the person ticked one, and when a team member (named) confirmed it. */
  tasks: z.array(
    z.object({
      title: z.string(),
      selfReportedAt: z.string().nullable(),
      confirmedAt: z.string().nullable(),
      confirmedBy: z.string().nullable(),
    }),
  ),
  /** Whether a PIN guards this profile on a shared phone (the PIN itself is never shown, only its hash is kept). */
  hasPin: z.boolean(),
});
export type MyData = z.infer<typeof MyData>;

export const CertificateStatus = z.enum(["valid", "revoked", "withdrawn"]);
export type CertificateStatus = z.infer<typeof CertificateStatus>;

/** A certificate as its holder sees it in the mini app. */
export const CertificateSummary = z.object({
  serial: z.string(),
  programId: Slug,
  programTitle: z.string(),
  displayName: z.string().nullable(),
  communeName: z.string(),
  issuedAt: z.string(),
  status: CertificateStatus,
  /** Absolute addresses: the public verify page (what the QR code opens) and the shareable image and PDF. */
  verifyUrl: z.string(),
  imageUrl: z.string(),
  pdfUrl: z.string(),
});
export type CertificateSummary = z.infer<typeof CertificateSummary>;

export const CertificateList = z.object({ certificates: z.array(CertificateSummary) });
export type CertificateList = z.infer<typeof CertificateList>;
