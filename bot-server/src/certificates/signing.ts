import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import type { DbOrTx } from "../db/client";
import { signingKeys } from "../db/schema";
import type { PublicJwk } from "./verify-credential";

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: PublicJwk;
}

function toSigningKey(row: typeof signingKeys.$inferSelect): SigningKey {
  return {
    kid: row.kid,
    privateKey: createPrivateKey(row.privateKeyPem),
    publicJwk: { kty: "OKP", crv: "Ed25519", x: row.publicKey, kid: row.kid, alg: "EdDSA", use: "sig" },
  };
}

/**
 * The key certificates are signed with: made on the server's first start, kept in the database ever after.
 * Called at start-up so the public key is published before the first certificate needs it.
 */
export function ensureSigningKey(db: DbOrTx, now: Date): SigningKey {
  const existing = db.select().from(signingKeys).orderBy(signingKeys.createdAt).limit(1).get();
  if (existing) return toSigningKey(existing);
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const x = publicKey.export({ format: "jwk" }).x;
  if (!x) throw new Error("Ed25519 public key without x");
  const row = {
    kid: `hvs-${now.toISOString().slice(0, 10)}-${randomBytes(4).toString("hex")}`,
    publicKey: x,
    privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    createdAt: now,
  };
  // Two processes starting at once: the second insert is ignored and both read the one that won.
  db.insert(signingKeys).values(row).onConflictDoNothing().run();
  const kept = db.select().from(signingKeys).orderBy(signingKeys.createdAt).limit(1).get();
  if (!kept) throw new Error("signing key missing after insert");
  return toSigningKey(kept);
}

/** Every public key the server has signed with, as a JWK set: what a verifier downloads once and keeps. */
export function publishedKeys(db: DbOrTx): { keys: PublicJwk[] } {
  return {
    keys: db
      .select()
      .from(signingKeys)
      .all()
      .map((row) => toSigningKey(row).publicJwk),
  };
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/** A compact JWS (EdDSA) over the payload: the VC-JWT form Open Badges 3.0 accepts. */
export function signJwt(payload: object, key: SigningKey): string {
  const header = { alg: "EdDSA", typ: "JWT", kid: key.kid };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${signingInput}.${base64url(sign(null, Buffer.from(signingInput), key.privateKey))}`;
}
