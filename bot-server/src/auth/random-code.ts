import { randomBytes } from "node:crypto";

// Crockford's base32 without I, L, O, U: a code read aloud or typed from paper is not misread.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Eight characters, 40 random bits: too many to guess, short enough to read over the phone. */
export function randomCode8(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = "";
  for (let i = 0; i < 8; i++) out += ALPHABET[Number((bits >> BigInt(35 - i * 5)) & 31n)];
  return out;
}
