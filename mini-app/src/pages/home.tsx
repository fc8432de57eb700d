import type { CourseList, ProgramList } from "@hvs/shared/api";
import { lazy, Suspense, useEffect } from "react";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { ErrorBox, Heading, Loading, Screen } from "../components";
import { useDeepLinks } from "../deep-link";
import { loadLearningScreens, loadTeamScreens } from "../screens";
import { useSession } from "../session";
import { useSync } from "../sync";
import { SyncStatus } from "../sync-status";
import { useApi, usePrefetch } from "../use-api";

// zmp-sdk's OA, notification and shortcut calls add ~14 KB gzip: loaded after the home screen shows.
const ZaloTouches = lazy(() => import("../zalo-touches").then((m) => ({ default: m.ZaloTouches })));

/**
 * Where to continue: the first unfinished lesson of a course already begun, else the first unfinished
 * lesson of all. Null when everything is done.
 */
function nextLesson(courses: CourseList["courses"]): { id: string; title: string; started: boolean } | null {
  const begun = courses.find((c) => c.lessons.some((l) => l.completed) && c.lessons.some((l) => !l.completed));
  const lesson = (begun ?? courses.find((c) => c.lessons.some((l) => !l.completed)))?.lessons.find((l) => !l.completed);
  return lesson ? { id: lesson.id, title: lesson.title, started: begun !== undefined } : null;
}

