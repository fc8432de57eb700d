import type { TaskList, TaskView } from "@hvs/shared/family";
import { useState } from "react";
import { Box, Button, Page, Text, useLocation, useParams } from "zmp-ui";
import { AppHeader, ErrorBox, Heading, Loading, Screen } from "../components";
import { useCall } from "../session";
import { confirmedLine, StatusBadge } from "./tasks";
import { dateVi, messageOf, useFresh } from "./team-common";
import "./family.css";

/** One task of the resident: what they said, what to look at (never their documents), and the confirmation. */
function ResidentTask({ task, path, onList }: { task: TaskView; path: string; onList: (list: TaskList) => void }) {
  const call = useCall();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function send(method: "POST" | "DELETE") {
    setBusy(true);
    setProblem(null);
    try {
      onList(await call<TaskList>(`${path}/${encodeURIComponent(task.id)}/confirm`, { method }));
    } catch (error) {
      setProblem(messageOf(error));
    }
    setBusy(false);
  }

  return (
    <li className="card task" data-testid={`resident-task-${task.id}`}>
      <Heading size="normal">{task.title}</Heading>
      <StatusBadge status={task.status} />
      {task.status === "self_reported" && task.selfReportedAt && (
        <Text className="muted">Người dân tự đánh dấu ngày {dateVi(task.selfReportedAt)}.</Text>
      )}
      {task.status === "confirmed" && <Text bold>{confirmedLine(task)}</Text>}
      {task.evidence === "course" ? (
        <Text className="muted">Việc này tự được tính khi người dân đạt bài kiểm tra cuối khóa trong Học Vụ Số.</Text>
      ) : (
        <>
          {task.selfCheck.length > 0 && (
            <ul className="member-tasks">
              {task.selfCheck.map((statement) => (
                <li key={statement}>• {statement}</li>
              ))}
            </ul>
          )}
          {task.confirmHint && (
            <Box className="hint-box">
              <Text bold>Cách xác nhận</Text>
              <Text>{task.confirmHint}</Text>
            </Box>
          )}
          {problem && <ErrorBox message={problem} />}
          {task.status === "confirmed" ? (
            <Button fullWidth variant="tertiary" loading={busy} onClick={() => send("DELETE")}>
              Bỏ xác nhận
            </Button>
          ) : (
            <Button fullWidth size="large" loading={busy} onClick={() => send("POST")}>
              Xác nhận đã thấy làm
            </Button>
          )}
        </>
      )}
    </li>
  );
}

/** A household member's tasks, for a team member sitting with them. */
export function TeamResidentTasksPage() {
  const learnerId = Number(useParams().learnerId);
  const name = (useLocation().state as { name?: string } | null)?.name ?? "Người dân";
  const path = `/api/team/residents/${learnerId}/tasks`;
  const fetched = useFresh<TaskList>(path);
  const [changed, setChanged] = useState<TaskList | null>(null);
  const list = changed ?? fetched.data;

  return (
    <Page className="page">
      <AppHeader title="Việc làm của người dân" />
      <Screen>
        <Heading size="xLarge">{name}</Heading>
        <Text>
          Chỉ xác nhận khi bạn tận mắt thấy người dân tự làm. Không hỏi mật khẩu, mã OTP hay số giấy tờ; không chụp ảnh hay ghi lại giấy tờ
          của họ.
        </Text>
        {fetched.loading && !list && <Loading />}
        {fetched.error && <ErrorBox message={fetched.error} onRetry={fetched.reload} />}
        {list && (
          <ul className="statements">
            {list.tasks.map((task) => (
              <ResidentTask key={task.id} task={task} path={path} onList={setChanged} />
            ))}
          </ul>
        )}
        <Box mb={6} />
      </Screen>
    </Page>
  );
}
