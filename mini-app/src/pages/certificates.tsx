import type { ProgramList } from "@hvs/shared/api";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { AppHeader, ErrorBox, Heading, Loading, Screen } from "../components";
import { SyncStatus } from "../sync-status";
import { useApi } from "../use-api";

/**
 * The learner's certificates. Issuing them is the next piece of work; until then this screen shows, per
 * program, how far the learner is from one and the quiz to take next.
 */
export function CertificatesPage() {
  const navigate = useNavigate();
  const programs = useApi<ProgramList>("/api/programs");
  return (
    <Page className="page">
      <AppHeader title="Chứng nhận của tôi" />
      <Screen>
        <SyncStatus stale={programs.stale} />
        {programs.loading && !programs.data && <Loading />}
        {programs.error && <ErrorBox message={programs.error.message} onRetry={programs.reload} />}
        {programs.data?.programs.map((program) => {
          const total = program.courses.length;
          return (
            <Box key={program.id} className="card" mt={2}>
              <Heading size="large">{program.title}</Heading>
              <Text>{program.description}</Text>
              <label className="progress-label">
                <Text bold>
                  Đã đạt {program.passedCount} / {total} khóa
                </Text>
                <progress max={total} value={program.passedCount} />
              </label>
              {program.completed ? (
                <Box className="verdict right" role="status">
                  <Text size="large" bold>
                    Bạn đã đủ điều kiện nhận chứng nhận này. Chứng nhận sẽ hiện ở đây khi được cấp.
                  </Text>
                </Box>
              ) : (
                <>
                  <Text bold>Các khóa còn lại:</Text>
                  <ul className="remaining">
                    {program.courses
                      .filter((c) => !c.passed)
                      .map((c) => (
                        <li key={c.courseId}>
                          <Text bold>{c.title}</Text>
                          <Text className="muted">
                            {c.bestPercent === null ? "Chưa làm bài kiểm tra cuối khóa" : `Cao nhất: ${c.bestPercent}%`}
                          </Text>
                          <Button size="small" variant="secondary" onClick={() => navigate(`/quiz/${c.finalQuizId}`)}>
                            Làm bài kiểm tra cuối khóa
                          </Button>
                        </li>
                      ))}
                  </ul>
                </>
              )}
            </Box>
          );
        })}
      </Screen>
    </Page>
  );
}
