import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CertificateList } from "@hvs/shared/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CORRECT_ANSWERS } from "../test-support/fixture-curriculum";
import { createTestSystem, TEST_USERS, type TestSystem } from "../test-support/system";

const CLI = fileURLToPath(new URL("./verify-certificate.ts", import.meta.url));

let system: TestSystem;
let dir: string;
beforeEach(async () => {
  system = await createTestSystem();
  dir = mkdtempSync(join(tmpdir(), "hvs-verify-"));
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  await system.close();
});

const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], { encoding: "utf8" });

describe("verify-certificate (offline)", () => {
  it("says genuine for a downloaded certificate, not genuine when a byte changes, and explains wrong use", async () => {
    const token = await system.signIn(TEST_USERS[0]?.id ?? "");
    await system.takeQuiz(token, CORRECT_ANSWERS);
    const { certificates } = CertificateList.parse(await (await system.call(token, "GET", "/api/certificates")).json());
    const credential = await (await system.call(token, "GET", `/api/certificates/${certificates[0]?.serial}/credential.json`)).text();
    const keys = await (await system.app.request("/.well-known/hvs-certificate-keys.json")).text();
    writeFileSync(join(dir, "chung-nhan.json"), credential);
    writeFileSync(join(dir, "khoa.json"), keys);

    const good = run(join(dir, "chung-nhan.json"), "--keys", join(dir, "khoa.json"));
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain("HỢP LỆ");
    expect(good.stdout).toContain("Người Thử Một");
    expect(good.stdout).toContain("Học Vụ Số — Xã Thử");

    // One byte of the name changed in the signed payload.
    const [head, body, signature] = (JSON.parse(credential) as { id: string }).id.replace("data:application/vc+jwt,", "").split(".");
    const forged = Buffer.from(body ?? "", "base64url")
      .toString("utf8")
      .replace("Người Thử Một", "Người Thử Mốt");
    writeFileSync(join(dir, "sua.jwt"), `${head}.${Buffer.from(forged).toString("base64url")}.${signature}`);
    const bad = run(join(dir, "sua.jwt"), "--keys", join(dir, "khoa.json"));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("KHÔNG HỢP LỆ: Chữ ký không khớp");

    const wrongUse = run(join(dir, "chung-nhan.json"));
    expect(wrongUse.status).toBe(2);
    expect(wrongUse.stderr).toContain("Cách dùng");
  });
});
