import type { AttemptResult } from "@hvs/shared/api";
import { useEffect } from "react";
import { Box, Button, Page, Text, useLocation, useNavigate } from "zmp-ui";
import { AppHeader, Heading, Screen } from "../components";

/** A question answered wrongly, with its right answer(s). */
export interface Missed {
  prompt: string;
  answers: string[];
}

export interface ResultState {
  quizId: string;
  result: AttemptResult;
  missed: Missed[];
  /** The lesson the quiz belongs to, when known, for "read it again". */
  lessonId: string | null;
}

export function ResultPage() {
  const navigate = useNavigate();
  const state = useLocation().state as ResultState | null;
  // Opened without a result (e.g. after a reload): there is nothing to show, go home.
  useEffect(() => {
    if (!state) navigate("/", { replace: true });
  }, [state, navigate]);
  if (!state) return null;
  const { result, quizId, missed, lessonId } = state;
  return (
    <Page className="page">
      <AppHeader title="Kết quả" showBack={false} />
      <Screen>
        <Box className={`verdict ${result.passed ? "right" : "wrong"}`} role="status">
          <Heading size="xLarge">{result.passed ? "Chúc mừng! Bạn đã đạt." : "Bạn chưa đạt lần này."}</Heading>
          <Text size="xLarge">
            Đúng {result.correctCount} / {result.total} câu ({result.scorePercent}%)
          </Text>
        </Box>
        {missed.length > 0 && (
          <Box className="card" mt={2}>
            <Heading size="normal">Những câu cần xem lại</Heading>
            <ol className="missed">
              {missed.map((m) => (
                <li key={m.prompt}>
                  <Text bold>{m.prompt}</Text>
                  <Text>Đáp án đúng:</Text>
                  <ul>
                    {m.answers.map((a) => (
                      <li key={a}>{a}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          </Box>
        )}
        {!result.passed && (
          <Text size="large">Hãy đọc lại bài học rồi làm lại bài kiểm tra. Bạn làm lại được bao nhiêu lần cũng được.</Text>
        )}
        {!result.passed && (
          <Box mt={4}>
            <Button fullWidth size="large" onClick={() => navigate(`/quiz/${quizId}`, { replace: true })}>
              Làm lại bài kiểm tra
            </Button>
          </Box>
        )}
        {!result.passed && lessonId && (
          <Box mt={3}>
            <Button fullWidth size="large" variant="secondary" onClick={() => navigate(`/lesson/${lessonId}`, { replace: true })}>
              Đọc lại bài học
            </Button>
          </Box>
        )}
        <Box mt={3} mb={6}>
          {/* The result replaced the quiz, which replaced the lesson: one step back is the home screen. */}
          <Button fullWidth size="large" variant="secondary" onClick={() => navigate(-1)}>
            Về trang chủ
          </Button>
        </Box>
      </Screen>
    </Page>
  );
}
