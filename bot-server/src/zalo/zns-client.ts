import { z } from "zod";

/*
 * ─── UNVERIFIED ──────────────────────────────────────────────────────────────────────────────────────────
 * Every ZNS detail this project is not sure of lives in this block, so a wrong reading is corrected here
 * and nowhere else (the stand-in, zalo-stand-in/zns.ts, answers with these same codes and words).
 *
 * Known from Zalo's ZNS documentation (zalo-notification-service) and third-party integrations:
 *   POST https://business.openapi.zalo.me/message/template, header `access_token` (the OA access token),
 *   JSON `{phone: "84…", template_id, template_data: {param: string}, tracking_id}`; success is
 *   `{error: 0, message: "Success", data: {msg_id, sent_time, sending_mode?, quota?}}`. We never send
 *   `mode: "development"` (that only reaches admins).
 *
 * Not verified against Zalo's "Bảng mã lỗi" (zalo-notification-service/phu-luc/bang-ma-loi):
 *   - the error codes and messages below, recalled from third-party reports of that table;
 *   - that ZNS answers token problems with the OA API's -216/-220 (believed), besides its own -124;
 *   - that ZNS rate limiting answers the OA API's -32 (ZNS may use HTTP 429 or a code of its own);
 *   - that night-time refusal (-133, templates not allowed 22:00–06:00) exists; we treat it as
 *     "try again later" (rate_limited) because waiting is what helps;
 *   - -1241 (appsecret_proof invalid, named in the mirror): we send no proof; if Zalo demands one, an
 *     administrator must act, so it is not_allowed.
 *   - Any non-zero code not in the table is treated as invalid_request: a refusal, never retried blindly,
 *     because a ZNS message costs money and a blind retry could send it twice.
 * ─────────────────────────────────────────────────────────────────────────────────────────────────────────
 */
export const ZNS_ERRORS = {
  rateLimited: { error: -32, message: "Your application reached limit call api" },
  phoneInvalid: { error: -108, message: "Phone number is invalid" },
  templateIdInvalid: { error: -109, message: "Template id is invalid" },
  templateDataInvalid: { error: -112, message: "Template data is invalid" },
  bodyInvalid: { error: -122, message: "Body request is not in JSON format" },
  tokenInvalid: { error: -124, message: "Access token is invalid" },
  dailyQuotaExceeded: { error: -144, message: "OA has exceeded the daily ZNS sending quota" },
} as const;

export type ZnsFailure =
  /** The OA access token is invalid or expired. Refresh it, then try again. */
  | "token_invalid"
  /** Too many calls, or a time when this template may not be sent. Wait, then try again. */
  | "rate_limited"
  /** The request, the phone number or this person's account is refused; sending it again gives the same answer. */
  | "invalid_request"
  /** The OA's or the template's daily quota is spent. Try again tomorrow. */
  | "quota_exceeded"
  /** The OA, app, template or ZCA wallet is not set up for this send: an administrator must act. */
  | "not_allowed"
  /** HTTP 5xx, an unknown-error code, a body we cannot read. The message may or may not have gone out. */
  | "server_error"
  /** No answer in time. The message may or may not have gone out. */
  | "timeout";

/** UNVERIFIED (see the block above): ZNS error codes, by what a caller can do about them. */
const BY_CODE: Record<number, ZnsFailure> = {
  [-32]: "rate_limited",
  [-100]: "server_error", // an unexpected error at Zalo
  [-101]: "not_allowed", // sending app invalid
  [-102]: "not_allowed", // sending app does not exist
  [-103]: "not_allowed", // app not activated
  [-104]: "not_allowed", // app secret invalid
  [-105]: "not_allowed", // app not linked to the OA
  [-106]: "invalid_request", // method not supported
  [-108]: "invalid_request", // phone number invalid
  [-109]: "invalid_request", // template id invalid
  [-110]: "invalid_request", // the person's Zalo version cannot show ZNS
  [-111]: "invalid_request", // template data empty
  [-112]: "invalid_request", // template data invalid
  [-114]: "invalid_request", // this person cannot receive ZNS (account state or settings)
  [-115]: "not_allowed", // ZNS account balance too low
  [-117]: "not_allowed", // OA or app not granted this template
  [-118]: "invalid_request", // no Zalo account for this phone, or it is disabled
  [-119]: "invalid_request", // this account cannot receive ZNS
  [-120]: "not_allowed", // OA not granted this feature
  [-122]: "invalid_request", // body is not JSON
  [-124]: "token_invalid", // access token invalid
  [-125]: "not_allowed", // OA id invalid
  [-130]: "invalid_request", // template content over the length limit
  [-131]: "not_allowed", // template not approved
  [-132]: "invalid_request", // a parameter is invalid
  [-133]: "rate_limited", // template may not be sent at night (22:00–06:00)
  [-135]: "not_allowed", // OA may not send ZNS (not verified, free tier)
  [-136]: "not_allowed", // needs a ZCA connection
  [-137]: "not_allowed", // ZCA payment failed
  [-138]: "not_allowed", // app may not use this feature
  [-139]: "invalid_request", // this person refuses this kind of ZNS
  [-141]: "invalid_request", // this person refuses ZNS from this OA
  [-144]: "quota_exceeded", // the OA's daily quota
  [-145]: "not_allowed", // OA may not send this kind of content
  [-146]: "not_allowed", // template disabled for low sending quality
  [-147]: "quota_exceeded", // the template's daily quota
  [-152]: "not_allowed", // template locked
  [-216]: "token_invalid", // OA API: access token invalid
  [-220]: "token_invalid", // OA API: access token expired
  [-1241]: "not_allowed", // appsecret_proof invalid
};
// ─── end of UNVERIFIED ───────────────────────────────────────────────────────────────────────────────────

