import type { LessonCompletion, LessonView } from "@hvs/shared/api";
import { useState } from "react";
import { Box, Button, Page, Text, useNavigate, useParams } from "zmp-ui";
import { ApiError } from "../api";
import { AppHeader, ErrorBox, Heading, Loading, Screen } from "../components";
import { API_URL } from "../config";
import { useCall } from "../session";
import { useTextSize } from "../text-size";
import { useApi } from "../use-api";

export function LessonPage() {
  const { lessonId = "" } = useParams();
  const call = useCall();
  const navigate = useNavigate();
  const lesson = useApi<LessonView>(`/api/lessons/${encodeURIComponent(lessonId)}`);
  const [saving, setSaving] = useState(false);
  const text = useTextSize();
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
            <fieldset className="text-size" aria-label="Cỡ chữ">
              <button type="button" onClick={text.smaller} disabled={!text.canShrink} aria-label="Chữ nhỏ hơn">
                A−
              </button>
              <button type="button" onClick={text.larger} disabled={!text.canGrow} aria-label="Chữ to hơn">
                A+
              </button>
            </fieldset>
            {lesson.data.audioUrl && (
              <Box className="card" mt={2}>
                <Text bold>Nghe bài đọc</Text>
                {/* biome-ignore lint/a11y/useMediaCaption: the lesson text on this screen is the transcript */}
                <audio controls preload="none" src={`${API_URL}${lesson.data.audioUrl}`} style={{ width: "100%" }} />
              </Box>
            )}
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
            <div className={`lesson-body text-${text.size}`} dangerouslySetInnerHTML={{ __html: lesson.data.html }} />
            {error && <ErrorBox message={error} onRetry={() => lesson.data && finish(lesson.data)} />}
            <Box mt={4}>
              <Button fullWidth size="large" loading={saving} onClick={() => lesson.data && finish(lesson.data)}>
                {lesson.data.quizId ? "Tôi đã học xong · Làm bài kiểm tra" : "Tôi đã học xong"}
              </Button>
            </Box>
            <nav className="lesson-nav" aria-label="Chuyển bài">
              {lesson.data.previousLessonId && (
                <Button
                  variant="tertiary"
                  onClick={() => navigate(`/lesson/${lesson.data?.previousLessonId}`, { replace: true, direction: "backward" })}
                >
                  ← Bài trước
                </Button>
              )}
              {lesson.data.nextLessonId && (
                <Button variant="tertiary" onClick={() => navigate(`/lesson/${lesson.data?.nextLessonId}`, { replace: true })}>
                  Bài sau →
                </Button>
              )}
            </nav>
          </article>
        )}
      </Screen>
    </Page>
  );
}
