/**
 * Zalo OA API error codes (developers.zalo.me → Official Account → Phụ lục → Mã lỗi), gathered here so a
 * wrong reading is corrected in one place. Zalo answers HTTP 200 with `{error, message}`; the code decides
 * whether trying again can help.
 */
export type OaFailure =
  /** -230/-232: no interaction in the last 7 days; consultation messages are not allowed now. */
  | "window_closed"
  /** -32: the app's per-minute call limit. Wait, then try again. */
  | "rate_limited"
  /** -216/-220: the access token is invalid or expired. Refresh it, then try again. */
  | "token_invalid"
  /** -213/-217/-218/-227/-244: this person cannot or will not receive OA messages. */
  | "user_unreachable"
  /** -201/-210/-233: the request itself is wrong; sending it again gives the same answer. */
  | "invalid_request"
  /** -211/-224/-320/-321 and app/OA configuration errors: an administrator must act. */
  | "not_allowed"
  /** HTTP 5xx, -200, a body we cannot read: Zalo is unwell. The message may or may not have gone out. */
  | "server_error"
  /** No answer in time: the message may or may not have gone out. */
  | "timeout";

const BY_CODE: Record<number, OaFailure> = {
  [-32]: "rate_limited",
  [-200]: "server_error",
  [-201]: "invalid_request",
  [-204]: "not_allowed",
  [-205]: "not_allowed",
  [-209]: "not_allowed",
  [-210]: "invalid_request",
  [-211]: "not_allowed",
  [-212]: "not_allowed",
  [-213]: "user_unreachable",
  [-216]: "token_invalid",
  [-217]: "user_unreachable",
  [-218]: "user_unreachable",
  [-219]: "not_allowed",
  [-220]: "token_invalid",
  [-221]: "not_allowed",
  [-223]: "not_allowed",
  [-224]: "not_allowed",
  [-227]: "user_unreachable",
  [-230]: "window_closed",
  [-232]: "window_closed",
  [-233]: "invalid_request",
  [-242]: "token_invalid",
  [-244]: "user_unreachable",
  [-248]: "not_allowed",
  [-320]: "not_allowed",
  [-321]: "not_allowed",
};

/** An unknown code is treated as a refusal, not an outage: retrying blindly could repeat a paid send. */
export function failureOf(code: number): OaFailure {
  return BY_CODE[code] ?? "invalid_request";
}

/** Failures where the message may have been delivered even though we did not hear so. */
export function isUncertain(failure: OaFailure): boolean {
  return failure === "server_error" || failure === "timeout";
}

/** Failures worth trying again later; the rest are final for this message. */
export function isRetryable(failure: OaFailure): boolean {
  return failure === "rate_limited" || failure === "token_invalid" || isUncertain(failure);
}

/**
 * OAuth (oauth.zaloapp.com/v4/oa/access_token) refusals of a refresh token. UNVERIFIED: Zalo documents the
 * success body only; these codes come from third-party reports. Any body without an access token is
 * treated as a refusal anyway, so a wrong code here only changes the log line.
 */
export const OAUTH_INVALID_REFRESH_TOKEN = -14014;
