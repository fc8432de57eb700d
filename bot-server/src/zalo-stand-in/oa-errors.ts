/**
 * The OA Open API's answers, as developers.zalo.me ("Mã lỗi") words them. Zalo answers these with HTTP 200;
 * only the `error` field says something went wrong.
 */
export const OA_ERRORS = {
  tokenInvalid: { error: -216, message: "Access token is invalid" },
  tokenExpired: { error: -220, message: "access_token is expired or removed" },
  notInteracted: { error: -230, message: "User has not interacted with the OA in the past 7 days" },
  rateLimited: { error: -32, message: "Your application reached limit call api" },
} as const;

/** Zalo names the offending field in the message, e.g. "user_id is invalid!". */
export function invalidParameter(field: string) {
  return { error: -201, message: `${field} is invalid!` };
}

/**
 * UNVERIFIED: shape from third-party reports; correct here. Zalo's OAuth v4 host does not document its
 * error body; these are what integrators report seeing, and the only place the stand-in spells them.
 */
export const OAUTH_ERRORS = {
  invalidApp: {
    error: -14002,
    error_name: "Invalid app",
    error_reason: "Invalid app_id or secret_key",
    error_description: "The app_id or the secret_key header does not match the app",
  },
  invalidGrant: {
    error: -14014,
    error_name: "Invalid parameter",
    error_reason: "Invalid grant_type",
    error_description: "The stand-in only grants grant_type=refresh_token",
  },
  invalidRefreshToken: {
    error: -14014,
    error_name: "Invalid parameter",
    error_reason: "Invalid refresh_token",
    error_description: "The refresh_token is unknown, already used or expired",
  },
} as const;
