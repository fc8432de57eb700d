import type { AnswerFeedback, AttemptState, QuizView } from "@hvs/shared/api";
import { useEffect, useState } from "react";
import { Box, Button, Page, Text, useNavigate, useParams } from "zmp-ui";
import { ApiError } from "../api";
import { AppHeader, ErrorBox, Heading, Loading, Screen } from "../components";
import { useCall } from "../session";
import { useApi } from "../use-api";

/** One question a screen: choose, lock the answer in, read why, go on. The server grades every answer. */
export function QuizPage() {
  const { quizId = "" } = useParams();
  const call = useCall();
  const navigate = useNavigate();
  const quiz = useApi<QuizView>(`/api/quizzes/${encodeURIComponent(quizId)}`);
  const [attempt, setAttempt] = useState<AttemptState | null>(null);
  const [index, setIndex] = useState(0);
  const [chosen, setChosen] = useState<string[]>([]);
  const [feedback, setFeedback] = useState<AnswerFeedback | null>(null);
  // Questions answered wrongly in this visit, to say on the result screen what to read again.
  const [missed, setMissed] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Opens an attempt, or resumes the unfinished one the server still holds. */
  async function begin() {
    setError(null);
    setFeedback(null);
    setChosen([]);
    try {
      setAttempt(await call<AttemptState>(`/api/quizzes/${encodeURIComponent(quizId)}/attempts`, { method: "POST" }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Chưa bắt đầu được bài kiểm tra.");
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: one attempt per visit to this screen
  useEffect(() => {
    void begin();
  }, [quizId]);

  // A resumed attempt continues at its first unanswered question.
  useEffect(() => {
    if (!attempt || !quiz.data) return;
    const next = quiz.data.questions.findIndex((q) => !attempt.answeredQuestionIds.includes(q.id));
    setIndex(next === -1 ? 0 : next);
  }, [attempt, quiz.data]);

  const question = quiz.data?.questions[index];
  if (quiz.loading || (!attempt && !error)) {
    return (
      <Page className="page">
        <AppHeader title="Bài kiểm tra" />
        <Loading />
      </Page>
    );
  }

  async function submit() {
    if (!attempt || !question) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call<AnswerFeedback>(`/api/attempts/${attempt.attemptId}/answers`, {
        method: "POST",
        body: { questionId: question.id, optionIds: chosen },
      });
      // The first answer is the one that counts: after a resend, show what the server holds.
      setChosen(result.chosenOptionIds);
      setFeedback(result);
      if (!result.correct) setMissed((m) => [...m, question.prompt]);
    } catch (e) {
      if (e instanceof ApiError && e.code === "QUIZ_CHANGED") {
        // The content was updated mid-attempt: load the new questions and start them afresh.
        setAttempt(null);
        quiz.reload();
        await begin();
        setError(e.message);
      } else {
        setError(e instanceof ApiError ? e.message : "Chưa gửi được câu trả lời.");
      }
    } finally {
      setBusy(false);
    }
  }

  function next() {
    if (!feedback) return;
    if (feedback.attempt.result) {
      navigate("/result", { replace: true, state: { quizId, result: feedback.attempt.result, missed } });
      return;
    }
    setIndex((i) => i + 1);
    setChosen([]);
    setFeedback(null);
  }

  function toggle(optionId: string) {
    if (feedback || !question) return;
    if (question.kind === "multiple") {
      setChosen((c) => (c.includes(optionId) ? c.filter((id) => id !== optionId) : [...c, optionId]));
    } else {
      setChosen([optionId]);
    }
  }

  return (
    <Page className="page">
      <AppHeader title={quiz.data?.title ?? "Bài kiểm tra"} />
      <Screen>
        {quiz.error && <ErrorBox message={quiz.error.message} onRetry={quiz.reload} />}
        {!attempt && error && <ErrorBox message={error} onRetry={begin} />}
        {attempt && question && (
          <Box>
            <Text className="muted">
              Câu {index + 1} / {quiz.data?.questions.length}
            </Text>
            <Heading size="large" id="question-prompt">
              {question.prompt}
            </Heading>
            {question.kind === "multiple" && <Text className="muted">Có thể chọn nhiều ý.</Text>}
            <fieldset aria-labelledby="question-prompt" className="options">
              {question.options.map((option) => {
                const selected = chosen.includes(option.id);
                const verdict = feedback ? (feedback.correctOptionIds.includes(option.id) ? "right" : selected ? "wrong" : "") : "";
                const explanation = feedback?.explanations.find((e) => e.optionId === option.id)?.explanation;
                return (
                  <button
                    key={option.id}
                    type="button"
                    aria-pressed={selected}
                    disabled={feedback !== null}
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
            {error && <ErrorBox message={error} />}
            <Box mt={4} mb={6}>
              {feedback ? (
                <Button fullWidth size="large" onClick={next}>
                  {feedback.attempt.result ? "Xem kết quả" : "Câu tiếp theo"}
                </Button>
              ) : (
                <Button fullWidth size="large" loading={busy} disabled={chosen.length === 0} onClick={submit}>
                  {error ? "Gửi lại câu trả lời" : "Trả lời"}
                </Button>
              )}
            </Box>
          </Box>
        )}
      </Screen>
    </Page>
  );
}
