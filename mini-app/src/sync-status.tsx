import { Box, Button, Text } from "zmp-ui";
import { useSync } from "./sync";

/**
 * Says in plain words whether the phone is reaching the server and what is waiting on it. Rendered at the
 * top of the learning screens; says nothing when all is well.
 */
export function SyncStatus() {
  const sync = useSync();
  let message: string | null = null;
  let tone = "info";
  if (!sync.online) {
    tone = "offline";
    message =
      sync.pendingResults > 0
        ? `Đang không có mạng. ${sync.pendingResults} kết quả học đã được lưu trên điện thoại và sẽ tự gửi khi có mạng.`
        : "Đang không có mạng. Bạn vẫn đọc được các bài đã mở trước đây.";
  } else if (sync.pendingResults > 0) {
    message = sync.sending
      ? `Đang gửi ${sync.pendingResults} kết quả học lên máy chủ…`
      : `${sync.pendingResults} kết quả học chưa gửi được, sẽ tự thử lại.`;
  } else if (sync.justSynced) {
    tone = "done";
    message = "Đã có mạng trở lại: mọi kết quả học đã được lưu lên máy chủ ✓";
  }
  return (
    <Box className="sync-status-region" role="status" aria-live="polite">
      {message && (
        <Box className={`sync-status ${tone}`} data-testid="sync-status">
          <Text>{message}</Text>
          {sync.online && sync.pendingResults > 0 && !sync.sending && (
            <Button size="small" variant="secondary" onClick={sync.retry}>
              Gửi ngay
            </Button>
          )}
        </Box>
      )}
      {sync.unsaved && (
        <Box className="sync-status problem">
          <Text>Điện thoại đã hết chỗ lưu: kết quả chưa gửi chỉ còn giữ khi ứng dụng đang mở. Đừng đóng ứng dụng cho đến khi có mạng.</Text>
        </Box>
      )}
      {sync.problem && (
        <Box className="sync-status problem">
          <Text>Một kết quả không lưu được: {sync.problem}</Text>
        </Box>
      )}
    </Box>
  );
}
