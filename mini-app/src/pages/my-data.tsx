import type { MyData } from "@hvs/shared/api";
import { useState } from "react";
import { Box, Button, Page, Text } from "zmp-ui";
import { ApiError, api } from "../api";
import { AppHeader, DangerConfirm, ErrorBox, Heading, Loading, Screen } from "../components";
import { forgetAttempts } from "../offline/attempts";
import { forgetQueue } from "../offline/outbox";
import { forgetCached } from "../offline/read-cache";
import { useSession } from "../session";
import { useApi } from "../use-api";

const date = (iso: string) => new Date(iso).toLocaleDateString("vi-VN");

/** What the server holds about me, and a way to delete it, behind one explicit confirmation. */
export function MyDataPage() {
  const data = useApi<MyData>("/api/me/data");
  const { signOut, me, token } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setDeleting(true);
    setError(null);
    try {
      await api("/api/me", { method: "DELETE", token });
    } catch (e) {
      // 401: the session is already gone, i.e. an earlier tap deleted the data and only the answer was lost.
      if (!(e instanceof ApiError && e.status === 401)) {
        setError(e instanceof ApiError ? e.message : "Chưa xóa được. Vui lòng thử lại.");
        setDeleting(false);
        return;
      }
    }
    // What the phone kept of this person goes too: copies of lessons, unsent results, quiz answers.
    if (me) {
      forgetCached(me.id);
      forgetQueue(me.id);
      forgetAttempts(me.id);
    }
    signOut("Đã xóa dữ liệu của bạn. Tên và tài khoản Zalo không còn gắn với việc học trước đây.");
  }

  return (
    <Page className="page">
      <AppHeader title="Dữ liệu của tôi" />
      <Screen>
        {data.loading && <Loading />}
        {data.error && <ErrorBox message={data.error.message} onRetry={data.reload} />}
        {data.data && (
          <>
            <Box className="card">
              <Heading size="normal">Thông tin của bạn</Heading>
              <Text>Tên: {data.data.displayName ?? "(không có)"}</Text>
              <Text>Thôn: {data.data.village ?? "(chưa chọn)"}</Text>
              <Text>Bắt đầu học: {date(data.data.createdAt)}</Text>
              {data.data.consent && <Text>Đồng ý lưu dữ liệu: {date(data.data.consent.at)}</Text>}
              {data.data.signIns.map((s) => (
                <Text key={s.provider}>
                  Đăng nhập bằng: {s.provider}, từ {date(s.since)}
                </Text>
              ))}
              <Text>Hộ gia đình: {data.data.household ?? "(chưa vào hộ nào)"}</Text>
              <Text>Mã PIN trên điện thoại dùng chung: {data.data.hasPin ? "có (chỉ lưu dạng mã hóa)" : "không có"}</Text>
            </Box>
            <Box className="card" mt={3}>
              <Heading size="normal">Việc làm thật ({data.data.tasks.length})</Heading>
              <ul>
                {data.data.tasks.map((t) => (
                  <li key={t.title}>
                    {t.title} — {t.selfReportedAt ? `tự đánh dấu ${date(t.selfReportedAt)}` : "chưa tự đánh dấu"}
                    {t.confirmedAt && `, được ${t.confirmedBy ?? "Tổ công nghệ số"} xác nhận ${date(t.confirmedAt)}`}
                  </li>
                ))}
              </ul>
            </Box>
            <Box className="card" mt={3}>
              <Heading size="normal">Bài đã học xong ({data.data.lessons.length})</Heading>
              <ul>
                {data.data.lessons.map((l) => (
                  <li key={l.lessonId}>
                    {l.title} — {date(l.completedAt)}
                  </li>
                ))}
              </ul>
            </Box>
            <Box className="card" mt={3}>
              <Heading size="normal">Bài kiểm tra đã làm ({data.data.quizzes.length})</Heading>
              <ul>
                {data.data.quizzes.map((q) => (
                  <li key={q.startedAt + q.quizId}>
                    {q.title} — {q.scorePercent === null ? "chưa làm xong" : `${q.scorePercent}%`}, {date(q.startedAt)}
                  </li>
                ))}
              </ul>
            </Box>
            <Box className="card" mt={3}>
              <Heading size="normal">Chứng nhận ({data.data.certificates.length})</Heading>
              <ul>
                {data.data.certificates.map((c) => (
                  <li key={c.serial}>
                    {c.programTitle} — số hiệu {c.serial}, cấp ngày {date(c.issuedAt)}, {c.status}
                  </li>
                ))}
              </ul>
              {data.data.certificates.length > 0 && (
                <Text className="muted">Khi xóa dữ liệu, chứng nhận sẽ được ghi là đã rút theo yêu cầu của bạn và không còn hiện tên.</Text>
              )}
            </Box>
            <Box className="card" mt={3}>
              <Heading size="normal">Xóa dữ liệu của tôi</Heading>
              <Text>
                Tên và tài khoản Zalo của bạn sẽ bị xóa. Xã chỉ giữ lại con số "một người đã học", không biết là ai. Không thể hoàn tác.
              </Text>
              {error && <ErrorBox message={error} />}
              {!confirming ? (
                <Box mt={3}>
                  <Button fullWidth size="large" variant="secondary" onClick={() => setConfirming(true)}>
                    Xóa dữ liệu của tôi
                  </Button>
                </Box>
              ) : (
                <DangerConfirm
                  id="confirm-delete"
                  mt={3}
                  title="Bạn chắc chắn muốn xóa?"
                  confirmLabel="Xóa hẳn"
                  cancelLabel="Không xóa"
                  busy={deleting}
                  onConfirm={remove}
                  onCancel={() => setConfirming(false)}
                />
              )}
            </Box>
          </>
        )}
      </Screen>
    </Page>
  );
}
