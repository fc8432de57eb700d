import type { CourseList } from "@hvs/shared/api";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { ErrorBox, Heading, Loading, Screen } from "../components";
import { useSession } from "../session";
import { useApi } from "../use-api";

export function HomePage() {
  const { me } = useSession();
  const navigate = useNavigate();
  const courses = useApi<CourseList>("/api/courses");

  return (
    <Page className="page">
      <Screen>
        <Heading size="xLarge">Xin chào{me?.displayName ? `, ${me.displayName}` : ""}!</Heading>
        {me?.village && <Text>{me.village.name}</Text>}
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
          </Box>
        ))}
      </Screen>
    </Page>
  );
}
