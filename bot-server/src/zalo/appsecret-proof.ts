import { createHmac } from "node:crypto";

/** `appsecret_proof` as Zalo's official SDKs send it: hex HMAC-SHA256 of the access token, keyed with the app secret. */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac("sha256", appSecret).update(accessToken).digest("hex");
}
