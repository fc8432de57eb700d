import { z } from "zod";
import { invalidParameter } from "./oa-errors";

// Limits from developers.zalo.me: consultation text and the buttons parameter page.
const TEXT_MAX = 2000;
const BUTTONS_MAX = 5;
const TITLE_MAX = 100;
const PAYLOAD_MAX = 1000;

const Title = z.string().min(1).max(TITLE_MAX);

const Button = z.discriminatedUnion("type", [
  z.object({ title: Title, type: z.enum(["oa.query.hide", "oa.query.show"]), payload: z.string().min(1).max(PAYLOAD_MAX) }),
  // Only web links: the simulator page opens these, and a javascript: URL must never get that far.
  z.object({ title: Title, type: z.literal("oa.open.url"), payload: z.object({ url: z.url({ protocol: /^https?$/ }) }) }),
  z.object({ title: Title, type: z.literal("oa.open.phone"), payload: z.object({ phone_code: z.string().regex(/^\d{6,15}$/) }) }),
]);

export type CsButton = z.infer<typeof Button>;

const CsRequest = z.object({
  recipient: z.object({ user_id: z.string().min(1) }),
  message: z.object({
    text: z.string().min(1).max(TEXT_MAX),
    attachment: z
      .object({
        type: z.literal("template"),
        payload: z.object({ buttons: z.array(Button).max(BUTTONS_MAX) }),
      })
      .optional(),
  }),
});

export type CsRequest = z.infer<typeof CsRequest>;

/** The request, or Zalo's -201 naming the innermost field that is wrong. */
export function parseCsRequest(
  body: unknown,
): { ok: true; request: CsRequest } | { ok: false; answer: ReturnType<typeof invalidParameter> } {
  const parsed = CsRequest.safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  const path = parsed.error.issues[0]?.path ?? [];
  const field = path.filter((p): p is string => typeof p === "string").at(-1) ?? "body";
  return { ok: false, answer: invalidParameter(field) };
}
