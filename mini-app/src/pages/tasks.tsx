import type { CourseList } from "@hvs/shared/api";
import type { MyHousehold, TaskList, TaskStatus, TaskView } from "@hvs/shared/family";
import { useState } from "react";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { AppHeader, DangerConfirm, ErrorBox, Heading, Loading, Screen } from "../components";
import { useCall, useSession } from "../session";
import { useApi } from "../use-api";
import { CODE_HINT, CodeField, dateVi, isCode, messageOf, normalizeCode } from "./team-common";
import "./family.css";

export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  none: "Chưa làm",
  self_reported: "Đã tự đánh dấu",
  confirmed: "Đã được Tổ xác nhận",
};

export function StatusBadge({ status }: { status: TaskStatus }) {
  return <span className={`task-status ${status}`}>{TASK_STATUS_LABEL[status]}</span>;
}

/** "Trần Văn Hùng xác nhận ngày 12/11/2026" */
export function confirmedLine(task: TaskView): string | null {
  if (task.status !== "confirmed") return null;
  const who = task.confirmedBy ? `${task.confirmedBy} (Tổ công nghệ số)` : "Tổ công nghệ số";
  return `${who} đã xác nhận${task.confirmedAt ? ` ngày ${dateVi(task.confirmedAt)}` : ""}.`;
}

/** Where a course task is done: the first lesson not yet read, or the course's final quiz. */
function courseStart(courses: CourseList | null, courseId: string): string | null {
  const course = courses?.courses.find((c) => c.id === courseId);
  if (!course) return null;
  const lesson = course.lessons.find((l) => !l.completed);
  return lesson ? `/lesson/${lesson.id}` : `/quiz/${course.finalQuizId}`;
}

/** One task: what it is, where it stands, and the self-check, every statement a big tick box. */
function TaskCard({ task, courses, onList }: { task: TaskView; courses: CourseList | null; onList: (list: TaskList) => void }) {
  const navigate = useNavigate();
  const call = useCall();
  const [checking, setChecking] = useState(false);
  const [ticks, setTicks] = useState<boolean[]>(() => task.selfCheck.map(() => false));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const allTicked = ticks.length > 0 && ticks.every(Boolean);
  const path = `/api/tasks/${encodeURIComponent(task.id)}/self-check`;

  async function send(method: "POST" | "DELETE") {
    setBusy(true);
    setProblem(null);
    try {
      onList(await call<TaskList>(path, method === "POST" ? { method, body: { statements: ticks } } : { method }));
      setChecking(false);
      setTicks(task.selfCheck.map(() => false));
    } catch (error) {
      setProblem(messageOf(error));
    }
    setBusy(false);
  }

  const start = task.courseId ? courseStart(courses, task.courseId) : null;
  return (
    <li className="card task" data-testid={`task-${task.id}`}>
      <Heading size="normal">{task.title}</Heading>
      <StatusBadge status={task.status} />
      <Text>{task.summary}</Text>
      {task.status === "self_reported" && task.selfReportedAt && (
        <Text className="muted">
          Bạn đã tự đánh dấu ngày {dateVi(task.selfReportedAt)}. Khi gặp Tổ công nghệ số của thôn, hãy làm cho Tổ xem để được xác nhận.
        </Text>
      )}
      {task.status === "confirmed" && <Text bold>{confirmedLine(task)}</Text>}
      {problem && <ErrorBox message={problem} />}
      {task.evidence === "course" && task.status !== "confirmed" && (
        <>
          <Text className="muted">Việc này được tính khi bạn đạt bài kiểm tra cuối khóa.</Text>
          {start && (
            <Button fullWidth size="large" variant="secondary" onClick={() => navigate(start)}>
              Mở khóa học
            </Button>
          )}
        </>
      )}
      {task.evidence === "self_check" && task.status === "none" && !checking && (
        <Button fullWidth size="large" variant="secondary" onClick={() => setChecking(true)}>
          Tôi đã làm việc này
        </Button>
      )}
      {task.evidence === "self_check" && task.status === "none" && checking && (
        <fieldset className="choices">
          <legend>
            <Text bold>Đánh dấu từng câu đúng với bạn:</Text>
          </legend>
          <ul className="statements">
            {task.selfCheck.map((statement, i) => (
              <li key={statement}>
                <label className="check" htmlFor={`${task.id}-s${i}`}>
                  <input
                    id={`${task.id}-s${i}`}
                    type="checkbox"
                    checked={ticks[i] ?? false}
                    onChange={(e) => setTicks((t) => t.map((v, j) => (j === i ? e.target.checked : v)))}
                  />
                  <span>{statement}</span>
                </label>
              </li>
            ))}
          </ul>
          {!allTicked && <Text className="muted">Khi mọi câu đều đúng với bạn thì mới đánh dấu được.</Text>}
          <Button fullWidth size="large" disabled={!allTicked} loading={busy} onClick={() => send("POST")}>
            Đánh dấu đã làm
          </Button>
          <Button fullWidth variant="tertiary" onClick={() => setChecking(false)}>
            Để sau
          </Button>
        </fieldset>
      )}
      {task.evidence === "self_check" && task.status === "self_reported" && (
        <Button fullWidth variant="tertiary" loading={busy} onClick={() => send("DELETE")}>
          Bỏ đánh dấu
        </Button>
      )}
    </li>
  );
}

