import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { vietnameseDate } from "@hvs/shared/periods";
import jsQR from "jsqr";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { type CertificateView, renderCertificatePdf, renderCertificatePng } from "./render";
import { IMAGE_SIZE } from "./render-image";
import { communeInSentence } from "./render-layout";

const view: CertificateView = {
  serial: "HVS-7K3Q-9XPA",
  displayName: "Đinh Văn Blơng",
  programTitle: "Kỹ năng số cơ bản",
  communeName: "Xã Ea Tiêu",
  issuedOn: "2026-11-23",
  contentVersion: "3f9a1c2b",
  verifyUrl: "https://hocvuso.example.vn/verify/HVS-7K3Q-9XPA",
};

/** Text as a reader's copy-paste or a screen reader gets it, through a real PDF parser, in NFC. */
async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const content = await (await doc.getPage(1)).getTextContent();
    return content.items
      .map((item) => ("str" in item ? item.str : ""))
      .join("\n")
      .normalize("NFC");
  } finally {
    await doc.destroy();
  }
}

// Samples for a person to open: tests/artifacts/ is where the e2e screenshots go too (gitignored).
const artifacts = fileURLToPath(new URL("../../../tests/artifacts/", import.meta.url));

describe("renderCertificatePdf", () => {
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    pdf = await renderCertificatePdf(view);
    text = await pdfText(pdf);
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(`${artifacts}certificate-sample.pdf`, pdf);
  });

  it("is a PDF whose text extracts with every Vietnamese mark intact", () => {
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    for (const expected of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "GIẤY CHỨNG NHẬN",
      "Hoàn thành chương trình",
      "Đinh Văn Blơng",
      "Kỹ năng số cơ bản",
      "Xã Ea Tiêu",
      "ngày 23 tháng 11 năm 2026",
      "HVS-7K3Q-9XPA",
      "3f9a1c2b",
      "Kiểm tra chứng nhận: https://hocvuso.example.vn/verify/HVS-7K3Q-9XPA",
      "Xác nhận bởi hệ thống Học Vụ Số",
    ]) {
      expect(text).toContain(expected.normalize("NFC"));
    }
    expect(text).not.toContain("THU HỒI");
  });

  it("carries its title and author and is byte-for-byte the same when rendered again", async () => {
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const { info } = await doc.getMetadata();
    await doc.destroy();
    expect(info).toMatchObject({
      Author: "Học Vụ Số",
      Title: "Giấy chứng nhận HVS-7K3Q-9XPA — Đinh Văn Blơng",
      Subject: "Hoàn thành chương trình Kỹ năng số cơ bản — Xã Ea Tiêu",
      Language: "vi-VN",
    });
    expect((await renderCertificatePdf(view)).equals(pdf)).toBe(true);
  });

  // Renders several PDFs in one process with overlapping letters: fonts shared between documents once
  // dropped letters from the later ones' text. The second name is typed decomposed, as some phones send it.
  it("prints a revoked or withdrawn certificate's status across it, and a decomposed name as the same letters", async () => {
    const revoked = await pdfText(await renderCertificatePdf({ ...view, status: "revoked" }));
    expect(revoked).toContain("ĐÃ THU HỒI");
    expect(revoked).toContain("Giấy chứng nhận này không còn giá trị.");
    const withdrawn = await pdfText(
      await renderCertificatePdf({ ...view, status: "withdrawn", displayName: "Y Hđơk Niê Kđăm".normalize("NFD") }),
    );
    expect(withdrawn).toContain("ĐÃ RÚT THEO YÊU CẦU của người học");
    expect(withdrawn).toContain("Y Hđơk Niê Kđăm");
    expect(withdrawn).not.toContain("THU HỒI");
  });
});

describe("renderCertificatePng", () => {
  let png: Buffer;
  beforeAll(async () => {
    png = await renderCertificatePng(view);
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(`${artifacts}certificate-sample.png`, png);
  });

  it("is a PNG of the expected size", () => {
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(IMAGE_SIZE);
  });

  it("has a QR code that a phone decodes to the verify URL, and its text drawn with the bundled fonts", () => {
    const image = PNG.sync.read(png);
    // Only the lower-left corner where the layout puts the code, as a person would frame it: a tenth of
    // the pixels, so a tenth of jsQR's time.
    const crop = { x: 40, y: 520, width: 280, height: 260 };
    const corner = new Uint8ClampedArray(crop.width * crop.height * 4);
    for (let row = 0; row < crop.height; row++) {
      const from = ((crop.y + row) * image.width + crop.x) * 4;
      corner.set(image.data.subarray(from, from + crop.width * 4), row * crop.width * 4);
    }
    expect(jsQR(corner, crop.width, crop.height)?.data).toBe(view.verifyUrl);

    // With system fonts off, a font that failed to load would leave the page blank where text goes:
    // the red title band must hold plenty of red ink.
    let red = 0;
    for (let y = 190; y < 225; y++) {
      for (let x = 300; x < 900; x++) {
        const i = (y * image.width + x) * 4;
        if ((image.data[i] ?? 0) > 110 && (image.data[i + 1] ?? 255) < 80) red++;
      }
    }
    expect(red).toBeGreaterThan(2000);
  });
});

describe("wording", () => {
  it("writes dates the Vietnamese way, with the zeros administrative papers use", () => {
    expect(vietnameseDate("2026-11-23")).toBe("ngày 23 tháng 11 năm 2026");
    expect(vietnameseDate("2027-02-05")).toBe("ngày 05 tháng 02 năm 2027");
    expect(vietnameseDate("2027-03-10")).toBe("ngày 10 tháng 3 năm 2027");
    expect(() => vietnameseDate("2026-02-30")).toThrow(/ISO calendar date/);
    expect(() => vietnameseDate("23/11/2026")).toThrow(/ISO calendar date/);
  });

  it("puts an administrative unit in lower case inside a sentence", () => {
    expect(communeInSentence("Xã Ea Tiêu")).toBe("xã Ea Tiêu");
    expect(communeInSentence("Phường Tân Lập")).toBe("phường Tân Lập");
    expect(communeInSentence("Ea Tiêu")).toBe("Ea Tiêu");
  });
});
