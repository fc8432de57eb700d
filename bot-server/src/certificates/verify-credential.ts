import { createPublicKey, verify } from "node:crypto";

/** An Ed25519 public key as JSON Web Key, the form published at /.well-known/hvs-certificate-keys.json. */
export interface PublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  alg?: "EdDSA";
  use?: "sig";
}

export type VerifyOutcome = { ok: true; kid: string; credential: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Checks a certificate's signed credential (compact JWS) against the published keys, with no network and
 * no database: what the CLI and any third party can do offline. Says why in Vietnamese when it fails.
 */
export function verifyCredential(jwt: string, keys: PublicJwk[]): VerifyOutcome {
  const parts = jwt.trim().split(".");
  if (parts.length !== 3) return { ok: false, reason: "Không phải chứng nhận đã ký (cần 3 phần cách nhau bởi dấu chấm)." };
  const [head, body, signature] = parts as [string, string, string];
  let header: { alg?: string; kid?: string };
  let credential: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(head, "base64url").toString("utf8"));
    credential = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "Nội dung chứng nhận bị hỏng, không đọc được." };
  }
  if (header.alg !== "EdDSA") return { ok: false, reason: `Thuật toán ký không được chấp nhận: ${String(header.alg)}.` };
  const key = keys.find((k) => k.kid === header.kid && k.kty === "OKP" && k.crv === "Ed25519");
  if (!key) return { ok: false, reason: `Không có khóa công khai "${String(header.kid)}" trong danh sách khóa đã công bố.` };
  const publicKey = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: key.x }, format: "jwk" });
  const valid = verify(null, Buffer.from(`${head}.${body}`), publicKey, Buffer.from(signature, "base64url"));
  if (!valid) return { ok: false, reason: "Chữ ký không khớp: chứng nhận đã bị sửa hoặc không do hệ thống này cấp." };
  return { ok: true, kid: key.kid, credential };
}
