import type { IncomingMessage } from "node:http";
import type { HttpBindings } from "@hono/node-server";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "./app-error";

const TEXT_TYPES = /^(application\/json|application\/x-www-form-urlencoded|text\/)/i;

/**
 * Reads every request body once, at most `maxBytes`, answering 413 beyond that (also for chunked bodies,
 * which carry no Content-Length). On Node it reads Node's own stream: @hono/node-server otherwise builds a
 * fetch `Request` with a web stream around it the first time anything looks at the body, which on the
 * webhook and progress paths cost more than checking the signature or the session. The bytes go into
 * Hono's body cache, so `c.req.json()`, `text()` and `parseBody()` read them as usual. Under
 * `app.request()` (tests) there is no Node stream and Hono's own body limit does the same job.
 */
export function boundedBody(maxBytes: number): MiddlewareHandler {
  const fallback = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
    if (!incoming) return fallback(c, next);
    const body = await readIncoming(incoming, maxBytes);
    if (body === "too large") tooLarge();
    cache(c, body);
    return next();
  };
}

function tooLarge(): never {
  throw new AppError("PAYLOAD_TOO_LARGE");
}

function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Buffer | "too large"> {
  // A declared length over the limit is refused before a byte is read.
  if (Number(incoming.headers["content-length"] ?? 0) > maxBytes) return Promise.resolve("too large");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (outcome: Buffer | "too large" | Error) => {
      incoming.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return done("too large");
      chunks.push(chunk);
    };
    const onEnd = () => done(Buffer.concat(chunks, size));
    const onError = (error: Error) => done(error);
    // The phone went away mid-body: nobody is waiting for an answer, but the request must not hang.
    const onClose = () => done(new Error("request body aborted"));
    incoming.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/**
 * Hono reads every body through `c.req.bodyCache` before asking the `Request`, so the bytes read here are
 * what the handlers see. Text as `fetch` would decode it (UTF-8, a leading BOM dropped); other bodies as
 * bytes.
 */
function cache(c: Context, body: Buffer): void {
  // Hono's type names the values, but it stores (and awaits) the promises that `Request` methods return.
  const cached = c.req.bodyCache as { text?: Promise<string>; arrayBuffer?: Promise<ArrayBuffer> };
  if (TEXT_TYPES.test(c.req.header("content-type") ?? "")) cached.text = Promise.resolve(new TextDecoder().decode(body));
  else cached.arrayBuffer = Promise.resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
}
