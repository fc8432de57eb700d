/** What a certificate states, as issued: the same facts go into the credential, the PDF and the verify page. */
export interface CertificateFacts {
  serial: string;
  displayName: string;
  programId: string;
  programTitle: string;
  programDescription: string;
  /** The program's rule in words, e.g. "Đạt khi bài kiểm tra cuối của mỗi khóa được từ 80% trở lên." */
  criteria: string;
  communeName: string;
  issuedAt: Date;
  contentVersion: string;
}

export const verifyUrl = (baseUrl: string, serial: string) => `${baseUrl}/verify/${encodeURIComponent(serial)}`;

/**
 * The certificate as an Open Badges 3.0 credential (a W3C Verifiable Credential, data model 2.0), to be
 * signed as a VC-JWT: the JWT's payload is the credential itself, with `iss`, `nbf` and `jti` beside it.
 * The person is named by an unhashed `identifier` of type "name", since a resident has no email or DID.
 */
export function openBadgeCredential(facts: CertificateFacts, baseUrl: string) {
  const id = verifyUrl(baseUrl, facts.serial);
  const issuer = `${baseUrl}/issuer`;
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: issuer, type: ["Profile"], name: `Học Vụ Số — ${facts.communeName}` },
    validFrom: facts.issuedAt.toISOString(),
    name: facts.programTitle,
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [{ type: "IdentityObject", identityHash: facts.displayName, identityType: "name", hashed: false }],
      achievement: {
        id: `${baseUrl}/programs/${encodeURIComponent(facts.programId)}`,
        type: ["Achievement"],
        name: facts.programTitle,
        description: facts.programDescription,
        criteria: { narrative: facts.criteria },
        // The curriculum's content hash: which version of the lessons and quizzes was passed.
        version: facts.contentVersion,
      },
    },
    iss: issuer,
    nbf: Math.floor(facts.issuedAt.getTime() / 1000),
    jti: id,
  };
}

/** The signed credential wrapped as JSON, the VC data model 2.0 way of carrying a VC-JWT. */
export function envelope(jwt: string) {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    type: "EnvelopedVerifiableCredential",
    id: `data:application/vc+jwt,${jwt}`,
  };
}

/** The JWT inside an envelope (or a bare JWT), or null when the text is neither. */
export function jwtFrom(text: string): string | null {
  const trimmed = text.trim();
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(trimmed)) return trimmed;
  try {
    const parsed = JSON.parse(trimmed) as { type?: unknown; id?: unknown };
    const prefix = "data:application/vc+jwt,";
    if (parsed.type === "EnvelopedVerifiableCredential" && typeof parsed.id === "string" && parsed.id.startsWith(prefix)) {
      return parsed.id.slice(prefix.length);
    }
  } catch {
    // not JSON
  }
  return null;
}
