import { HOUSEHOLD_TARGET_PERCENT } from "../households/indicator";
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

/** The households indicator's rule in words, from the content's rule (content/households.yaml). */
export function householdRuleText(rule: { evidence: "confirmed" | "self_reported"; tasks: { title: string }[] }): string {
  const tasks = rule.tasks.map((t) => `\u201c${t.title}\u201d`).join(", ");
  const evidence =
    rule.evidence === "confirmed"
      ? "Mỗi nhiệm vụ phải được thành viên Tổ công nghệ số xác nhận, hoặc đạt bài kiểm tra trong ứng dụng; người dân tự đánh dấu thôi thì chưa tính."
      : "Người dân tự đánh dấu đã làm cũng được tính.";
  return `Một hộ có điện thoại thông minh được tính khi có ít nhất một người trong hộ đã tự làm được tất cả các nhiệm vụ: ${tasks}. ${evidence} Mỗi người phải tự làm đủ: các nhiệm vụ chia cho nhiều người trong hộ thì hộ chưa được tính.`;
}

export const HOUSEHOLD_FORGOTTEN_RULE =
  "Người đã tự xóa dữ liệu cá nhân thì không còn là thành viên của hộ, nên hộ không còn được tính nhờ người đó; các nhiệm vụ họ đã làm vẫn được đếm trong số người theo từng nhiệm vụ, không hiện tên.";

export const HOUSEHOLD_PERIOD_RULE = `Mẫu số là các hộ có điện thoại thông minh có trong danh sách vào ngày cuối kỳ (đã thêm trước hoặc trong ngày đó và chưa bị xóa khỏi danh sách); hộ không có điện thoại thông minh không tính vào tỉ lệ. Mục tiêu: ${HOUSEHOLD_TARGET_PERCENT}% số hộ đó. Thành viên của hộ là thành viên hiện nay, mỗi người được tính cho hộ từ ngày vào hộ; việc có điện thoại thông minh là thông tin hiện nay của hộ. \u201cMới trong kỳ\u201d là hộ đạt vào ngày cuối kỳ mà chưa đạt vào ngày trước kỳ.`;

export const HOUSEHOLD_SELF_REPORTED_RULE =
  "\u201cChỉ tự đánh dấu\u201d: một người trong hộ đã tự đánh dấu làm được mọi nhiệm vụ, nhưng chưa được Tổ công nghệ số xác nhận đủ nên hộ chưa được tính. Đây là những hộ Tổ nên đến xác nhận trước.";

export const TASK_UPTAKE_RULE =
  "Số người của thôn (theo thôn người đó chọn) đã làm từng nhiệm vụ, lũy kế đến hết ngày cuối kỳ, không kể hộ. \u201cĐã xác nhận\u201d: Tổ công nghệ số đã xác nhận hoặc đã đạt bài kiểm tra trong ứng dụng; \u201cchỉ tự đánh dấu\u201d: người dân tự đánh dấu, chưa xác nhận. Người đã tự xóa dữ liệu vẫn được đếm nhưng không hiện tên.";

export const HOUSEHOLD_STATUS_LABEL = {
  counted: "Đạt",
  selfReportedOnly: "Chỉ tự đánh dấu",
  notYet: "Chưa đạt",
  noSmartphone: "Không có điện thoại thông minh",
} as const;
