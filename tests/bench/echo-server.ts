import { serve } from "@hono/node-server";
import { Hono } from "hono";

/**
 * The floor for `bench:progress` and `bench:webhook`: a bare Hono app on @hono/node-server, in its own process like the real
 * server, that parses the same JSON body and sends it back. What is left between the two is our work:
 * middleware, the session lookup, validation and the durable write.
 */
const app = new Hono()
  .get("/health", (c) => c.json({ ok: true }))
  .post("/api/progress", async (c) => c.json(await c.req.json()))
  // The floor for `bench:webhook`: read the event and answer, nothing checked or stored.
  .post("/webhooks/zalo", async (c) => {
    await c.req.json();
    return c.json({ received: true });
  });

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" });
