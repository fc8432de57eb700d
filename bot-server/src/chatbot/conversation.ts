import { randomUUID } from "node:crypto";
import type { ProgressResult } from "@hvs/shared/api";
import type { Quiz } from "@hvs/shared/content";
import { DEFAULT_QUIET_HOURS, isQuiet, type QuietHours, vietnamClock } from "@hvs/shared/vietnam-time";
import { asc, eq } from "drizzle-orm";
import { issueEarned, programsFinishedBy } from "../certificates/issue";
import type { DbOrTx } from "../db/client";
import { certificates, communes, learners, villages } from "../db/schema";
import { placeLearner } from "../indicators/milestones";
import { forgetLearner } from "../learners/forget";
import type { CurriculumIndex } from "../learning/curriculum";
import { finishedBy } from "../learning/finished";
import { recordEvents } from "../learning/progress";
import { byVietnameseName } from "../villages/commune-villages";
import type { OaMessage } from "../zalo/oa-client";
import {
  type Continuation,
  type Conversation,
  createChatLearner,
  deleteConversation,
  findLearner,
  readStepData,
  saveConversation,
  touchConversation,
} from "./conversation-store";
import { type Intent, readIntent } from "./intent";
import { lessonParts } from "./lesson-text";
import { fold } from "./normalize";
import { certificateMessage, feedbackMessage, optionIdsFor, picksMessage, questionMessage, resultMessage } from "./quiz-chat";
import * as say from "./replies";
import type { buildLessonSearch } from "./search";

export interface ChatDeps {
  content: CurriculumIndex;
  search: ReturnType<typeof buildLessonSearch>;
  /** Where the mini app opens; lesson links add `?lesson=<id>`. */
  appUrl: string;
  /** When reminders may not go out (default 21:00–06:00): a reminder time inside them is refused. */
  quietHours?: QuietHours;
}

export interface Who {
  oaUserId: string;
  /** The mini app's id for the same person, when Zalo links the OA and the app. */
  appUserId?: string;
}

export type Incoming =
  | { kind: "text"; text: string }
  | { kind: "attachment" }
  | { kind: "follow" }
  | { kind: "unfollow" }
  | { kind: "submit_info" };

/**
 * One turn of the chat: reads what the person sent, updates what we keep (progress through the same
 * `recordEvents` the mini app uses, so both see one record), and returns the replies to queue. Runs inside
 * the inbox's transaction, so the turn's effects and its replies are committed together, once.
 */
export function converse(tx: DbOrTx, deps: ChatDeps, who: Who, incoming: Incoming, now: Date): OaMessage[] {
  const turn = new Turn(tx, deps, who, now);
  const replies = turn.run(incoming);
  if (!turn.forgotten) saveConversation(tx, turn.conversation, now);
  return replies;
}

class Turn {
  readonly conversation: Conversation;
  learnerId: number | undefined;
  forgotten = false;

  constructor(
    private readonly tx: DbOrTx,
    private readonly deps: ChatDeps,
    private readonly who: Who,
    private readonly now: Date,
  ) {
    this.conversation = touchConversation(tx, who.oaUserId, now);
    this.learnerId = findLearner(tx, who.oaUserId, who.appUserId, now);
    this.conversation.learnerId = this.learnerId ?? null;
  }

  run(incoming: Incoming): OaMessage[] {
    switch (incoming.kind) {
      case "unfollow":
        // Nothing can be sent to someone who left; reminders stop until they follow again.
        this.conversation.followed = false;
        return [];
      case "follow":
        this.conversation.followed = true;
        if (this.learnerId !== undefined) return [say.greeting(true), say.menu(this.deps.appUrl)];
        return [say.greeting(false), ...this.needLearner({ do: "menu" })];
      case "attachment":
        return [say.notText];
      case "submit_info":
        return [say.infoNotKept];
      case "text":
        return this.onText(incoming.text);
    }
  }

  private get step() {
    return this.conversation.step;
  }

  private setStep(step: Conversation["step"], data: unknown = null) {
    this.conversation.step = step;
    this.conversation.stepData = data === null ? null : JSON.stringify(data);
  }

