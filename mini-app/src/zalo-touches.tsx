import { useState } from "react";
import { createShortcut, followOA, requestSendNotification } from "zmp-sdk";
import { Box, Button, Text } from "zmp-ui";
import { Heading } from "./components";
import { OA_ID } from "./config";

/** zmp-sdk rejects with plain objects; -201 means the person said no (zalo-platform notes). */
function outcome(error: unknown): string {
  const code = (error as { code?: number } | null)?.code;
  return code === -201 ? "Bạn chưa đồng ý. Khi nào muốn, bấm lại nút này." : "Chưa làm được lúc này. Vui lòng thử lại sau.";
}

/** The Zalo features that help a learner come back: follow the commune's OA, reminders, a home-screen icon. */
export function ZaloTouches() {
  const [message, setMessage] = useState<string | null>(null);
  const oaId = OA_ID;
  const run = (action: () => Promise<unknown>, done: string) => () => {
    action().then(
      () => setMessage(done),
      (error) => setMessage(outcome(error)),
    );
  };
  return (
    <Box className="card" mt={4}>
      <Heading size="normal">Để không quên học</Heading>
      {oaId && (
        <Box mt={2}>
          <Button fullWidth variant="secondary" onClick={run(() => followOA({ id: oaId }), "Đã quan tâm trang Zalo của xã.")}>
            Quan tâm trang Zalo của xã
          </Button>
        </Box>
      )}
      <Box mt={2}>
        <Button fullWidth variant="secondary" onClick={run(() => requestSendNotification(), "Đã cho phép nhận thông báo nhắc học.")}>
          Nhận thông báo nhắc học
        </Button>
      </Box>
      <Box mt={2}>
        <Button fullWidth variant="secondary" onClick={run(() => createShortcut(), "Đã thêm Học Vụ Số ra màn hình chính.")}>
          Thêm Học Vụ Số ra màn hình chính
        </Button>
      </Box>
      {message && (
        <Text className="muted" role="status">
          {message}
        </Text>
      )}
    </Box>
  );
}
