import { serve } from "@hono/node-server";
import { DEMO_RESIDENTS } from "../demo/residents";
import { createStandIn } from "./app";

/** Runs the stand-in as its own process. Reads only the app credentials it must check proofs against. */
const appId = process.env.ZALO_APP_ID;
const appSecret = process.env.ZALO_APP_SECRET;
const port = Number(process.env.ZALO_STAND_IN_PORT ?? "8090");
if (!appId || !appSecret) {
  console.error("zalo-stand-in: cần ZALO_APP_ID và ZALO_APP_SECRET (giống bot-server)");
  process.exit(1);
}

const app = createStandIn({ appId, appSecret, users: DEMO_RESIDENTS.map((r) => ({ id: r.zaloId, name: r.name })) });
const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) => {
  console.log(`[zalo-stand-in] listening on http://localhost:${info.port}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