  private onText(text: string): OaMessage[] {
    const intent = readIntent(text);
    if (intent.kind === "payload") return this.onPayload(intent.command, intent.args);
    // Answers that only make sense inside the current step come first.
    if (this.step === "quiz") {
      const answered = this.answerTyped(intent);
      if (answered) return answered;
    }
    if (this.step === "consent" && (intent.kind === "yes" || intent.kind === "no")) return this.consent(intent.kind === "yes");
    if (this.step === "name" && (intent.kind === "question" || intent.kind === "letters")) return this.nameGiven(text);
    if (this.step === "village" && (intent.kind === "question" || intent.kind === "letters")) return this.villageTyped(text);
    if (this.step === "remind_time" && intent.kind !== "stop") {
      const time = readIntent(`nhắc tôi ${text}`);
      if (time.kind === "remind" && time.hour !== null) return this.remind(time.hour * 60 + time.minute);
    }
    switch (intent.kind) {
      case "menu":
      case "yes":
      case "no":
      case "empty":
        this.setStep("idle");
        return [say.menu(this.deps.appUrl)];
      case "learn":
        return this.learn();
      case "remind":
        return this.remind(intent.hour === null ? null : intent.hour * 60 + intent.minute);
      case "stop":
        return this.stopReminders();
      case "my_data":
        return this.learnerId === undefined ? [say.nothingToForget] : [say.myData];
      case "truth":
      case "letters":
      case "question":
        return this.ask(text);
    }
  }

  private onPayload(command: string, args: string[]): OaMessage[] {
    switch (command) {
      case "learn":
        return this.learn();
      case "ask":
        this.setStep("idle");
        return [say.askPrompt];
      case "menu":
        this.setStep("idle");
        return [say.menu(this.deps.appUrl)];
      case "remind":
        return this.remind(args[0] === undefined ? null : Number(args[0]));
      case "stop":
        return this.stopReminders();
      case "consent":
        return this.consent(args[0] === "yes");
      case "village":
        return this.chooseVillage(Number(args[0]));
      case "read":
        return this.read(args[0] ?? "", Number(args[1] ?? 0));
      case "quiz": {
        const lesson = this.deps.content.lessons.get(args[0] ?? "")?.lesson;
        return lesson?.quiz ? this.startQuiz(lesson.quiz) : [say.menu(this.deps.appUrl)];
      }
      case "quizid":
        return this.startQuiz(args[0] ?? "");
      case "ans":
        return this.answer(args[0] ?? "", Number(args[1]), (args[2] ?? "").split(""));
      case "pick":
        return this.pick(args[0] ?? "", Number(args[1]), args[2] ?? "");
      case "forget":
        if (this.learnerId === undefined) return [say.nothingToForget];
        return args[0] === "yes" ? this.forget() : [say.forgetConfirm];
      default:
        return [say.menu(this.deps.appUrl)];
    }
  }

  // --- consent and village: asked once, before anything about the person is stored ---

  /** Replies that get consent and a village first, or the continuation's own replies when both are there. */
  private needLearner(then: Continuation): OaMessage[] {
    if (this.learnerId === undefined) {
      this.setStep("consent", { then });
      return [say.consentQuestion];
    }
    if (this.villageOf() === null) {
      this.setStep("village", { then });
      return [say.villageQuestion(this.villageChoices(), false)];
    }
    return this.continueWith(then);
  }

  private continueWith(then: Continuation): OaMessage[] {
    this.setStep("idle");
    switch (then.do) {
      case "learn":
        return this.learn();
      case "read":
        return this.read(then.lessonId, 0);
      case "remind":
        return this.remind(null);
      case "menu":
        return [say.menu(this.deps.appUrl)];
    }
  }

  private pendingContinuation(): Continuation {
    const data = readStepData(this.conversation);
    return data && "then" in data ? data.then : { do: "menu" };
  }

  private consent(agreed: boolean): OaMessage[] {
    if (this.learnerId !== undefined) return this.continueWith(this.pendingContinuation());
    if (!agreed) {
      this.setStep("idle");
      return [say.consentDeclined];
    }
    const then = this.pendingContinuation();
    this.learnerId = createChatLearner(this.tx, this.who.oaUserId, this.who.appUserId, this.now);
    this.conversation.learnerId = this.learnerId;
    return this.needLearner(then);
  }

  private villageOf(): { id: number; name: string } | null {
    if (this.learnerId === undefined) return null;
    return (
      this.tx
        .select({ id: villages.id, name: villages.name })
        .from(learners)
        .innerJoin(villages, eq(villages.id, learners.villageId))
        .where(eq(learners.id, this.learnerId))
        .get() ?? null
    );
  }

  /** In Vietnamese alphabetical order (Đ after D), which SQLite's byte order is not. */
  private allVillages() {
    return this.tx
      .select({ id: villages.id, name: villages.name, commune: communes.name })
      .from(villages)
      .innerJoin(communes, eq(communes.id, villages.communeId))
      .all()
      .sort(byVietnameseName);
  }

  /** Buttons only when they fit (Zalo allows 5); otherwise the person types the name. */
  private villageChoices() {
    const all = this.allVillages();
    return all.length <= 5 ? all : [];
  }

