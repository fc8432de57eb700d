import { readFileSync } from "node:fs";
import { jwtFrom } from "../certificates/credential";
import { type PublicJwk, verifyCredential } from "../certificates/verify-credential";

/**
 * Checks a downloaded certificate with no network: `npm run verify-certificate -w bot-server -- <tệp.json>
 * --keys <khóa.json>`, where the keys file is the server's /.well-known/hvs-certificate-keys.json saved
 * once. Exit code 0 when genuine, 1 when not, 2 when the command itself is wrong.
 */
const USAGE = `Cách dùng: verify-certificate <chứng nhận .json hoặc .jwt> --keys <hvs-certificate-keys.json>
  Tệp khóa là trang /.well-known/hvs-certificate-keys.json của máy chủ đã cấp, tải về một lần.`;

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function read(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    usage(`Không đọc được ${what}: ${path}`);
  }
}

const args = process.argv.slice(2);
const keysAt = args.indexOf("--keys");
const keysPath = keysAt === -1 ? undefined : args[keysAt + 1];
const file = args.find((a, i) => a !== "--keys" && i !== keysAt + 1);
if (!file || !keysPath) usage("Thiếu tệp chứng nhận hoặc tệp khóa.");

const jwt = jwtFrom(read(file, "tệp chứng nhận"));
if (!jwt) {
  console.error("KHÔNG HỢP LỆ: tệp không chứa chứng nhận đã ký của Học Vụ Số.");
  process.exit(1);
}
let keys: PublicJwk[];
try {
  keys = (JSON.parse(read(keysPath, "tệp khóa")) as { keys: PublicJwk[] }).keys;
  if (!Array.isArray(keys)) throw new Error("no keys");
} catch {
  usage('Tệp khóa không đúng dạng (cần {"keys": [...]}).');
}

const outcome = verifyCredential(jwt, keys);
if (!outcome.ok) {
  console.error(`KHÔNG HỢP LỆ: ${outcome.reason}`);
  process.exit(1);
}
const vc = outcome.credential as {
  name?: string;
  validFrom?: string;
  id?: string;
  issuer?: { name?: string };
  credentialSubject?: { identifier?: { identityHash?: string }[]; achievement?: { version?: string } };
};
console.log("HỢP LỆ: chữ ký khớp khóa công khai đã công bố.");
console.log(`  Họ và tên:    ${vc.credentialSubject?.identifier?.[0]?.identityHash ?? ""}`);
console.log(`  Chương trình: ${vc.name ?? ""}`);
console.log(`  Nơi cấp:      ${vc.issuer?.name ?? ""}`);
console.log(`  Ngày cấp:     ${vc.validFrom?.slice(0, 10) ?? ""}`);
console.log(`  Nội dung:     phiên bản ${vc.credentialSubject?.achievement?.version ?? ""}`);
console.log(`  Khóa ký:      ${outcome.kid}`);
console.log(`Chữ ký không cho biết chứng nhận có bị thu hồi sau đó hay không; khi có mạng, mở ${vc.id ?? "trang kiểm tra"}.`);
