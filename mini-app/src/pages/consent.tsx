import { Box, Button, Page, Text } from "zmp-ui";
import { Heading, Screen } from "../components";

/** The consent text (CONSENT_VERSION): here, and read to a resident a village team signs up. */
export function ConsentSummary() {
  return (
    <Box className="card consent" mt={2}>
      <Heading size="normal">Lưu những gì?</Heading>
      <Text>
        Tên của bạn (tên Zalo, hoặc họ tên Tổ công nghệ số ghi giúp, kèm năm sinh và số điện thoại nếu bạn cho), thôn bạn chọn, bài bạn đã
        học xong, kết quả bài kiểm tra và buổi học ở thôn bạn đã dự.
      </Text>
      <Heading size="normal">Để làm gì?</Heading>
      <Text>Để bạn học tiếp chỗ đang dừng, để Tổ công nghệ số của thôn nhắc và giúp bạn học, và để xã đếm số người tham gia học.</Text>
      <Heading size="normal">Ai được xem?</Heading>
      <Text>
        Bạn xem được tất cả. Tổ công nghệ số cộng đồng của thôn bạn xem tên, năm sinh, số điện thoại và tiến độ học của người trong thôn để
        giúp và nhắc học. Cán bộ xã xem con số theo thôn, và danh sách người học khi cần đối chiếu hay khen thưởng. Không ai được bán hay
        đưa thông tin của bạn cho người khác.
      </Text>
      <Heading size="normal">Muốn xóa thì sao?</Heading>
      <Text>Vào mục "Dữ liệu của tôi" ở cuối trang chủ, bấm "Xóa dữ liệu của tôi".</Text>
    </Box>
  );
}

/**
 * Shown before anything about the person is fetched or stored. Plain words: what, why, who sees it, how
 * to delete it. Agreeing is an explicit tap; nothing is pre-ticked (Decree 356/2025).
 */
export function ConsentPage({ onAgree }: { onAgree: () => void }) {
  return (
    <Page className="page">
      <Screen>
        <Heading>Trước khi bắt đầu</Heading>
        <Text size="large">Học Vụ Số cần lưu một ít thông tin để bạn học tiếp được và để xã biết bao nhiêu người đã tham gia.</Text>
        <ConsentSummary />
        <Box mt={4} mb={6}>
          <Button fullWidth size="large" onClick={onAgree}>
            Tôi đồng ý, bắt đầu học
          </Button>
        </Box>
      </Screen>
    </Page>
  );
}
