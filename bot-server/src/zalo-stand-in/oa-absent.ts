import { Hono } from "hono";
import { notConfiguredPage } from "./chat-page";
import { OA_ERRORS, OAUTH_ERRORS } from "./oa-errors";

const NOT_CONFIGURED = { error: "the stand-in has no OA: set ZALO_OA_SECRET_KEY and ZALO_OA_REFRESH_TOKEN" };

/**
 * Without an OA block the stand-in still answers the OA routes the way Zalo answers an app with no OA
 * authorisation, so a misconfigured bot-server fails loudly instead of hanging.
 */
export function createAbsentOa() {
  return {
    zalo: new Hono()
      .post("/v4/oa/access_token", (c) => c.json(OAUTH_ERRORS.invalidApp))
      .post("/v3.0/oa/message/cs", (c) => c.json(OA_ERRORS.tokenInvalid))
      .get("/v2.0/oa/conversation", (c) => c.json(OA_ERRORS.tokenInvalid)),
    demoChat: new Hono().get("/", (c) => c.html(notConfiguredPage(), 503)).all("*", (c) => c.json(NOT_CONFIGURED, 404)),
    demoOa: new Hono().all("*", (c) => c.json(NOT_CONFIGURED, 404)),
  };
}
