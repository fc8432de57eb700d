import type { LessonView } from "@hvs/shared/api";
import { useEffect, useRef, useState } from "react";
import { Box, Button, Page, Text, useNavigate, useParams } from "zmp-ui";
import { AppHeader, ErrorBox, Heading, Loading, Screen } from "../components";
import { API_URL } from "../config";
import { newClientId } from "../offline/client-id";
import { useSync } from "../sync";
import { SyncStatus } from "../sync-status";
import { useTextSize } from "../text-size";
import { useApi, usePrefetch } from "../use-api";

// Names of the languages lessons may be translated into, in their own words where we know them.
const LANGUAGE_NAMES: Record<string, string> = { vi: "Tiếng Việt", bdq: "Ba Na", jra: "Gia Rai", rad: "Ê Đê", hmn: "Mông", tyz: "Tày" };

export function LessonPage() {
  const { lessonId = "" } = useParams();
  const navigate = useNavigate();
  const sync = useSync();
  const prefetch = usePrefetch();
  const [language, setLanguage] = useState<string | null>(null);
  const base = `/api/lessons/${encodeURIComponent(lessonId)}`;
  const lesson = useApi<LessonView>(language ? `${base}?lang=${language}` : base, { anonymous: true });
  const text = useTextSize();
  const view = lesson.data;

  // Opening is recorded (the learner's activity); the quiz and the next lesson are fetched now, so that
  // they open at once and can be taken offline.
  const recorded = useRef<string | null>(null);
  const { send } = sync;
  useEffect(() => {
    if (!view || recorded.current === view.id) return;
    recorded.current = view.id;
    void send([{ id: newClientId(), at: new Date().toISOString(), type: "lesson_opened", lessonId: view.id }]);
    if (view.quizId) prefetch(`/api/quizzes/${encodeURIComponent(view.quizId)}`);
    if (view.nextLessonId) prefetch(`/api/lessons/${encodeURIComponent(view.nextLessonId)}`);
  }, [view, send, prefetch]);

  /** Queued on the phone first, so finishing a lesson never waits on the network. */
  function finish(done: LessonView) {
    void sync.send([
      { id: newClientId(), at: new Date().toISOString(), type: "lesson_completed", lessonId: done.id, lessonVersion: done.version },
    ]);
    // The quiz takes the lesson's place in history; without one, go back to where the lesson was opened.
    if (done.quizId) navigate(`/quiz/${done.quizId}`, { replace: true });
    else navigate(-1);
  }

  return (
    <Page className="page">
      <AppHeader title="Bài học" />
      <Screen>
        <SyncStatus />
        {lesson.loading && !view && <Loading />}
        {lesson.error && <ErrorBox message={lesson.error.message} onRetry={lesson.reload} />}
        {view && (
          <article>
            <Heading size="xLarge">{view.title}</Heading>
            <fieldset className="text-size" aria-label="Cỡ chữ">
              <button type="button" onClick={text.smaller} disabled={!text.canShrink} aria-label="A− Chữ nhỏ hơn">
                A−
              </button>
              <button type="button" onClick={text.larger} disabled={!text.canGrow} aria-label="A+ Chữ to hơn">
                A+
              </button>
            </fieldset>
            {view.languages.length > 1 && (
              <fieldset className="languages" aria-label="Ngôn ngữ của bài">
                {view.languages.map((code) => (
                  <button key={code} type="button" aria-pressed={view.language === code} onClick={() => setLanguage(code)}>
                    {LANGUAGE_NAMES[code] ?? code}
                  </button>
                ))}
              </fieldset>
            )}
            {view.audioUrl && (
              <Box className="card" mt={2}>
                <Text bold>Nghe bài đọc</Text>
                {/* biome-ignore lint/a11y/useMediaCaption: the lesson text on this screen is the transcript */}
                <audio controls preload="none" src={`${API_URL}${view.audioUrl}`} style={{ width: "100%" }} />
              </Box>
            )}
            <Text className="muted">{view.minutes} phút đọc</Text>
            <Box className="card" mt={3}>
              <Text bold>Học xong bài này, bạn sẽ:</Text>
              <ul>
                {view.objectives.map((o) => (
                  <li key={o}>{o}</li>
                ))}
              </ul>
            </Box>
            {/* Compiled from the project's own Markdown at build time; raw HTML is refused there. */}
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: trusted, compiled content */}
            <div className={`lesson-body text-${text.size}`} dangerouslySetInnerHTML={{ __html: view.html }} />
            <Box mt={4}>
              <Button fullWidth size="large" onClick={() => finish(view)}>
                {view.quizId ? "Tôi đã học xong · Làm bài kiểm tra" : "Tôi đã học xong"}
              </Button>
            </Box>
            <nav className="lesson-nav" aria-label="Chuyển bài">
              {view.previousLessonId && (
                <Button
                  variant="tertiary"
                  onClick={() => navigate(`/lesson/${view.previousLessonId}`, { replace: true, direction: "backward" })}
                >
                  ← Bài trước
                </Button>
              )}
              {view.nextLessonId && (
                <Button variant="tertiary" onClick={() => navigate(`/lesson/${view.nextLessonId}`, { replace: true })}>
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
