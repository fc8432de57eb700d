import { serve } from "@hono/node-server";
import { Hono } from "hono";

/**
 * The floor for `bench:progress`: a bare Hono app on @hono/node-server, in its own process like the real
 * server, that parses the same JSON body and sends it back. What is left between the two is our work:
 * middleware, the session lookup, validation and the durable write.
 */
const app = new Hono().get("/health", (c) => c.json({ ok: true })).post("/api/progress", async (c) => c.json(await c.req.json()));

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" });
