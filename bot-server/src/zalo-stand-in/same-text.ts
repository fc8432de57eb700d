import { timingSafeEqual } from "node:crypto";

/** Constant-time comparison for secrets; a different length is simply unequal (timingSafeEqual would throw). */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
