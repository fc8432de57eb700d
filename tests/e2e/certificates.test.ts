import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CertificateList, ProgressEvent } from "@hvs/shared/api";
import { CONSENT_VERSION } from "@hvs/shared/consent";
import { Curriculum } from "@hvs/shared/content";
import { describe, expect, it } from "vitest";
import { newPhone } from "../support/chromium";
import { apiJson, signInResident } from "../support/resident";
import { shot, startedForFile } from "../support/started-for-file";
import { REPO } from "../support/started-system";

const RESIDENT = "Nguyễn Thị Lan";
const started = startedForFile();

/** Every final quiz of the program, answered right at a person's pace (by the phone's clock). */
function passProgram(curriculum: Curriculum): ProgressEvent[] {
  const program = curriculum.programs[0];
  if (!program) throw new Error("the curriculum has a program");
  let at = Date.now() - 60 * 60_000;
  const tick = () => {
    at += 20_000;
    return new Date(at).toISOString();
  };
  return program.courses.flatMap((courseId) => {
    const course = curriculum.courses.find((c) => c.id === courseId);
    const quiz = course?.quizzes.find((q) => q.id === course.finalQuiz);
    if (!quiz) throw new Error(`course ${courseId} has a final quiz`);
    const attemptId = crypto.randomUUID();
    const start: ProgressEvent = {
      id: crypto.randomUUID(),
      at: tick(),
      type: "attempt_started",
      attemptId,
      quizId: quiz.id,
      quizVersion: quiz.version,
    };
    const answers = quiz.questions.map(
      (q): ProgressEvent => ({
        id: crypto.randomUUID(),
        at: tick(),
        type: "answer",
        attemptId,
        questionId: q.id,
        optionIds: q.options.filter((o) => o.correct).map((o) => o.id),
      }),
    );
    return [start, ...answers];
  });
}

describe("certificates", () => {
  it("a resident who passes the program gets a certificate anyone can check, and staff can revoke it", async () => {
    const { system, browser } = started;
    const curriculum = Curriculum.parse(JSON.parse(readFileSync(join(REPO, "content/dist/curriculum.json"), "utf8")));
    const { token, me } = await signInResident(system, RESIDENT);
    const events = passProgram(curriculum);
    for (let i = 0; i < events.length; i += 40) {
      await apiJson(`${system.apiUrl}/api/progress`, { method: "POST", token, body: { events: events.slice(i, i + 40) } });
    }
    const { certificates } = await apiJson<CertificateList>(`${system.apiUrl}/api/certificates`, { token });
    expect(certificates).toHaveLength(1);
    const [certificate] = certificates;
    if (!certificate) throw new Error("a certificate was issued");
    expect(certificate).toMatchObject({ displayName: RESIDENT, programTitle: "Kỹ năng số cơ bản", status: "valid" });

    // The resident's phone: the certificate, its picture, and the ways to share and save it.
    const phone = await newPhone(browser);
    await phone.addInitScript(
      ({ session, consent }) => {
        localStorage.setItem("hvs.session", session);
        localStorage.setItem("hvs.consent", consent);
      },
      { session: JSON.stringify({ token, me }), consent: CONSENT_VERSION },
    );
    const page = await phone.newPage();
    await page.goto(system.miniAppUrl);
    await page.getByRole("button", { name: "Chứng nhận của tôi" }).first().click();
    const picture = page.getByRole("img", { name: `Giấy chứng nhận Kỹ năng số cơ bản của ${RESIDENT}` });
    await picture.waitFor();
    await expect
      .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await page.getByRole("button", { name: "Chia sẻ qua Zalo" }).waitFor();
    await page.getByRole("button", { name: "Lưu ảnh vào máy" }).waitFor();
    await shot(page, "40-certificate-in-app");

    // Anyone with the QR code: the public page says it is genuine.
    const verifier = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await verifier.goto(certificate.verifyUrl);
    await verifier.getByText("Chứng nhận hợp lệ").waitFor();
    await verifier.getByText(RESIDENT).waitFor();
    await shot(verifier, "41-verify-valid");
    const pdf = await fetch(certificate.pdfUrl);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    await verifier.goto(`${system.apiUrl}/verify/HVS-0000-0000`);
    await verifier.getByText("Không tìm thấy chứng nhận số HVS-0000-0000").waitFor();
    await shot(verifier, "42-verify-unknown");

    // Staff revoke it with a reason; the public page then says so.
    const admin = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    await admin.goto(`${system.apiUrl}/admin`);
    await admin.fill("#username", system.staff.username);
    await admin.fill("#password", system.staff.password);
    await admin.click("button[type=submit]");
    await admin.waitForURL(`${system.apiUrl}/admin`);
    await admin.getByRole("link", { name: "Chứng nhận", exact: true }).click();
    const row = admin.locator(`tr[data-serial="${certificate.serial}"]`);
    await row.getByLabel("Lý do").fill("Cấp nhầm người");
    await row.getByRole("button", { name: "Thu hồi" }).click();
    await admin.getByText("Đã thu hồi chứng nhận.").waitFor();
    await shot(admin, "43-admin-certificates");

    await verifier.goto(certificate.verifyUrl);
    await verifier.getByText("Chứng nhận đã bị thu hồi").waitFor();
    await verifier.getByText("Cấp nhầm người").waitFor();
    await shot(verifier, "44-verify-revoked");
    await phone.close();
  });
});
