import type { RequestIdVariables } from "hono/request-id";

/** What middleware puts on the context for the handlers after it. */
export interface AppEnv {
  Variables: RequestIdVariables & {
    learnerId: number;
    staff: { id: number; communeId: number; username: string };
  };
}
