/**
 * Every error the API returns has this shape and one of these codes. The messages are what a resident
 * or a staff member reads, so they are Vietnamese and say what to do next.
 */
export const ERRORS = {
  MALFORMED_JSON: { status: 400, message: "Dữ liệu gửi lên không đọc được. Vui lòng thử lại." },
  UNSUPPORTED_CONTENT_TYPE: { status: 415, message: "Dữ liệu phải được gửi ở dạng JSON." },
  PAYLOAD_TOO_LARGE: { status: 413, message: "Dữ liệu gửi lên quá lớn." },
  VALIDATION_FAILED: { status: 400, message: "Dữ liệu gửi lên không hợp lệ." },
  CONSENT_REQUIRED: { status: 400, message: "Bạn cần đọc và đồng ý với việc lưu dữ liệu học tập trước khi bắt đầu." },
  UNAUTHENTICATED: { status: 401, message: "Bạn cần đăng nhập lại để tiếp tục." },
  ZALO_TOKEN_INVALID: { status: 401, message: "Phiên đăng nhập Zalo không hợp lệ hoặc đã hết hạn. Vui lòng mở lại ứng dụng." },
  ZALO_UNAVAILABLE: { status: 503, message: "Chưa kết nối được với Zalo. Vui lòng thử lại sau ít phút." },
  NOT_FOUND: { status: 404, message: "Không tìm thấy nội dung bạn yêu cầu." },
  LESSON_NOT_FOUND: { status: 404, message: "Không tìm thấy bài học này." },
  QUIZ_NOT_FOUND: { status: 404, message: "Không tìm thấy bài kiểm tra này." },
  ATTEMPT_NOT_FOUND: { status: 404, message: "Không tìm thấy lượt làm bài này." },
  QUESTION_NOT_FOUND: { status: 404, message: "Câu hỏi này không có trong bài kiểm tra." },
  QUIZ_CHANGED: { status: 409, message: "Bài kiểm tra vừa được cập nhật. Vui lòng làm lại từ đầu." },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    message: "Bạn đã làm bài kiểm tra này nhiều lần trong một giờ. Hãy đọc lại bài học rồi thử lại sau.",
  },
  INVALID_ANSWER: { status: 422, message: "Câu trả lời không hợp lệ: hãy chọn phương án có trong câu hỏi." },
  VILLAGE_NOT_FOUND: { status: 404, message: "Không tìm thấy thôn này." },
  INVITE_INVALID: {
    status: 404,
    message: "Mã mời không đúng, đã dùng hoặc đã hết hạn. Hãy xin cán bộ xã một mã mới.",
  },
  CLAIM_CODE_INVALID: {
    status: 404,
    message: "Mã nhận tài khoản không đúng hoặc đã hết hạn. Hãy nhờ Tổ công nghệ số của thôn cấp mã mới.",
  },
  NOT_TEAM_MEMBER: { status: 403, message: "Chỉ thành viên Tổ công nghệ số cộng đồng của thôn mới làm được việc này." },
  RESIDENT_NOT_FOUND: { status: 404, message: "Không tìm thấy người này trong danh sách của thôn." },
  COURSE_NOT_FOUND: { status: 404, message: "Không tìm thấy khóa học này." },
  CAMPAIGN_NOT_FOUND: { status: 404, message: "Không tìm thấy đợt nhắc này." },
  CAMPAIGN_FINISHED: { status: 409, message: "Đợt nhắc này đã gửi xong hoặc đã hủy." },
  PROFILE_NOT_FOUND: { status: 404, message: "Không tìm thấy hồ sơ người học này trên điện thoại." },
  PROFILE_LIMIT: { status: 409, message: "Mỗi tài khoản Zalo có tối đa 8 người học. Hãy xóa bớt hồ sơ không dùng nữa." },
  NOT_ACCOUNT_OWNER: { status: 403, message: "Chỉ chủ tài khoản Zalo trên điện thoại này mới thêm hoặc xóa được người học." },
  PIN_WRONG: { status: 401, message: "Mã PIN không đúng. Vui lòng thử lại." },
  PIN_LOCKED: { status: 429, message: "Nhập sai mã PIN quá nhiều lần. Hãy đợi 15 phút rồi thử lại." },
  HOUSEHOLD_NOT_FOUND: { status: 404, message: "Không tìm thấy hộ gia đình này trong danh sách của thôn." },
  HOUSEHOLD_CODE_INVALID: {
    status: 404,
    message: "Mã hộ gia đình không đúng hoặc đã hết hạn. Hãy nhờ Tổ công nghệ số của thôn cho mã mới.",
  },
  TASK_NOT_FOUND: { status: 404, message: "Không tìm thấy nhiệm vụ này." },
  SELF_CHECK_INCOMPLETE: {
    status: 422,
    message: "Nhiệm vụ chỉ được đánh dấu khi bạn đã làm được tất cả các việc trong danh sách.",
  },
  TASK_NOT_SELF_CHECK: { status: 422, message: "Nhiệm vụ này được tính khi bạn đạt bài kiểm tra của khóa học, không cần tự đánh dấu." },
  LOGIN_FAILED: { status: 401, message: "Tên đăng nhập hoặc mật khẩu không đúng." },
  TOO_MANY_REQUESTS: { status: 429, message: "Bạn đã thử quá nhiều lần. Vui lòng đợi ít phút rồi thử lại." },
  FORBIDDEN: { status: 403, message: "Bạn không có quyền thực hiện việc này." },
  SERVICE_UNAVAILABLE: { status: 503, message: "Hệ thống đang bận. Vui lòng thử lại sau ít phút." },
  INTERNAL: { status: 500, message: "Đã có lỗi xảy ra. Vui lòng thử lại sau." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;
