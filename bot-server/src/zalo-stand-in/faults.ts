import { z } from "zod";

/** What `POST /demo/oa/faults` accepts: the next `count` consultation sends fail in this way. */
export const FaultPlan = z.object({
  mode: z.enum(["http500", "timeout", "rate_limit", "token_expired", "none"]),
  count: z.number().int().min(1).max(1000).default(1),
  /** timeout only: the message is accepted and recorded, then the answer is held back (a lost reply). */
  acceptThenHang: z.boolean().default(false),
  hangMs: z.number().int().min(0).max(600_000).default(30_000),
});

type Fault = Omit<z.infer<typeof FaultPlan>, "count" | "mode"> & { mode: Exclude<z.infer<typeof FaultPlan>["mode"], "none"> };

/** A queue of one planned failure; a new plan replaces the old one, and "none" clears it. */
export function createFaults() {
  let planned: { fault: Fault; remaining: number } | undefined;
  return {
    plan({ mode, count, ...rest }: z.infer<typeof FaultPlan>) {
      planned = mode === "none" ? undefined : { fault: { mode, ...rest }, remaining: count };
    },
    /** The fault for this call, if one is planned; each call uses one up. */
    take(): Fault | undefined {
      if (!planned) return undefined;
      const { fault } = planned;
      planned.remaining -= 1;
      if (planned.remaining === 0) planned = undefined;
      return fault;
    },
    clear() {
      planned = undefined;
    },
  };
}
