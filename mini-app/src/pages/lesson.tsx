import type { LessonCompletion, LessonView } from "@hvs/shared/api";
import { useState } from "react";
import { Box, Button, Page, Text, useNavigate, useParams } from "zmp-ui";
import { ApiError } from "../api";
import { AppHeader, ErrorBox, Heading, Loading, Screen } from "../components";
import { useCall } from "../session";
import { useApi } from "../use-api";

export function LessonPage() {
  const { lessonId = "" } = useParams();
  const call = useCall();
  const navigate = useNavigate();
  const lesson = useApi<LessonView>(`/api/lessons/${encodeURIComponent(lessonId)}`);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function finish(view: LessonView) {
    setSaving(true);
    setError(null);
    try {
      await call<LessonCompletion>(`/api/lessons/${encodeURIComponent(view.id)}/complete`, { method: "POST" });
      // The quiz takes the lesson's place in history; without one, go back to where the lesson was opened.
      if (view.quizId) navigate(`/quiz/${view.quizId}`, { replace: true });
      else navigate(-1);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Chưa lưu được. Vui lòng thử lại.");
    } finally {
      setSaving(false);
    }
  }

  return (
    <Page className="page">
      <AppHeader title="Bài học" />
      <Screen>
        {lesson.loading && <Loading />}
        {lesson.error && <ErrorBox message={lesson.error.message} onRetry={lesson.reload} />}
        {lesson.data && (
          <article>
            <Heading size="xLarge">{lesson.data.title}</Heading>
            <Text className="muted">{lesson.data.minutes} phút đọc</Text>
            <Box className="card" mt={3}>
              <Text bold>Học xong bài này, bạn sẽ:</Text>
              <ul>
                {lesson.data.objectives.map((o) => (
                  <li key={o}>{o}</li>
                ))}
              </ul>
            </Box>
            {/* Compiled from the project's own Markdown at build time; raw HTML is refused there. */}
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: trusted, compiled content */}
            <div className="lesson-body" dangerouslySetInnerHTML={{ __html: lesson.data.html }} />
            {error && <ErrorBox message={error} onRetry={() => lesson.data && finish(lesson.data)} />}
            <Box mt={4} mb={6}>
              <Button fullWidth size="large" loading={saving} onClick={() => lesson.data && finish(lesson.data)}>
                {lesson.data.quizId ? "Tôi đã học xong · Làm bài kiểm tra" : "Tôi đã học xong"}
              </Button>
            </Box>
          </article>
        )}
      </Screen>
    </Page>
  );
}
