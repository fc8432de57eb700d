import { Hono } from "hono";
import { z } from "zod";
import { FaultPlan } from "./faults";
import type { OaUsers } from "./oa-users";

const Interacted = z.object({
  userId: z.string().min(1),
  /** Epoch ms; null for "never"; absent for now. */
  at: z.number().int().nullable().optional(),
});

interface Deps {
  users: OaUsers;
  now: () => number;
  /** Read live, so each answer shows the counts at that moment. */
  stats: () => { refreshCalls: number; refreshSuccesses: number; csCalls: number; csAccepted: number };
  sent: () => unknown[];
  planFault: (plan: z.infer<typeof FaultPlan>) => void;
  reset: () => void;
}

/** Test controls for the OA side: what was sent, how often, planned failures, and the interaction clock. */
export function createDemoOa({ users, now, stats, sent, planFault, reset }: Deps) {
  return new Hono()
    .get("/sent", (c) => c.json(sent()))
    .get("/stats", (c) => c.json(stats()))
    .post("/faults", async (c) => {
      const parsed = FaultPlan.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) return c.json({ error: "expected {mode, count?, acceptThenHang?, hangMs?}" }, 400);
      planFault(parsed.data);
      return c.json({ planned: parsed.data });
    })
    .post("/interacted", async (c) => {
      const parsed = Interacted.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) return c.json({ error: "expected {userId, at?}" }, 400);
      const user = users.byAppId.get(parsed.data.userId);
      if (!user) return c.json({ error: "unknown userId" }, 404);
      user.lastInteractionAt = parsed.data.at === undefined ? now() : parsed.data.at;
      return c.json({ userId: user.appUserId, lastInteractionAt: user.lastInteractionAt });
    })
    .post("/reset", (c) => {
      reset();
      return c.json({ reset: true });
    });
}
