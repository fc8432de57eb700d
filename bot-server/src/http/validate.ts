import { ERRORS } from "@hvs/shared/errors";
import type { Context } from "hono";
import { validator } from "hono/validator";
import type { z } from "zod";
import { AppError } from "./app-error";

/**
 * The first message written for people (the schemas' own Vietnamese messages, e.g. "Hãy nhập họ và tên."),
 * so a form can say what to fix. zod's built-in messages are English and stay out of the answer.
 */
function readableMessage(issues: z.core.$ZodIssue[]): string | undefined {
  const written = issues.find((i) => /[\u0080-\uFFFF]/.test(i.message));
  return written ? `${ERRORS.VALIDATION_FAILED.message} ${written.message}` : undefined;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * A JSON body checked against a zod schema. The Content-Type is enforced, not just tolerated: a JSON API
 * that accepts text/plain can be driven by a cross-site form (ASVS 3.5.2).
 */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return validator("json", (value, c: Context) => {
    if (!JSON_TYPE.test(c.req.header("Content-Type") ?? "")) throw new AppError("UNSUPPORTED_CONTENT_TYPE");
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join(".")).join(",");
      throw new AppError("VALIDATION_FAILED", fields, readableMessage(parsed.error.issues));
    }
    return parsed.data as z.output<T>;
  });
}

export function params<T extends z.ZodType>(schema: T) {
  return validator("param", (value) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new AppError("NOT_FOUND", "bad path parameter");
    return parsed.data as z.output<T>;
  });
}

export function query<T extends z.ZodType>(schema: T) {
  return validator("query", (value) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new AppError("VALIDATION_FAILED", "bad query");
    return parsed.data as z.output<T>;
  });
}
