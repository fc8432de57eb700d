import { z } from "zod";
import { failureOf, type OaFailure } from "./oa-errors";

/** Zalo's limits on a consultation message (tin tư vấn): longer text or more buttons is refused (-201/-210). */
export const OA_TEXT_MAX = 2000;
export const OA_BUTTONS_MAX = 5;
export const OA_BUTTON_TITLE_MAX = 100;
export const OA_BUTTON_PAYLOAD_MAX = 1000;

export type OaButton =
  /** Tapping sends `payload` back to the OA as the person's message; `hide` keeps it out of their chat view. */
  | { type: "oa.query.hide" | "oa.query.show"; title: string; payload: string }
  | { type: "oa.open.url"; title: string; payload: { url: string } };

export interface OaMessage {
  text: string;
  buttons?: OaButton[];
}

export type SendResult =
  | { ok: true; messageId: string }
  /** `retryAfterMs` when the answer said how long to wait (an HTTP Retry-After header). */
  | { ok: false; failure: OaFailure; code?: number; retryAfterMs?: number };

export interface ConversationEntry {
  /** 0: from the OA to the person; 1: from the person. */
  src: number;
  time: number;
  message: string;
}

export interface OaClient {
  sendConsultation(accessToken: string, userId: string, message: OaMessage): Promise<SendResult>;
  /** The latest messages with one person (at most 10, newest first); null when Zalo could not say. */
  recentMessages(accessToken: string, userId: string): Promise<ConversationEntry[] | null>;
}

const SendResponse = z.object({
  error: z.number(),
  message: z.string().optional(),
  data: z.object({ message_id: z.string() }).partial().optional(),
});

const ConversationResponse = z.object({
  error: z.number(),
  data: z.array(z.object({ src: z.number(), time: z.number(), message: z.string().optional().default("") })).optional(),
});

/** Cuts text to Zalo's limit at a word boundary, so a long answer loses its tail rather than being refused. */
export function fitText(text: string, max = OA_TEXT_MAX): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.8 ? cut.slice(0, space) : cut}…`;
}

function body(userId: string, message: OaMessage) {
  const buttons = message.buttons?.slice(0, OA_BUTTONS_MAX).map((b) => ({ ...b, title: fitText(b.title, OA_BUTTON_TITLE_MAX) }));
  return {
    recipient: { user_id: userId },
    message: {
      text: fitText(message.text),
      ...(buttons?.length ? { attachment: { type: "template", payload: { buttons } } } : {}),
    },
  };
}

/** Seconds or an HTTP date, as RFC 9110 allows; anything else means "not said". */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

interface Options {
  baseUrl: string;
  /** Zalo answers in well under a second; past this the send is treated as uncertain and checked later. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The OA Open API calls the chatbot and reminders need. It makes exactly one HTTP request per call and
 * reports what happened; retrying, backing off and recording belong to the outbox (chatbot/oa-sender.ts),
 * which keeps that state durably.
 */
export function createOaClient({ baseUrl, timeoutMs = 10_000, fetch: doFetch = fetch }: Options): OaClient {
  const sendUrl = new URL("/v3.0/oa/message/cs", baseUrl);
  return {
    async sendConsultation(accessToken, userId, message) {
      let response: Response;
      try {
        response = await doFetch(sendUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json", access_token: accessToken },
          body: JSON.stringify(body(userId, message)),
          redirect: "error",
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        return { ok: false, failure: (error as Error).name === "TimeoutError" ? "timeout" : "server_error" };
      }
      if (response.status === 429)
        return { ok: false, failure: "rate_limited", retryAfterMs: retryAfterMs(response.headers.get("retry-after")) };
      if (!response.ok) return { ok: false, failure: response.status >= 500 ? "server_error" : "invalid_request" };
      const parsed = SendResponse.safeParse(await response.json().catch(() => null));
      if (!parsed.success) return { ok: false, failure: "server_error" };
      const { error, data } = parsed.data;
      if (error !== 0) return { ok: false, failure: failureOf(error), code: error };
      if (!data?.message_id) return { ok: false, failure: "server_error" };
      return { ok: true, messageId: data.message_id };
    },

    async recentMessages(accessToken, userId) {
      const url = new URL("/v2.0/oa/conversation", baseUrl);
      url.searchParams.set("data", JSON.stringify({ user_id: userId, offset: 0, count: 10 }));
      try {
        const response = await doFetch(url, {
          headers: { access_token: accessToken },
          redirect: "error",
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) return null;
        const parsed = ConversationResponse.safeParse(await response.json());
        if (!parsed.success || parsed.data.error !== 0) return null;
        return parsed.data.data ?? [];
      } catch {
        return null;
      }
    },
  };
}