  private chooseVillage(villageId: number): OaMessage[] {
    const village = this.allVillages().find((v) => v.id === villageId);
    if (this.learnerId === undefined) return this.needLearner(this.pendingContinuation());
    if (!village) return [say.villageQuestion(this.villageChoices(), true)];
    this.tx.update(learners).set({ villageId: village.id }).where(eq(learners.id, this.learnerId)).run();
    placeLearner(this.tx, this.learnerId);
    const then = this.pendingContinuation();
    return [say.villageSaved(village.name), ...this.continueWith(then)];
  }

  /** A typed village name, matched without diacritics and without the "thôn/làng/bản" prefix. */
  private villageTyped(text: string): OaMessage[] {
    const bare = (name: string) => fold(name).replace(/^(thon|lang|ban|buon|ap|xom|to dan pho|khu pho|plei)\s+/, "");
    const typed = bare(text);
    const all = this.allVillages();
    // Containment only from two letters up, so "a" alone does not match every name with an "a" in it.
    const matches = all.filter(
      (v) => bare(v.name) === typed || (typed.length >= 2 && (bare(v.name).includes(typed) || typed.includes(bare(v.name)))),
    );
    const exact = matches.length === 1 ? matches[0] : matches.find((v) => bare(v.name) === typed);
    if (exact) return this.chooseVillage(exact.id);
    if (matches.length > 1) return [say.villageQuestion(matches.slice(0, 5), false)];
    return [say.villageQuestion(all.length <= 5 ? all : [], true)];
  }

  // --- learning ---

  private learn(): OaMessage[] {
    if (this.learnerId === undefined || this.villageOf() === null) return this.needLearner({ do: "learn" });
    const { completed, passed } = finishedBy(this.tx, this.learnerId);
    const next = nextStep(this.deps.content, completed, passed);
    if (next.kind === "lesson") return this.read(next.lessonId, 0);
    if (next.kind === "quiz") return this.startQuiz(next.quizId);
    this.setStep("idle");
    return [say.allDone];
  }

  private lessonUrl(lessonId: string): string {
    const url = new URL(this.deps.appUrl);
    url.searchParams.set("lesson", lessonId);
    return url.toString();
  }

  private record(events: Record<string, unknown>[]): ProgressResult[] {
    if (this.learnerId === undefined) throw new Error("recording without a learner");
    const at = this.now.toISOString();
    return recordEvents(
      this.tx,
      this.learnerId,
      this.deps.content,
      events.map((e) => ({ id: randomUUID(), at, ...e })),
      this.now,
    );
  }

  private read(lessonId: string, part: number): OaMessage[] {
    if (this.learnerId === undefined || this.villageOf() === null) return this.needLearner({ do: "read", lessonId });
    const found = this.deps.content.lessons.get(lessonId);
    if (!found) return [say.menu(this.deps.appUrl)];
    const { lesson } = found;
    const parts = lessonParts(lesson);
    const index = Math.max(0, Math.min(parts.length - 1, Number.isInteger(part) ? part : 0));
    this.setStep("idle");
    if (index === 0) this.record([{ type: "lesson_opened", lessonId }]);
    const text = parts[index] ?? lesson.title;
    if (index < parts.length - 1) {
      return [
        {
          text: `${text}\n\n(Phần ${index + 1}/${parts.length})`,
          buttons: [say.buttons.readMore(lessonId, index + 1), say.buttons.lessonInApp(this.lessonUrl(lessonId))],
        },
      ];
    }
    this.record([{ type: "lesson_completed", lessonId, lessonVersion: lesson.version }]);
    const buttons = lesson.quiz ? [say.buttons.quiz(lessonId), say.buttons.learn, say.buttons.menu] : [say.buttons.learn, say.buttons.menu];
    return [{ text: parts.length > 1 ? `${text}\n\n(Hết bài)` : text, buttons }];
  }

  private startQuiz(quizId: string): OaMessage[] {
    if (this.learnerId === undefined || this.villageOf() === null) return this.needLearner({ do: "learn" });
    const quiz = this.deps.content.quizzes.get(quizId);
    if (!quiz) return [say.menu(this.deps.appUrl)];
    const attemptId = randomUUID();
    const [started] = this.record([{ type: "attempt_started", attemptId, quizId, quizVersion: quiz.version }]);
    if (started?.status === "rejected") {
      this.setStep("idle");
      return [{ text: started.error?.message ?? "Chưa bắt đầu được bài kiểm tra.", buttons: [say.buttons.menu] }];
    }
    this.setStep("quiz", { attemptId, quizId, index: 0, picks: [] });
    return [{ text: `Bài kiểm tra: ${quiz.title} (${quiz.questions.length} câu).` }, questionMessage(quiz, 0, attemptId)];
  }