/** "Hộ gia đình của tôi": the household a team member added me to, or joining one with their code. */
function MyHouseholdCard() {
  const call = useCall();
  const { assisting } = useSession();
  const fetched = useApi<MyHousehold>("/api/me/household");
  const [changed, setChanged] = useState<MyHousehold | null>(null);
  const data = changed ?? fetched.data;
  const household = data?.household ?? null;
  const [code, setCode] = useState("");
  const [leaving, setLeaving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function run(action: () => Promise<MyHousehold>) {
    setBusy(true);
    setProblem(null);
    try {
      setChanged(await action());
      setLeaving(false);
      setCode("");
    } catch (error) {
      setProblem(messageOf(error));
    }
    setBusy(false);
  }

  function join() {
    const plain = normalizeCode(code);
    if (!isCode(plain)) return setProblem(CODE_HINT);
    void run(() => call<MyHousehold>("/api/me/household/join", { method: "POST", body: { code: plain } }));
  }

  return (
    <Box className="card household-card" mt={2}>
      <Heading size="large">Hộ gia đình của tôi</Heading>
      {fetched.loading && !data && <Loading />}
      {fetched.error && !data && <ErrorBox message={fetched.error.message} onRetry={fetched.reload} />}
      {problem && <ErrorBox message={problem} />}
      {data && household && (
        <>
          <Text size="large" bold>
            {household.label}
          </Text>
          <Text>
            {household.villageName} · {household.memberCount} người đã vào hộ
          </Text>
          <Text className="muted">Hộ được tính khi có một người trong nhà làm xong các việc thiết yếu ở trang này.</Text>
          {!leaving ? (
            <Button fullWidth variant="tertiary" onClick={() => setLeaving(true)}>
              Rời hộ này
            </Button>
          ) : (
            <DangerConfirm
              id="leave-household"
              title={`Rời ${household.label}?`}
              confirmLabel="Rời hộ"
              cancelLabel="Ở lại"
              busy={busy}
              onConfirm={() => run(() => call<MyHousehold>("/api/me/household", { method: "DELETE" }))}
              onCancel={() => setLeaving(false)}
            >
              Việc bạn đã làm vẫn là của bạn. Muốn vào lại, hãy xin Tổ công nghệ số mã mới.
            </DangerConfirm>
          )}
        </>
      )}
      {data && !household && assisting && <Text>Người dân tự vào hộ bằng mã trên điện thoại của mình.</Text>}
      {data && !household && !assisting && (
        <>
          <Text>Bạn chưa vào hộ nào. Tổ công nghệ số của thôn sẽ đưa mã cho gia đình bạn. Mọi người trong nhà dùng chung một mã.</Text>
          <CodeField
            id="household-code"
            label="Mã hộ gia đình"
            value={code}
            onChange={(v) => {
              setCode(v);
              setProblem(null);
            }}
          />
          <Button fullWidth size="large" loading={busy} onClick={join}>
            Vào hộ
          </Button>
        </>
      )}
    </Box>
  );
}

/** "Việc làm thật": what a person can do on their own phone, ticked by them and seen by the village team. */
export function TasksPage() {
  const tasks = useApi<TaskList>("/api/tasks");
  const courses = useApi<CourseList>("/api/courses");
  const [changed, setChanged] = useState<TaskList | null>(null);
  const list = changed ?? tasks.data;
  const done = list?.tasks.filter((t) => t.status !== "none").length ?? 0;

  return (
    <Page className="page">
      <AppHeader title="Việc làm thật" />
      <Screen>
        <Heading size="xLarge">Việc làm thật</Heading>
        <Text size="large">
          Những việc bạn tự làm được trên điện thoại. Làm xong thì tự đánh dấu; Tổ công nghệ số của thôn sẽ xem bạn làm và xác nhận.
        </Text>
        <Text className="muted">
          Không ai được hỏi mật khẩu, mã OTP, số giấy tờ hay ảnh chụp màn hình của bạn. Ai hỏi những thứ đó là lừa đảo.
        </Text>
        {tasks.loading && !list && <Loading />}
        {tasks.error && !list && <ErrorBox message={tasks.error.message} onRetry={tasks.reload} />}
        {list && (
          <>
            <Text bold>
              Đã làm {done} / {list.tasks.length} việc
            </Text>
            <ul className="statements">
              {list.tasks.map((task) => (
                <TaskCard key={task.id} task={task} courses={courses.data} onList={setChanged} />
              ))}
            </ul>
          </>
        )}
        <MyHouseholdCard />
        <Box mb={6} />
      </Screen>
    </Page>
  );
}
