import type { CourseList } from "@hvs/shared/api";
import type { ClassList, ClassSummary, RecordClassRequest, Roster } from "@hvs/shared/team";
import { useState } from "react";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader, ErrorBox, Heading, Loading, Screen } from "../components";
import { newClientId } from "../offline/client-id";
import { useCall } from "../session";
import { useApi } from "../use-api";
import { dateVi, messageOf, nameOf, useDebounced, useFresh, vietnamToday } from "./team-common";

const describe = (c: ClassSummary) => `${c.courseTitle}${c.lessonTitle ? ` – ${c.lessonTitle}` : ""}`;

/**
 * An in-person class: the day, what was taught, who came. Attendance counts as activity for each person,
 * so the roster and the reminders see it. The form's id is kept through retries: one class, not two.
 */
export function TeamClassPage() {
  const call = useCall();
  const courses = useApi<CourseList>("/api/courses");
  const classes = useFresh<ClassList>("/api/team/classes");
  const [clientId, setClientId] = useState(newClientId);
  const [heldOn, setHeldOn] = useState(vietnamToday);
  const [courseId, setCourseId] = useState("");
  const [lessonId, setLessonId] = useState("");
  const [typed, setTyped] = useState("");
  const q = useDebounced(typed.trim());
  const candidates = useFresh<Roster>(`/api/team/roster${q ? `?q=${encodeURIComponent(q)}` : ""}`);
  // Kept apart from the search results, so that searching for the next person keeps those already ticked.
  const [chosen, setChosen] = useState<Map<number, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<ClassSummary | null>(null);

  const course = courses.data?.courses.find((c) => c.id === courseId);

  function toggle(id: number, name: string) {
    setChosen((current) => {
      const next = new Map(current);
      if (next.has(id)) next.delete(id);
      else next.set(id, name);
      return next;
    });
  }

  async function submit() {
    if (busy) return;
    if (!courseId) return setProblem("Hãy chọn khóa học đã dạy.");
    if (chosen.size === 0) return setProblem("Hãy chọn ít nhất một người tham dự.");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn) || heldOn > vietnamToday()) return setProblem("Hãy chọn ngày học, không sau hôm nay.");
    setProblem(null);
    setBusy(true);
    const body: RecordClassRequest = {
      clientId,
      heldOn,
      courseId,
      ...(lessonId ? { lessonId } : {}),
      attendeeIds: [...chosen.keys()],
    };
    try {
      setSaved(await call<ClassSummary>("/api/team/classes", { method: "POST", body }));
      classes.reload();
    } catch (e) {
      setProblem(messageOf(e));
    }
    setBusy(false);
  }

  function another() {
    setClientId(newClientId());
    setChosen(new Map());
    setTyped("");
    setSaved(null);
  }

  return (
    <Page className="page">
      <AppHeader title="Ghi nhận buổi học" />
      <Screen>
        {saved ? (
          <>
            <Box className="notice-box" role="status">
              <Text size="large">
                Đã ghi nhận buổi học ngày {dateVi(saved.heldOn)}: {describe(saved)}, {saved.attendeeCount} người tham dự.
              </Text>
            </Box>
            <Button fullWidth size="large" variant="secondary" onClick={another}>
              Ghi nhận buổi khác
            </Button>
          </>
        ) : (
          <>
            <label className="field" htmlFor="class-date">
              <span className="field-label">Ngày học</span>
              <input id="class-date" type="date" value={heldOn} max={vietnamToday()} onChange={(e) => setHeldOn(e.target.value)} />
            </label>
            {/* The picker shows the phone's own format; this says the day the Vietnamese way. */}
            {/^\d{4}-\d{2}-\d{2}$/.test(heldOn) && <Text className="muted">Ngày {dateVi(heldOn)}</Text>}
            {courses.error && <ErrorBox message={courses.error.message} onRetry={courses.reload} />}
            <label className="field" htmlFor="class-course">
              <span className="field-label">Khóa học đã dạy</span>
              <select
                id="class-course"
                value={courseId}
                onChange={(e) => {
                  setCourseId(e.target.value);
                  setLessonId("");
                }}
              >
                <option value="">— Chọn khóa học —</option>
                {courses.data?.courses.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </select>
            </label>
            {course && (
              <label className="field" htmlFor="class-lesson">
                <span className="field-label">Bài học (không bắt buộc)</span>
                <select id="class-lesson" value={lessonId} onChange={(e) => setLessonId(e.target.value)}>
                  <option value="">— Cả khóa / nhiều bài —</option>
                  {course.lessons.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.title}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <Heading size="normal">Người tham dự ({chosen.size})</Heading>
            {chosen.size > 0 && (
              <ul className="chosen" aria-label="Đã chọn">
                {[...chosen].map(([id, name]) => (
                  <li key={id}>
                    <button type="button" onClick={() => toggle(id, name)} aria-label={`Bỏ chọn ${name}`}>
                      {name} ✕
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <label className="field" htmlFor="class-search">
              <span className="field-label">Tìm người trong thôn</span>
              <input
                id="class-search"
                type="search"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                placeholder="Gõ tên"
                autoComplete="off"
              />
            </label>
            {candidates.error && <ErrorBox message={candidates.error} onRetry={candidates.reload} />}
            {candidates.loading && !candidates.data && <Loading />}
            <ul className="pick-list">
              {candidates.data?.residents.map((r) => {
                const name = nameOf(r);
                const on = chosen.has(r.learnerId);
                return (
                  <li key={r.learnerId}>
                    <button type="button" className="pick" aria-pressed={on} onClick={() => toggle(r.learnerId, name)}>
                      <span className="pick-box" aria-hidden="true">
                        {on ? "✓" : ""}
                      </span>
                      <span>
                        {name}
                        {r.birthYear ? <span className="muted"> · {r.birthYear}</span> : null}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
            {candidates.data?.truncated && <Text className="muted">Còn nhiều người nữa. Hãy gõ tên để tìm.</Text>}
            {problem && <ErrorBox message={problem} />}
            <Box mt={2} mb={4}>
              <Button fullWidth size="large" loading={busy} onClick={submit}>
                Lưu buổi học ({chosen.size} người)
              </Button>
            </Box>
          </>
        )}
        {classes.data && classes.data.classes.length > 0 && (
          <Box className="card" mt={2} mb={6}>
            <Heading size="normal">Các buổi đã ghi nhận</Heading>
            <ul className="class-list">
              {classes.data.classes.map((c) => (
                <li key={c.id}>
                  <Text bold>
                    {dateVi(c.heldOn)} · {c.attendeeCount} người
                  </Text>
                  <Text>{describe(c)}</Text>
                  <Text className="muted">Ghi bởi {c.teamMemberName}</Text>
                </li>
              ))}
            </ul>
          </Box>
        )}
      </Screen>
    </Page>
  );
}
