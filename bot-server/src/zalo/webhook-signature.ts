import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Zalo's OA webhook signature, in one place because Zalo's documentation (the webhook event pages of the
 * Official Account API) is the only source and it is terse: the `X-ZEvent-Signature` header is
 * `mac=` + hex(SHA-256(app id + raw body + timestamp + OA secret key)). Not an HMAC; the timestamp is the
 * body's own `timestamp` field. Correct it here if a live event shows otherwise.
 */
export function zaloEventMac(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return `mac=${createHash("sha256")
    .update(appId + rawBody + timestamp + oaSecretKey, "utf8")
    .digest("hex")}`;
}

/** Compared in constant time; a header of another length is simply wrong (timingSafeEqual would throw). */
export function signatureMatches(header: string | undefined, expected: string): boolean {
  if (!header) return false;
  const given = Buffer.from(header.trim(), "utf8");
  const wanted = Buffer.from(expected, "utf8");
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