/** Unknown codes are refusals, not outages: a blind retry could repeat a paid send. */
export function znsFailureOf(code: number): ZnsFailure {
  return BY_CODE[code] ?? "invalid_request";
}

export interface ZnsTemplateMessage {
  /** A Vietnamese number: "0912345678", "+84912345678" or "84912345678"; spaces, dots and dashes are ignored. */
  phone: string;
  templateId: string;
  /** The template's parameters, each a string, as the approved template names them. */
  data: Record<string, string>;
  /** Ours, echoed in Zalo's delivery events: ties the answer to our record. */
  trackingId: string;
}

export type ZnsSendResult = { ok: true; messageId: string } | { ok: false; failure: ZnsFailure; code?: number };

export interface ZnsClient {
  sendTemplate(accessToken: string, message: ZnsTemplateMessage): Promise<ZnsSendResult>;
}

/**
 * ZNS wants the international form without "+": 84 and the 9-digit national number. Returns null for
 * anything that is not a Vietnamese number, so it is refused before any request is made.
 */
export function normaliseVietnamesePhone(raw: string): string | null {
  const compact = raw.trim().replace(/[\s.-]/g, "");
  const national = /^(?:\+84|84|0)([1-9]\d{8})$/.exec(compact)?.[1];
  return national ? `84${national}` : null;
}

const SendResponse = z.object({
  error: z.number(),
  message: z.string().optional(),
  data: z.object({ msg_id: z.string() }).partial().optional(),
});

interface Options {
  /** https://business.openapi.zalo.me, or the stand-in. */
  baseUrl: string;
  /** Past this the send is uncertain ("timeout"): it may have gone out. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const isTimeout = (error: unknown) => (error as Error | null)?.name === "TimeoutError";

/**
 * Sends one ZNS template message per call and reports what happened; retrying and recording belong to
 * the caller. It never logs: the phone number and template data are personal.
 */
export function createZnsClient({ baseUrl, timeoutMs = 10_000, fetch: doFetch = fetch }: Options): ZnsClient {
  const url = new URL("/message/template", baseUrl);
  return {
    async sendTemplate(accessToken, { phone, templateId, data, trackingId }) {
      const normalised = normaliseVietnamesePhone(phone);
      if (!normalised || templateId.trim() === "") return { ok: false, failure: "invalid_request" };
      const signal = AbortSignal.timeout(timeoutMs);
      let response: Response;
      try {
        response = await doFetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json", access_token: accessToken },
          body: JSON.stringify({ phone: normalised, template_id: templateId, template_data: data, tracking_id: trackingId }),
          redirect: "error",
          signal,
        });
      } catch (error) {
        return { ok: false, failure: isTimeout(error) ? "timeout" : "server_error" };
      }
      if (response.status === 429) return { ok: false, failure: "rate_limited" };
      if (!response.ok) return { ok: false, failure: response.status >= 500 ? "server_error" : "invalid_request" };
      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        // The answer started but did not finish: as uncertain as no answer at all.
        return { ok: false, failure: isTimeout(error) || signal.aborted ? "timeout" : "server_error" };
      }
      const parsed = SendResponse.safeParse(body);
      if (!parsed.success) return { ok: false, failure: "server_error" };
      const { error, data: answer } = parsed.data;
      if (error !== 0) return { ok: false, failure: znsFailureOf(error), code: error };
      if (!answer?.msg_id) return { ok: false, failure: "server_error" };
      return { ok: true, messageId: answer.msg_id };
    },
  };
}
