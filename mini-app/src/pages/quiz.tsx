import type { CourseList, QuizView } from "@hvs/shared/api";
import { useEffect, useState } from "react";
import { Box, Button, Page, Text, useNavigate, useParams } from "zmp-ui";
import { AppHeader, ErrorBox, Heading, Loading, Screen } from "../components";
import { currentAttempt, type LocalAttempt, newAttempt, saveAttempt } from "../offline/attempts";
import { newClientId } from "../offline/client-id";
import { readCached } from "../offline/read-cache";
import { useSession } from "../session";
import { useSync } from "../sync";
import { SyncStatus } from "../sync-status";
import { useApi } from "../use-api";
import type { Missed, ResultState } from "./result";

/**
 * One question a screen: choose, lock the answer in, read why, go on. The server grades every answer; with
 * no network the answer is kept on the phone and graded when the network returns.
 */
export function QuizPage() {
  const { quizId = "" } = useParams();
  const navigate = useNavigate();
  const learnerId = useSession().me?.id ?? 0;
  const sync = useSync();
  const quiz = useApi<QuizView>(`/api/quizzes/${encodeURIComponent(quizId)}`, { anonymous: true });
  const [attempt, setAttempt] = useState<LocalAttempt | null>(null);
  const [index, setIndex] = useState(0);
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  // Bumped by "start again", so a refused attempt is replaced even when the quiz itself did not change.
  const [round, setRound] = useState(0);
  const quizKey = quiz.data ? `${quiz.data.id}@${quiz.data.version}` : null;

  // Resume the attempt kept on the phone, or open a new one, as soon as the questions are known (from the
  // phone's copy if need be). A newer version arriving from the server replaces an attempt of the old one,
  // which the server would refuse anyway.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the quiz's id and version, not on each refetch
  useEffect(() => {
    const view = quiz.data;
    // After "start again", wait for the server's copy: the one on screen is the version it just refused.
    if (!view || (round > 0 && quiz.loading)) return;
    let current = currentAttempt(learnerId, view.id);
    if (!current || current.resultSeen || current.problem || current.quizVersion !== view.version) {
      const fresh = newAttempt(view);
      current = fresh.attempt;
      saveAttempt(learnerId, current);
      void sync.send([fresh.event]);
    }
    const answered = current.answers;
    const next = view.questions.findIndex((q) => !answered[q.id]);
    setIndex(next === -1 ? view.questions.length - 1 : next);
    setChosen([]);
    setAttempt(current);
  }, [quizKey, round, round > 0 && quiz.loading]);

  // Feedback for answers queued offline lands in the phone's record when the network returns: re-read it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the revision is the signal
  useEffect(() => {
    if (attempt) setAttempt(currentAttempt(learnerId, attempt.quizId));
  }, [sync.revision]);

  const view = quiz.data;
  if (quiz.loading && !view) {
    return (
      <Page className="page">
        <AppHeader title="Bài kiểm tra" />
        <Loading />
      </Page>
    );
  }
  const question = view?.questions[index];
  const given = question ? attempt?.answers[question.id] : undefined;
  const feedback = given?.feedback ?? null;
  const allAnswered = view !== null && attempt !== null && view.questions.every((q) => attempt.answers[q.id]);

  async function submit() {
    if (!attempt || !question || chosen.length === 0) return;
    setBusy(true);
    const kept: LocalAttempt = { ...attempt, answers: { ...attempt.answers, [question.id]: { optionIds: chosen, feedback: null } } };
    saveAttempt(learnerId, kept);
    setAttempt(kept);
    try {
      await sync.send([
        {
          id: newClientId(),
          at: new Date().toISOString(),
          type: "answer",
          attemptId: attempt.attemptId,
          questionId: question.id,
          optionIds: chosen,
        },
      ]);
    } finally {
      // Whatever the network did, the phone's record now says what is known: graded, or waiting.
      setAttempt(currentAttempt(learnerId, attempt.quizId));
      setBusy(false);
    }
  }

  function showResult() {
    if (!attempt?.result || !view) return;
    saveAttempt(learnerId, { ...attempt, resultSeen: true });
    const missed: Missed[] = view.questions.flatMap((q) => {
      const feedback = attempt.answers[q.id]?.feedback;
      if (!feedback || feedback.correct) return [];
      const answers = feedback.explanations.filter((e) => feedback.correctOptionIds.includes(e.optionId)).map((e) => e.text);
      return [{ prompt: q.prompt, answers }];
    });
    // The lesson this quiz belongs to, from the course list kept on the phone, for "read it again".
    const courses = readCached<CourseList>(learnerId, "/api/courses");
    const lessonId = courses?.courses.flatMap((c) => c.lessons).find((l) => l.quizId === quizId)?.id ?? null;
    navigate("/result", { replace: true, state: { quizId, result: attempt.result, missed, lessonId } satisfies ResultState });
  }

  function next() {
    if (!view || !attempt) return;
    const unanswered = view.questions.findIndex((q) => !attempt.answers[q.id]);
    if (unanswered === -1) {
      if (attempt.result) showResult();
      else setIndex(view.questions.length - 1);
      return;
    }
    setIndex(unanswered);
    setChosen([]);
  }

  function toggle(optionId: string) {
    if (given || !question) return;
    if (question.kind === "multiple") {
      setChosen((c) => (c.includes(optionId) ? c.filter((id) => id !== optionId) : [...c, optionId]));
    } else {
      setChosen([optionId]);
    }
  }

  function startAgain() {
    setAttempt(null);
    setRound((r) => r + 1);
    quiz.reload();
  }

  const shown = given?.optionIds ?? chosen;
  return (
    <Page className="page">
      <AppHeader title={view?.title ?? "Bài kiểm tra"} />
      <Screen>
        <SyncStatus />
        {quiz.error && <ErrorBox message={quiz.error.message} onRetry={quiz.reload} />}
        {attempt?.problem && (
          <Box className="error-box" role="alert">
            <Text size="large">{attempt.problem}</Text>
            <Button fullWidth size="large" onClick={startAgain}>
              Làm lại từ đầu
            </Button>
          </Box>
        )}
        {attempt && !attempt.problem && question && view && (
          <Box>
            <Text className="muted">
              Câu {index + 1} / {view.questions.length}
            </Text>
            <Heading size="large" id="question-prompt">
              {question.prompt}
            </Heading>
            {question.kind === "multiple" && <Text className="muted">Có thể chọn nhiều ý.</Text>}
            <fieldset aria-labelledby="question-prompt" className="options">
              {question.options.map((option) => {
                const selected = shown.includes(option.id);
                const verdict = feedback ? (feedback.correctOptionIds.includes(option.id) ? "right" : selected ? "wrong" : "") : "";
                const explanation = feedback?.explanations.find((e) => e.optionId === option.id)?.explanation;
                return (
                  <button
                    key={option.id}
                    type="button"
                    aria-pressed={selected}
                    disabled={given !== undefined}
                    className={`option ${selected ? "selected" : ""} ${verdict}`}
                    onClick={() => toggle(option.id)}
                  >
                    <span className="option-text">{option.text}</span>
                    {explanation && (verdict || selected) && <span className="option-explanation">{explanation}</span>}
                  </button>
                );
              })}
            </fieldset>
            {feedback && (
              <Box className={`verdict ${feedback.correct ? "right" : "wrong"}`} role="status" aria-live="polite">
                <Text size="xLarge" bold>
                  {feedback.correct ? "Đúng rồi!" : "Chưa đúng"}
                </Text>
              </Box>
            )}
            {given && !feedback && !busy && (
              <Box className="queued-note" role="status" aria-live="polite" data-testid="answer-queued">
                <Text size="large">
                  {allAnswered
                    ? `Bạn đã trả lời hết ${view.questions.length} câu. Câu trả lời đã được lưu trên điện thoại; điểm sẽ có khi có mạng trở lại.`
                    : "Câu trả lời đã được lưu trên điện thoại. Sẽ chấm điểm khi có mạng."}
                </Text>
              </Box>
            )}
            <Box mt={4} mb={6}>
              {!given && (
                <Button fullWidth size="large" loading={busy} disabled={chosen.length === 0} onClick={submit}>
                  Trả lời
                </Button>
              )}
              {given && attempt.result && allAnswered && (
                <Button fullWidth size="large" onClick={showResult}>
                  Xem kết quả
                </Button>
              )}
              {given && !busy && !allAnswered && (
                <Button fullWidth size="large" onClick={next}>
                  Câu tiếp theo
                </Button>
              )}
              {given && !busy && allAnswered && !attempt.result && (
                <Button fullWidth size="large" variant="secondary" onClick={() => navigate(-1)}>
                  Về trang chủ, chờ có mạng
                </Button>
              )}
            </Box>
          </Box>
        )}
      </Screen>
    </Page>
  );
}
