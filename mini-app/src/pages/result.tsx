import type { AttemptResult } from "@hvs/shared/api";
import { useEffect } from "react";
import { Box, Button, Page, Text, useLocation, useNavigate } from "zmp-ui";
import { AppHeader, Heading, Screen } from "../components";

export function ResultPage() {
  const navigate = useNavigate();
  const state = useLocation().state as { quizId: string; result: AttemptResult; missed?: string[] } | null;
  // Opened without a result (e.g. after a reload): there is nothing to show, go home.
  useEffect(() => {
    if (!state) navigate("/", { replace: true });
  }, [state, navigate]);
  if (!state) return null;
  const { result, quizId } = state;
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
        {!result.passed && (
          <Text size="large">Hãy đọc lại bài học rồi làm lại bài kiểm tra. Bạn làm lại được bao nhiêu lần cũng được.</Text>
        )}
        <Box mt={4}>
          {!result.passed && (
            <Button fullWidth size="large" onClick={() => navigate(`/quiz/${quizId}`, { replace: true })}>
              Làm lại bài kiểm tra
            </Button>
          )}
        </Box>
        <Box mt={3}>
          {/* The result replaced the quiz, which replaced the lesson: one step back is the home screen. */}
          <Button fullWidth size="large" variant="secondary" onClick={() => navigate(-1)}>
            Về trang chủ
          </Button>
        </Box>
      </Screen>
    </Page>
  );
}