export function HomePage() {
  const { me, assisting } = useSession();
  const navigate = useNavigate();
  useDeepLinks();
  const courses = useApi<CourseList>("/api/courses");
  const programs = useApi<ProgramList>("/api/programs");
  const { completedLocally } = useSync();
  // Lessons finished offline show as finished before the server has heard of them.
  const list = (courses.data?.courses ?? []).map((c) => ({
    ...c,
    lessons: c.lessons.map((l) => (completedLocally.has(l.id) ? { ...l, completed: true } : l)),
  }));
  const next = nextLesson(list);
  // The lesson most likely to be tapped next opens from the phone's copy, without waiting on the network.
  const prefetch = usePrefetch();
  const nextId = next?.id;
  const ready = courses.data !== null;
  useEffect(() => {
    if (nextId) prefetch(`/api/lessons/${encodeURIComponent(nextId)}`);
  }, [nextId, prefetch]);
  const member = me?.team ?? null;
  // Several people learn on this Zalo account (never offered on a phone lent by a team member).
  const family = !assisting && (me?.family?.profileCount ?? 1) > 1;
  useEffect(() => {
    if (!ready) return;
    loadLearningScreens();
    if (member) loadTeamScreens();
  }, [ready, member]);

  return (
    <Page className="page">
      <Screen>
        <SyncStatus />
        <Heading size="xLarge">Xin chào{me?.displayName ? `, ${me.displayName}` : ""}!</Heading>
        {me?.village && <Text>{me.village.name}</Text>}
        {/* A family phone: whoever picks it up sees whose learning this is, and changes it in one tap. */}
        {family && (
          <Box className="card who-card" mt={2}>
            <Text>Đang học: {me?.displayName ?? "bạn"}</Text>
            <Box mt={2}>
              <Button fullWidth size="large" variant="secondary" onClick={() => navigate("/profiles")}>
                Đổi người học
              </Button>
            </Box>
          </Box>
        )}
        {member && (
          <Box className="card team-card" mt={3}>
            <Heading size="normal">Tổ công nghệ số</Heading>
            <Text>Bạn là thành viên Tổ của {member.villageName}.</Text>
            <Box mt={2}>
              <Button fullWidth size="large" onClick={() => navigate("/team")}>
                Mở Tổ công nghệ số
              </Button>
            </Box>
          </Box>
        )}
        {next && (
          <Box className="card continue" mt={3}>
            <Text className="muted">{next.started ? "Học tiếp chỗ bạn đang dừng" : "Bắt đầu học"}</Text>
            <Heading size="normal">{next.title}</Heading>
            <Box mt={2}>
              <Button fullWidth size="large" onClick={() => navigate(`/lesson/${next.id}`)}>
                {next.started ? "Học tiếp" : "Bắt đầu"}
              </Button>
            </Box>
          </Box>
        )}
        <Box className="card tasks-card" mt={3}>
          <Heading size="normal">Việc làm thật</Heading>
          <Text>Tự đánh dấu những việc bạn đã làm được trên điện thoại, như dùng Zalo, VNeID, nộp hồ sơ trực tuyến.</Text>
          <Box mt={2}>
            <Button fullWidth size="large" variant="secondary" onClick={() => navigate("/tasks")}>
              Xem việc làm thật
            </Button>
          </Box>
        </Box>
        {programs.data?.programs.map((program) => (
          <Box key={program.id} className="card program" mt={3}>
            <Heading size="normal">{program.title}</Heading>
            <Text>
              {program.completed
                ? "Bạn đã đạt chương trình này. Chúc mừng!"
                : `Đã đạt ${program.passedCount} / ${program.courses.length} khóa. Mỗi khóa cần làm bài kiểm tra cuối được từ ${program.passPercent}% trở lên.`}
            </Text>
            <ul className="program-courses">
              {program.courses.map((c) => (
                <li key={c.courseId}>
                  {c.passed ? "✓ " : "○ "}
                  {c.title}
                  {c.bestPercent !== null && !c.passed ? ` (cao nhất ${c.bestPercent}%)` : ""}
                </li>
              ))}
            </ul>
            <Button fullWidth variant="secondary" onClick={() => navigate("/certificates")}>
              Chứng nhận của tôi
            </Button>
          </Box>
        ))}
        {courses.loading && !courses.data && <Loading />}
        {courses.error && <ErrorBox message={courses.error.message} onRetry={courses.reload} />}
        {list.map((course) => (
          <Box key={course.id} className="card" mt={4}>
            <Heading size="large">{course.title}</Heading>
            <Text>{course.summary}</Text>
            {course.lessons.map((lesson) => (
              <Box key={lesson.id} className="lesson-row" mt={3}>
                <Text size="large" bold>
                  {lesson.title}
                </Text>
                <Text className="muted">
                  {lesson.minutes} phút đọc
                  {lesson.completed ? " · Đã học xong ✓" : ""}
                  {lesson.quizPassed ? " · Đã đạt bài kiểm tra ✓" : ""}
                </Text>
                <Box mt={2}>
                  <Button fullWidth size="large" onClick={() => navigate(`/lesson/${lesson.id}`)}>
                    {lesson.completed ? "Học lại bài này" : "Học bài này"}
                  </Button>
                </Box>
              </Box>
            ))}
            <Box mt={3}>
              <Button fullWidth size="large" variant="secondary" onClick={() => navigate(`/quiz/${course.finalQuizId}`)}>
                {course.finalQuizPassed ? "Bài kiểm tra cuối khóa: đã đạt ✓" : "Làm bài kiểm tra cuối khóa"}
              </Button>
            </Box>
          </Box>
        ))}
        {/* On a team member's phone acting for a resident, these would act on the member's own Zalo. */}
        {ready && !assisting && (
          <Suspense fallback={null}>
            <ZaloTouches />
          </Suspense>
        )}
        <Box mt={4} mb={6}>
          <Button fullWidth size="large" variant="tertiary" onClick={() => navigate("/my-data")}>
            Dữ liệu của tôi
          </Button>
          {!assisting && !family && me?.family?.isOwner !== false && (
            <Button fullWidth variant="tertiary" onClick={() => navigate("/profiles")}>
              Thêm người trong nhà cùng học
            </Button>
          )}
          {!assisting && (
            <Button fullWidth variant="tertiary" onClick={() => navigate("/claim")}>
              Nhập mã nhận tài khoản
            </Button>
          )}
        </Box>
      </Screen>
    </Page>
  );
}