  private openQuiz(): { attemptId: string; quiz: Quiz; index: number; picks: string[] } | null {
    const data = readStepData(this.conversation);
    if (this.step !== "quiz" || !data || !("attemptId" in data)) return null;
    const quiz = this.deps.content.quizzes.get(data.quizId);
    return quiz ? { attemptId: data.attemptId, quiz, index: data.index, picks: data.picks } : null;
  }

  /** Typed letters, "đúng"/"sai", or a bare "dung" while a question is open. Null: not an answer. */
  private answerTyped(intent: Intent): OaMessage[] | null {
    const open = this.openQuiz();
    const question = open?.quiz.questions[open.index];
    if (!open || !question) return null;
    if (intent.kind === "letters") return this.answer(open.attemptId, open.index, intent.letters);
    const truth = intent.kind === "truth" ? intent.value : intent.kind === "stop" && intent.ambiguousWithTrue ? true : null;
    if (truth === null) return null;
    if (question.kind !== "true_false") {
      if (intent.kind === "stop") return null;
      return [{ text: "Câu này chọn theo chữ cái. Gõ chữ cái bạn chọn, ví dụ: B." }];
    }
    const letter = question.options.findIndex((o) => o.id === String(truth));
    return this.answer(open.attemptId, open.index, [String.fromCharCode(65 + letter)]);
  }

  private pick(attemptId: string, index: number, letter: string): OaMessage[] {
    const open = this.openQuiz();
    if (!open || open.attemptId !== attemptId || open.index !== index) return this.stale(open);
    const question = open.quiz.questions[index];
    if (!question) return this.stale(open);
    let picks = open.picks;
    if (letter === "-") picks = [];
    else if (optionIdsFor(question, [letter]))
      picks = picks.includes(letter) ? picks.filter((p) => p !== letter) : [...picks, letter].sort();
    this.setStep("quiz", { attemptId, quizId: open.quiz.id, index, picks });
    return [picksMessage(attemptId, index, picks)];
  }

  private stale(open: ReturnType<Turn["openQuiz"]>): OaMessage[] {
    if (!open) return [{ text: "Bài kiểm tra này đã xong. Gõ “học” để học tiếp.", buttons: [say.buttons.learn, say.buttons.menu] }];
    return [say.staleButton, questionMessage(open.quiz, open.index, open.attemptId)];
  }

  private answer(attemptId: string, index: number, letters: string[]): OaMessage[] {
    const open = this.openQuiz();
    if (!open || open.attemptId !== attemptId || open.index !== index) return this.stale(open);
    const { quiz } = open;
    const question = quiz.questions[index];
    if (!question) return this.stale(open);
    const optionIds = optionIdsFor(question, letters);
    if (!optionIds || optionIds.length === 0) {
      return [{ text: `Câu này chỉ có các phương án ${question.options.map((_, i) => String.fromCharCode(65 + i)).join(", ")}.` }];
    }
    if (question.kind !== "multiple" && optionIds.length > 1)
      return [{ text: "Câu này chỉ chọn một phương án. Bạn chọn lại giúp mình nhé." }];
    const certificatesBefore = this.certificateCount();
    const [result] = this.record([{ type: "answer", attemptId, questionId: question.id, optionIds }]);
    if (!result || result.status === "rejected") {
      this.setStep("idle");
      return [{ text: result?.error?.message ?? "Chưa ghi được câu trả lời. Bạn thử lại sau nhé.", buttons: [say.buttons.menu] }];
    }
    const replies: OaMessage[] = [];
    if (result.feedback) replies.push(feedbackMessage(question, result.feedback));
    const finished = result.feedback?.attempt.result ?? result.attempt?.result;
    if (finished) {
      this.setStep("idle");
      replies.push(resultMessage(quiz, finished, this.deps.appUrl));
      const earned = this.newCertificates(certificatesBefore);
      for (const title of earned) replies.push(certificateMessage(title, this.deps.appUrl));
      // A certificate prints a name, and a learner who met us in the chat has not given one: ask for it.
      if (earned.length === 0 && finished.passed && programsFinishedBy(this.deps.content, quiz.id).length > 0 && !this.learnerName()) {
        this.setStep("name");
        replies.push(say.nameQuestion);
      }
      return replies;
    }
    this.setStep("quiz", { attemptId, quizId: quiz.id, index: index + 1, picks: [] });
    replies.push(questionMessage(quiz, index + 1, attemptId));
    return replies;
  }

