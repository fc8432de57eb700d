import type { MiddlewareHandler } from "hono";

/**
 * Both set their headers before the handler runs, onto the headers the handler's `c.json()` (or `c.html()`,
 * `c.body()`, the error handler's answer) is built with; a route that sets one itself (media loosening
 * CORP) replaces it. Hono's own secureHeaders and cors set theirs on `c.res` instead, which makes Node's
 * adapter build a full fetch Response for every answer and Hono then copy it: on the progress path that was
 * a tenth of the server's time. Every response here comes from the context, none from `new Response()`.
 */

// The defaults of Hono's secureHeaders: HSTS, no sniffing or framing elsewhere, no referrer, same-origin
// resources and windows unless a route says otherwise.
const SECURITY_HEADERS: [string, string][] = [
  ["Cross-Origin-Resource-Policy", "same-origin"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Origin-Agent-Cluster", "?1"],
  ["Referrer-Policy", "no-referrer"],
  ["Strict-Transport-Security", "max-age=15552000; includeSubDomains"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-DNS-Prefetch-Control", "off"],
  ["X-Download-Options", "noopen"],
  ["X-Frame-Options", "SAMEORIGIN"],
  ["X-Permitted-Cross-Domain-Policies", "none"],
  ["X-XSS-Protection", "0"],
];

export function securityHeaders(): MiddlewareHandler {
  return (c, next) => {
    for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
    return next();
  };
}

/** Any origin may call, with these methods and headers; a preflight (OPTIONS) is answered here. */
export function anyOriginCors({
  methods,
  headers,
  maxAgeSeconds,
}: {
  methods: string[];
  headers: string[];
  maxAgeSeconds: number;
}): MiddlewareHandler {
  const allowMethods = methods.join(",");
  const allowHeaders = headers.join(",");
  return (c, next) => {
    c.header("Access-Control-Allow-Origin", "*");
    if (c.req.method !== "OPTIONS") return next();
    c.header("Access-Control-Allow-Methods", allowMethods);
    c.header("Access-Control-Allow-Headers", allowHeaders);
    c.header("Access-Control-Max-Age", String(maxAgeSeconds));
    return Promise.resolve(c.body(null, 204));
  };
}
