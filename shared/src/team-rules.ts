/**
 * The village team's pure rules and the words people read, without zod, so the mini app can import them
 * into the phone's download. The contracts (zod schemas) in team.ts are built on these and re-export them.
 */

/** No activity for this many days (and no certificate yet) is "stalled" on the roster. */
export const STALLED_AFTER_DAYS = 7;

export const ROSTER_STATUSES = ["not_started", "learning", "stalled", "certified"] as const;
export type RosterStatus = (typeof ROSTER_STATUSES)[number];

export const ROSTER_STATUS_LABEL: Record<RosterStatus, string> = {
  not_started: "Chưa bắt đầu",
  learning: "Đang học",
  stalled: "Bỏ dở",
  certified: "Đã có chứng nhận",
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days since the last activity, or null when the person has done nothing yet. */
export function idleDays(lastActiveAt: Date | null, now: Date): number | null {
  if (!lastActiveAt) return null;
  return Math.max(0, Math.floor((now.getTime() - lastActiveAt.getTime()) / DAY_MS));
}

export function rosterStatus(input: { lastActiveAt: Date | null; certified: boolean }, now: Date): RosterStatus {
  if (input.certified) return "certified";
  const idle = idleDays(input.lastActiveAt, now);
  if (idle === null) return "not_started";
  return idle >= STALLED_AFTER_DAYS ? "stalled" : "learning";
}

export const CAMPAIGN_AUDIENCES = ["stalled", "not_started", "not_certified", "everyone"] as const;
export type CampaignAudience = (typeof CAMPAIGN_AUDIENCES)[number];

export const CAMPAIGN_AUDIENCE_LABEL: Record<CampaignAudience, string> = {
  stalled: "Bỏ dở từ N ngày trở lên",
  not_started: "Chưa bắt đầu học",
  not_certified: "Chưa có chứng nhận",
  everyone: "Mọi người trong thôn",
};

/** The placeholders a template may use; anything else in braces is refused, so nobody receives "{tne}". */
export const TEMPLATE_FIELDS = { ten: "tên người học", bai_tiep: "tên bài học tiếp theo" } as const;

/** Problems with a template, in Vietnamese; empty when it is fine. */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
    const field = match[1] ?? "";
    if (!(field in TEMPLATE_FIELDS)) problems.push(`Không có ô "{${field}}". Chỉ dùng được {ten} và {bai_tiep}.`);
  }
  if (/[{}]/.test(template.replace(/\{[^{}]*\}/g, ""))) problems.push("Dấu ngoặc { } chưa đóng mở đúng.");
  return problems;
}

/** Fills a template for one person. A missing name reads "bạn"; no next lesson reads "bài kiểm tra cuối". */
export function renderTemplate(template: string, values: { ten: string | null; bai_tiep: string | null }): string {
  return template.replaceAll("{ten}", values.ten?.trim() || "bạn").replaceAll("{bai_tiep}", values.bai_tiep ?? "bài kiểm tra cuối khóa");
}

export const DEFAULT_TEMPLATE =
  "Chào {ten}, Tổ công nghệ số của thôn nhắc bạn học tiếp bài “{bai_tiep}” (chỉ vài phút). Bấm “Học” để bắt đầu nhé!";

export const RECIPIENT_REASON_LABEL: Record<string, string> = {
  no_oa: "Chưa quan tâm OA của xã (không nhắn được qua OA)",
  window_closed: "Quá 7 ngày chưa nhắn với OA (Zalo không cho nhắn lúc này)",
  unfollowed: "Đã bỏ quan tâm OA",
  stopped: "Đã nhắn “dừng” nhắc nhở",
  reminded_today: "Hôm nay đã được nhắc một lần",
  cancelled: "Đợt nhắc đã bị hủy",
  left: "Đã xóa dữ liệu hoặc đã gộp vào hồ sơ khác",
  zns: "Gửi tin mẫu ZNS qua số điện thoại (không nhắn được qua OA)",
  zns_quota_exceeded: "Hết hạn mức tin ZNS trong ngày của OA",
  zns_invalid_request: "Zalo không nhận tin ZNS (số điện thoại hoặc mẫu tin không hợp lệ)",
  zns_not_allowed: "OA chưa được phép gửi tin ZNS (cần quản trị viên xử lý)",
  zns_timeout: "Không rõ tin ZNS đã đến chưa; không gửi lại để tránh trùng",
  zns_server_error: "Không rõ tin ZNS đã đến chưa; không gửi lại để tránh trùng",
  uncertain_not_resent: "Không rõ tin ZNS đã đến chưa; không gửi lại để tránh trùng",
  // Why Zalo did not take a message (the OA outbox's outcome, zalo/oa-errors.ts).
  rate_limited: "Zalo báo gửi quá nhanh; đã thử lại nhiều lần không được",
  token_invalid: "Kết nối OA của xã cần được cấp quyền lại",
  user_unreachable: "Người này không nhận được tin nhắn từ OA",
  invalid_request: "Tin nhắn không hợp lệ",
  not_allowed: "OA của xã chưa được phép gửi (cần quản trị viên xử lý)",
  server_error: "Zalo gặp lỗi; đã thử lại nhiều lần không được",
  timeout: "Zalo không trả lời; đã thử lại nhiều lần không được",
};
