import { randomBytes } from "node:crypto";
import { type Context, Hono } from "hono";
import { z } from "zod";
// The codes and words ZNS answers with are UNVERIFIED; they are kept, and corrected, in one place.
import { ZNS_ERRORS } from "../zalo/zns-client";
import type { createFaults } from "./faults";
import { OA_ERRORS } from "./oa-errors";
import type { AccessTokenState } from "./oauth";

const ZnsRequest = z.object({
  phone: z.unknown().optional(),
  template_id: z.unknown().optional(),
  template_data: z.unknown().optional(),
  tracking_id: z.string().optional(),
});

const TemplateData = z.record(z.string(), z.string());

interface SentZns {
  msg_id: string;
  phone: string;
  template_id: string;
  template_data: Record<string, string>;
  tracking_id: string;
  time: number;
}

interface Deps {
  /** The OA's token checker: ZNS takes the same OA access token as the OA API. */
  checkToken: (token: string | undefined) => AccessTokenState;
  /** Shared with the OA API, so one planned fault breaks whichever send comes next. */
  faults: ReturnType<typeof createFaults>;
  /** When set, the one template Zalo has approved for this OA; any other id is refused. */
  templateId?: string;
  now: () => number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * ZNS template messages: `POST /message/template`. The real host (business.openapi.zalo.me) differs from
 * the OA API's only by base URL, so the route sits at the stand-in's root. `GET /demo/zns/sent` lists what
 * was accepted, for tests and the demo.
 */
export function createZns({ checkToken, faults, templateId, now }: Deps) {
  const sent: SentZns[] = [];

  async function send(c: Context) {
    const state = checkToken(c.req.header("access_token"));
    if (state === "invalid") return OA_ERRORS.tokenInvalid;
    if (state === "expired") return OA_ERRORS.tokenExpired;
    const request = ZnsRequest.safeParse(await c.req.json().catch(() => null));
    if (!request.success) return ZNS_ERRORS.bodyInvalid;
    const { phone, template_id, template_data, tracking_id } = request.data;
    if (typeof phone !== "string" || !/^84\d{9}$/.test(phone)) return ZNS_ERRORS.phoneInvalid;
    if (typeof template_id !== "string" || template_id === "" || (templateId !== undefined && template_id !== templateId))
      return ZNS_ERRORS.templateIdInvalid;
    const data = TemplateData.safeParse(template_data);
    if (!data.success) return ZNS_ERRORS.templateDataInvalid;

    const time = now();
    const msgId = randomBytes(16).toString("hex");
    sent.push({ msg_id: msgId, phone, template_id, template_data: data.data, tracking_id: tracking_id ?? "", time });
    // Zalo sends the time as a string of epoch ms.
    return { error: 0, message: "Success", data: { msg_id: msgId, sent_time: String(time), sending_mode: "1" } };
  }

  const routes = new Hono()
    .post("/message/template", async (c) => {
      const fault = faults.take();
      if (fault?.mode === "http500") return c.text("Internal Server Error", 500);
      if (fault?.mode === "rate_limit") return c.json(ZNS_ERRORS.rateLimited);
      if (fault?.mode === "token_expired") return c.json(OA_ERRORS.tokenInvalid);
      if (fault?.mode === "timeout" && !fault.acceptThenHang) {
        // Nothing is recorded: the client that gives up first has truly lost this message.
        await sleep(fault.hangMs);
        return c.text("Gateway Timeout", 504);
      }
      const answer = await send(c);
      // A reply lost on the way back: the message is already recorded when the wait begins.
      if (fault?.mode === "timeout") await sleep(fault.hangMs);
      return c.json(answer);
    })
    .get("/demo/zns/sent", (c) => c.json(sent));

  return {
    routes,
    sent,
    reset() {
      sent.length = 0;
    },
  };
}
