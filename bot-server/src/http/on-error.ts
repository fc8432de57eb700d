import { ERRORS, type ErrorCode } from "@hvs/shared/errors";
import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError } from "./app-error";

export type Log = (line: string) => void;

function body(code: ErrorCode, requestId: string, message: string = ERRORS[code].message) {
  return { code, message, requestId };
}

/** Hono's own exceptions, by status, in our vocabulary. */
function codeForHttpException(status: number): ErrorCode {
  if (status === 400) return "MALFORMED_JSON";
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  if (status === 413) return "PAYLOAD_TOO_LARGE";
  return "INTERNAL";
}

function driverCode(error: Error): string | undefined {
  for (const candidate of [error, error.cause]) {
    const code = (candidate as { code?: unknown } | undefined)?.code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/** drizzle puts a failed query's parameters in the message; they can be names or phone numbers. */
function withoutParams(message: string): string {
  return message.split("\nparams:")[0] ?? "";
}

export function createErrorHandler(log: Log): ErrorHandler {
  return (error, c) => {
    const requestId = c.get("requestId") ?? "unknown";
    if (error instanceof AppError) {
      // Server-side and Zalo failures are what an operator must see (a wrong app secret looks like every
      // resident's token being rejected). The detail names codes and ids, never personal data.
      if (error.status >= 500 || error.code.startsWith("ZALO_")) log(`request ${requestId}: ${error.code} (${error.message})`);
      return c.json(body(error.code, requestId, error.publicMessage), error.status as ContentfulStatusCode);
    }
    if (error instanceof HTTPException) {
      const code = codeForHttpException(error.status);
      return c.json(body(code, requestId), error.status as ContentfulStatusCode);
    }
    // SQLITE_BUSY / SQLITE_FULL: nothing was committed, the client may retry. drizzle wraps the driver's error.
    const sqliteCode = driverCode(error);
    if (sqliteCode === "SQLITE_BUSY" || sqliteCode === "SQLITE_FULL") {
      log(`request ${requestId}: ${sqliteCode}`);
      return c.json(body("SERVICE_UNAVAILABLE", requestId), 503);
    }
    log(`request ${requestId}: unexpected ${error.name} ${sqliteCode ?? ""}: ${withoutParams(error.message)}`);
    return c.json(body("INTERNAL", requestId), 500);
  };
}

export const notFound: NotFoundHandler = (c) => c.json(body("NOT_FOUND", c.get("requestId") ?? "unknown"), 404);
