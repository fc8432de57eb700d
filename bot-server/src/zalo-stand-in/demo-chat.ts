import { Hono } from "hono";
import { z } from "zod";
import { zaloEventMac } from "../zalo/webhook-signature";
import { chatPage } from "./chat-page";
import type { OaUsers } from "./oa-users";
import { SIMULATED_EVENTS, simulatedEvent, textEvent } from "./webhook-events";
import { postEvent } from "./webhook-poster";

const SendRequest = z.union([
  z.object({
    userId: z.string().min(1),
    // Zalo's own input allows long texts; the bound only keeps a runaway test from filling memory.
    text: z.string().min(1).max(10_000),
    /** A tapped `oa.query.hide` button: sent to the OA, not shown in the person's own chat. */
    hidden: z.boolean().optional(),
  }),
  z.object({ userId: z.string().min(1), event: z.enum(SIMULATED_EVENTS) }),
]);

const RedeliverRequest = z.object({
  body: z.string().min(1),
  signature: z.string().min(1),
  numRetry: z.number().int().min(1).max(10).default(1),
});

interface Deps {
  appId: string;
  oaId: string;
  oaSecretKey: string;
  webhookUrl: string | undefined;
  users: OaUsers;
  now: () => number;
}

/**
 * The person's side of the chat: what someone does in Zalo becomes a signed webhook event posted to the
 * bot-server, and what they say is kept in the conversation the OA API reads back.
 */
export function createDemoChat({ appId, oaId, oaSecretKey, webhookUrl, users, now }: Deps) {
  return new Hono()
    .get("/", (c) => c.html(chatPage({ oaId, webhookConfigured: webhookUrl !== undefined })))
    .get("/messages", (c) => {
      const user = users.byAppId.get(c.req.query("userId") ?? "");
      if (!user) return c.json({ error: "unknown userId" }, 404);
      return c.json(user.conversation);
    })
    .post("/send", async (c) => {
      const parsed = SendRequest.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) return c.json({ error: "expected {userId, text} or {userId, event}" }, 400);
      const request = parsed.data;
      const user = users.byAppId.get(request.userId);
      if (!user) return c.json({ error: "unknown userId" }, 404);

      const at = now();
      const context = { appId, oaId, user, at };
      const built = "text" in request ? textEvent(context, request.text) : simulatedEvent(context, request.event);
      // Anything the person does reopens Zalo's 7-day window for consultation messages.
      user.lastInteractionAt = at;
      if (built.said) {
        const hidden = "hidden" in request && request.hidden === true;
        user.conversation.push({
          src: 1,
          time: at,
          type: built.said.type,
          text: built.said.text,
          message_id: built.said.msgId,
          ...(hidden ? { hidden } : {}),
        });
      }

      // Signed over exactly the bytes sent, and returned so a test can redeliver them unchanged.
      const body = JSON.stringify(built.event);
      const signature = zaloEventMac(appId, body, String(at), oaSecretKey);
      const delivery = await postEvent(webhookUrl, body, signature);
      return c.json({ ...delivery, event_name: built.eventName, ...(built.said ? { msg_id: built.said.msgId } : {}), body, signature });
    })
    .post("/redeliver", async (c) => {
      const parsed = RedeliverRequest.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) return c.json({ error: "expected {body, signature}" }, 400);
      return c.json(await postEvent(webhookUrl, parsed.data.body, parsed.data.signature, parsed.data.numRetry));
    });
}
