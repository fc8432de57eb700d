import type { CourseList, ProgramList } from "@hvs/shared/api";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { ErrorBox, Heading, Loading, Screen } from "../components";
import { useSession } from "../session";
import { useApi } from "../use-api";

export function HomePage() {
  const { me } = useSession();
  const navigate = useNavigate();
  const courses = useApi<CourseList>("/api/courses");
  const programs = useApi<ProgramList>("/api/programs");

  return (
    <Page className="page">
      <Screen>
        <Heading size="xLarge">Xin chào{me?.displayName ? `, ${me.displayName}` : ""}!</Heading>
        {me?.village && <Text>{me.village.name}</Text>}
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
          </Box>
        ))}
        {courses.loading && <Loading />}
        {courses.error && <ErrorBox message={courses.error.message} onRetry={courses.reload} />}
        {courses.data?.courses.map((course) => (
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
        <Box mt={4} mb={6}>
          <Button fullWidth size="large" variant="tertiary" onClick={() => navigate("/my-data")}>
            Dữ liệu của tôi
          </Button>
        </Box>
      </Screen>
    </Page>
  );
}
