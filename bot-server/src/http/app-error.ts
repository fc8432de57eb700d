import { ERRORS, type ErrorCode } from "@hvs/shared/errors";

/** The one error type handlers throw; `onError` turns it into `{code, message, requestId}`. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** For the server's own log only: may name ids, never personal data. */
    detail?: string,
    /** Replaces the code's standard message when a more precise one helps the reader (which field, why). */
    readonly publicMessage?: string,
  ) {
    super(detail ?? code);
    this.status = ERRORS[code].status;
  }
}
