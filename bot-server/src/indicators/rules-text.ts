import type { Step } from "./commune-report";

/**
 * Each number on the dashboard says which rule counted it (issue: "every number explains itself"). The
 * wording follows decision 003 and the code in indicators/milestones.ts; change them together.
 */
export const STEP_LABEL: Record<Step, string> = {
  registered: "Đã đăng ký",
  started: "Đã bắt đầu học",
  tookPart: "Đã tham gia học",
  courseFinished: "Đã học xong một khóa",
  certified: "Đạt Kỹ năng số cơ bản",
};

export const STEP_RULE: Record<Step, string> = {
  registered:
    "Người đã đăng ký học (tự đăng nhập bằng Zalo, qua chatbot, hoặc được Tổ công nghệ số đăng ký giúp) và đã chọn thôn. Người chưa chọn thôn chưa được tính vào thôn nào.",
  started:
    "Người đã mở ít nhất một bài học hoặc bắt đầu một bài kiểm tra (trên Zalo Mini App hoặc chatbot), hoặc đã dự một buổi học trực tiếp của Tổ công nghệ số.",
  tookPart:
    "Người đã học xong ít nhất một bài, hoặc làm xong một bài kiểm tra (trên Zalo Mini App hoặc chatbot), hoặc đã dự một buổi học trực tiếp của Tổ công nghệ số. Mở ứng dụng thôi thì chưa tính. Mỗi người chỉ tính một lần dù học bằng nhiều cách.",
  courseFinished: "Người đã đạt bài kiểm tra cuối của ít nhất một khóa học. Kết quả làm quá nhanh đang chờ cán bộ xem xét thì chưa tính.",
  certified:
    "Người được cấp chứng nhận chương trình \u201cKỹ năng số cơ bản\u201d. Chứng nhận đã bị thu hồi thì không tính; chứng nhận của người đã tự xóa dữ liệu vẫn tính, vì kết quả đó đã đạt thật.",
};

export const PERIOD_RULE =
  "Tỉ lệ tính lũy kế đến hết ngày cuối kỳ, chia cho số người trưởng thành của thôn có hiệu lực vào ngày đó. \u201cMới trong kỳ\u201d là người lần đầu đạt bước đó trong kỳ.";

export const FORGOTTEN_RULE =
  "Người đã tự xóa dữ liệu cá nhân vẫn được tính vào số liệu (để số đã báo cáo không bị thay đổi) nhưng không hiện họ tên trong danh sách.";

export const TOOK_PART_BY_LABEL = { lesson: "Học xong bài", quiz: "Làm xong bài kiểm tra", class: "Dự buổi học của Tổ" } as const;
