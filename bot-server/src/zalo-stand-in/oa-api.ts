import { randomBytes } from "node:crypto";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { type CsButton, type CsRequest, parseCsRequest } from "./cs-message";
import type { createFaults } from "./faults";
import { invalidParameter, OA_ERRORS } from "./oa-errors";
import type { OaUser, OaUsers } from "./oa-users";
import type { AccessTokenState } from "./oauth";
import type { createSlidingWindow } from "./rate-limit";

const INTERACTION_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
// Zalo's help centre: 8 free replies within 48 h of the person's last interaction.
const FREE_REPLIES = 8;
const CONVERSATION_PAGE_MAX = 10;

const ConversationQuery = z.object({
  user_id: z.string().min(1),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(CONVERSATION_PAGE_MAX).default(CONVERSATION_PAGE_MAX),
});

interface SentMessage {
  message_id: string;
  user_id: string;
  text: string;
  buttons: CsButton[];
  time: number;
}

interface Deps {
  oaId: string;
  users: OaUsers;
  checkToken: (token: string | undefined) => AccessTokenState;
  faults: ReturnType<typeof createFaults>;
  rateWindow: ReturnType<typeof createSlidingWindow>;
  now: () => number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tokenProblem(state: AccessTokenState) {
  if (state === "invalid") return OA_ERRORS.tokenInvalid;
  if (state === "expired") return OA_ERRORS.tokenExpired;
  return undefined;
}

/**
 * The two OA calls the chatbot makes: send a consultation message, and read the latest messages with a
 * person (to learn whether a send whose answer was lost got through). Checks run in Zalo's spirit: token,
 * body, recipient, the 7-day interaction window; planned faults come first so tests can break any call.
 */
export function createOaApi({ oaId, users, checkToken, faults, rateWindow, now }: Deps) {
  const sent: SentMessage[] = [];
  const counts = { csCalls: 0, csAccepted: 0 };

  function accept(user: OaUser, request: CsRequest) {
    const time = now();
    const buttons = request.message.attachment?.payload.buttons ?? [];
    const messageId = randomBytes(10).toString("hex");
    user.conversation.push({
      src: 0,
      time,
      type: "text",
      text: request.message.text,
      message_id: messageId,
      ...(buttons.length ? { buttons } : {}),
    });
    sent.push({ message_id: messageId, user_id: user.oaUserId, text: request.message.text, buttons, time });
    counts.csAccepted += 1;
    const since = user.lastInteractionAt ?? time;
    const repliesSince = user.conversation.filter((e) => e.src === 0 && e.time >= since).length;
    return {
      data: {
        message_id: messageId,
        user_id: user.oaUserId,
        quota: { quota_type: "reply", remain: String(Math.max(0, FREE_REPLIES - repliesSince)), total: String(FREE_REPLIES) },
      },
      error: 0,
      message: "Success",
    };
  }

  async function send(c: Context) {
    const problem = tokenProblem(checkToken(c.req.header("access_token")));
    if (problem) return problem;
    const parsed = parseCsRequest(await c.req.json().catch(() => null));
    if (!parsed.ok) return parsed.answer;
    const user = users.byOaId.get(parsed.request.recipient.user_id);
    if (!user) return invalidParameter("user_id");
    if (user.lastInteractionAt === null || now() - user.lastInteractionAt > INTERACTION_WINDOW_MS) return OA_ERRORS.notInteracted;
    return accept(user, parsed.request);
  }

  const routes = new Hono()
    .post("/v3.0/oa/message/cs", async (c) => {
      counts.csCalls += 1;
      const fault = faults.take();
      if (fault?.mode === "http500") return c.text("Internal Server Error", 500);
      if (fault?.mode === "rate_limit") return c.json(OA_ERRORS.rateLimited);
      if (fault?.mode === "token_expired") return c.json(OA_ERRORS.tokenInvalid);
      if (fault?.mode === "timeout" && !fault.acceptThenHang) {
        // Nothing is recorded: the client that gives up first has truly lost this message.
        await sleep(fault.hangMs);
        return c.text("Gateway Timeout", 504);
      }
      if (!rateWindow.allow()) return c.json(OA_ERRORS.rateLimited);
      const answer = await send(c);
      // A reply lost on the way back: the message is already in the conversation when the wait begins.
      if (fault?.mode === "timeout") await sleep(fault.hangMs);
      return c.json(answer);
    })
    .get("/v2.0/oa/conversation", (c) => {
      const problem = tokenProblem(checkToken(c.req.header("access_token")));
      if (problem) return c.json(problem);
      let data: unknown;
      try {
        data = JSON.parse(c.req.query("data") ?? "");
      } catch {
        return c.json(invalidParameter("data"));
      }
      const query = ConversationQuery.safeParse(data);
      if (!query.success) return c.json(invalidParameter(String(query.error.issues[0]?.path.at(-1) ?? "data")));
      const user = users.byOaId.get(query.data.user_id);
      if (!user) return c.json(invalidParameter("user_id"));
      const newestFirst = [...user.conversation].reverse().slice(query.data.offset, query.data.offset + query.data.count);
      return c.json({
        data: newestFirst.map((e) => ({
          src: e.src,
          time: e.time,
          type: e.type,
          message: e.text,
          message_id: e.message_id,
          from_id: e.src === 0 ? oaId : user.oaUserId,
          to_id: e.src === 0 ? user.oaUserId : oaId,
        })),
        error: 0,
        message: "Success",
      });
    });

  return {
    routes,
    counts,
    sent,
    reset() {
      sent.length = 0;
      counts.csCalls = 0;
      counts.csAccepted = 0;
    },
  };
}