  private certificateCount(): number {
    if (this.learnerId === undefined) return 0;
    return this.tx.select({ id: certificates.id }).from(certificates).where(eq(certificates.learnerId, this.learnerId)).all().length;
  }

  private newCertificates(before: number): string[] {
    if (this.learnerId === undefined) return [];
    const rows = this.tx
      .select({ programId: certificates.programId })
      .from(certificates)
      .where(eq(certificates.learnerId, this.learnerId))
      .orderBy(asc(certificates.id))
      .all()
      .slice(before);
    return rows.map((r) => this.deps.content.curriculum.programs.find((p) => p.id === r.programId)?.title ?? r.programId);
  }

  private learnerName(): string | null {
    if (this.learnerId === undefined) return null;
    return this.tx.select({ name: learners.displayName }).from(learners).where(eq(learners.id, this.learnerId)).get()?.name ?? null;
  }

  /** The name to print on certificates; then every certificate the learner has earned is issued. */
  private nameGiven(text: string): OaMessage[] {
    const name = text.normalize("NFC").replace(/\s+/g, " ").trim();
    if (this.learnerId === undefined || name.length < 2 || name.length > 80 || !/^[\p{L}][\p{L}\p{M} .'-]*$/u.test(name)) {
      return [say.nameInvalid];
    }
    this.tx.update(learners).set({ displayName: name }).where(eq(learners.id, this.learnerId)).run();
    this.setStep("idle");
    const before = this.certificateCount();
    issueEarned(this.tx, this.learnerId, this.deps.content, this.deps.content.curriculum.programs, this.now);
    const earned = this.newCertificates(before);
    return earned.length > 0 ? earned.map((title) => certificateMessage(title, this.deps.appUrl)) : [say.nameSaved(name)];
  }

  // --- questions, reminders, data ---

  private ask(text: string): OaMessage[] {
    this.setStep("idle");
    const hit = this.deps.search.best(text);
    if (hit) return [say.answerFromLesson(hit, this.lessonUrl(hit.lessonId))];
    return [say.noAnswer(this.villageOf()?.name ?? null)];
  }

  private remind(minute: number | null): OaMessage[] {
    if (this.learnerId === undefined || this.villageOf() === null) return this.needLearner({ do: "remind" });
    if (minute === null || !Number.isInteger(minute) || minute < 0 || minute >= 24 * 60) {
      this.setStep("remind_time");
      return [say.remindTimeQuestion()];
    }
    const quiet = this.deps.quietHours ?? DEFAULT_QUIET_HOURS;
    if (isQuiet(minute, quiet)) {
      this.setStep("remind_time");
      return [say.remindQuietHours(quiet.fromMinute, quiet.toMinute)];
    }
    this.setStep("idle");
    const today = vietnamClock(this.now);
    this.conversation.remindAtMinute = minute;
    this.conversation.remindersStopped = false;
    // A time already past today starts tomorrow, rather than firing the moment it is set.
    this.conversation.lastRemindedOn = minute <= today.minute ? today.date : null;
    return [say.remindSet(minute)];
  }

  private stopReminders(): OaMessage[] {
    if (this.step === "quiz") this.setStep("idle");
    // Recorded even without a daily reminder: "dừng" also answers a village team's campaign message.
    const already = this.conversation.remindersStopped;
    this.conversation.remindersStopped = true;
    return [already ? say.alreadyStopped : say.remindersStopped];
  }

  private forget(): OaMessage[] {
    if (this.learnerId !== undefined) forgetLearner(this.tx, this.learnerId, this.now);
    deleteConversation(this.tx, this.who.oaUserId);
    this.forgotten = true;
    return [say.forgotten];
  }
}

type Next = { kind: "lesson"; lessonId: string } | { kind: "quiz"; quizId: string } | { kind: "done" };

/**
 * The next thing to learn, in catalogue order: the first lesson not yet read; else the first lesson whose
 * quiz is not passed; else the first course's final test not passed.
 */
export function nextStep(content: CurriculumIndex, completed: Set<string>, passed: Set<string>): Next {
  const courses = content.curriculum.courses;
  for (const course of courses) {
    const unread = course.lessons.find((l) => !completed.has(l.id));
    if (unread) return { kind: "lesson", lessonId: unread.id };
    const unpassed = course.lessons.find((l) => l.quiz && !passed.has(l.quiz));
    if (unpassed?.quiz) return { kind: "quiz", quizId: unpassed.quiz };
    if (!passed.has(course.finalQuiz)) return { kind: "quiz", quizId: course.finalQuiz };
  }
  return { kind: "done" };
}
