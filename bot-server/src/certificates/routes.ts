import type { CertificateList } from "@hvs/shared/api";
import { desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import type { Db } from "../db/client";
import { certificates } from "../db/schema";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";
import { params } from "../http/validate";
import type { CurriculumIndex } from "../learning/curriculum";
import { verifyUrl } from "./credential";
import { type CertificateView, renderCertificatePdf, renderCertificatePng } from "./render";
import { publishedKeys } from "./signing";
import { findBySerial, signedCredential } from "./store";
import { verifyPage } from "./verify-page";

export const SERIAL = /^HVS-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
const SerialParams = z.object({ serial: z.string().regex(SERIAL) });

interface Deps {
  db: Db;
  content: CurriculumIndex;
  now: () => Date;
  /** The server's public address for links in certificates; the request's own origin when unset. */
  publicBaseUrl?: string;
}

const baseUrlOf = (deps: Pick<Deps, "publicBaseUrl">, requestUrl: string) =>
  (deps.publicBaseUrl ?? new URL(requestUrl).origin).replace(/\/$/, "");

/** The signed-in learner's certificates, and the signed credential of each to download. */
export function createCertificateRoutes(deps: Deps) {
  const { db, content, now } = deps;
  return new Hono<AppEnv>()
    .get("/", (c) => {
      const base = baseUrlOf(deps, c.req.url);
      const rows = db
        .select()
        .from(certificates)
        .where(eq(certificates.learnerId, c.get("learnerId")))
        .orderBy(desc(certificates.issuedAt))
        .all();
      const body: CertificateList = {
        certificates: rows.map((row) => {
          const url = verifyUrl(base, row.serial);
          return {
            serial: row.serial,
            programId: row.programId,
            programTitle: row.programTitle,
            displayName: row.displayName,
            communeName: row.communeName,
            issuedAt: row.issuedAt.toISOString(),
            status: row.status,
            verifyUrl: url,
            imageUrl: `${url}/certificate.png`,
            pdfUrl: `${url}/certificate.pdf`,
          };
        }),
      };
      c.header("Cache-Control", "no-store");
      return c.json(body, 200);
    })
    .get("/:serial/credential.json", params(SerialParams), (c) => {
      const row = findBySerial(db, c.req.valid("param").serial);
      // Someone else's serial is simply not found here (they can still check it on the public page).
      if (!row || row.learnerId !== c.get("learnerId")) throw new AppError("NOT_FOUND");
      const credential = signedCredential(db, row, content, baseUrlOf(deps, c.req.url), now());
      if (!credential) throw new AppError("NOT_FOUND");
      c.header("Content-Disposition", `attachment; filename="${row.serial}.json"`);
      return c.json(credential, 200);
    });
}

/** The day the certificate was issued, as a calendar date in Vietnam. */
const issuedOn = (at: Date) => at.toLocaleDateString("sv-SE", { timeZone: "Asia/Ho_Chi_Minh" });

/**
 * Public: the page the QR code opens, and the certificate as a picture (to share on Zalo, save on the
 * phone) and a PDF (to print). They show what the page shows; a withdrawn one names nobody, so has none.
 */
export function createVerifyRoutes(deps: Pick<Deps, "db" | "publicBaseUrl">) {
  const { db } = deps;
  const viewOf = (serial: string, requestUrl: string): CertificateView => {
    const row = SERIAL.test(serial) ? findBySerial(db, serial) : undefined;
    if (!row?.displayName || row.status === "withdrawn") throw new AppError("NOT_FOUND");
    return {
      serial: row.serial,
      displayName: row.displayName,
      programTitle: row.programTitle,
      communeName: row.communeName,
      issuedOn: issuedOn(row.issuedAt),
      contentVersion: row.contentVersion,
      verifyUrl: verifyUrl(baseUrlOf(deps, requestUrl), row.serial),
      status: row.status,
    };
  };
  return new Hono<AppEnv>()
    .get("/:serial", (c) => {
      const serial = c.req.param("serial").toUpperCase().slice(0, 20);
      const row = SERIAL.test(serial) ? findBySerial(db, serial) : undefined;
      c.header("Cache-Control", "no-store");
      return c.html(verifyPage(row, serial), row ? 200 : 404);
    })
    .get("/:serial/certificate.png", params(SerialParams), async (c) => {
      const png = await renderCertificatePng(viewOf(c.req.valid("param").serial, c.req.url));
      c.header("Cache-Control", "no-cache");
      // Shown inside the mini app (Zalo's origin) and shared into chats: other origins must be able to load it.
      c.header("Cross-Origin-Resource-Policy", "cross-origin");
      return c.body(new Uint8Array(png), 200, { "Content-Type": "image/png" });
    })
    .get("/:serial/certificate.pdf", params(SerialParams), async (c) => {
      const { serial } = c.req.valid("param");
      const pdf = await renderCertificatePdf(viewOf(serial, c.req.url));
      c.header("Cache-Control", "no-cache");
      return c.body(new Uint8Array(pdf), 200, {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="chung-nhan-${serial}.pdf"`,
      });
    });
}

export function createKeyRoutes({ db }: Pick<Deps, "db">) {
  return new Hono<AppEnv>().get("/hvs-certificate-keys.json", (c) => c.json(publishedKeys(db), 200));
}
