/**
 * Certificates as a printable PDF and a shareable PNG. Pure: a view in, bytes out, no database and no
 * HTTP, so the issuing code decides what a certificate says and this only decides how it looks.
 */

import type { CertificateStatus } from "@hvs/shared/api";

export interface CertificateView {
  /** e.g. "HVS-7K3Q-9XPA" */
  serial: string;
  /** As the learner wrote it, e.g. "Đinh Văn Blơng", "Y Hđơk". */
  displayName: string;
  /** e.g. "Kỹ năng số cơ bản" */
  programTitle: string;
  /** e.g. "Xã Ea Tiêu" */
  communeName: string;
  /** ISO calendar date, e.g. "2026-11-23"; printed "ngày 23 tháng 11 năm 2026". */
  issuedOn: string;
  /** Short hash of the curriculum the learner completed, e.g. "3f9a1c2b". */
  contentVersion: string;
  /** Encoded in the QR code and printed under it. */
  verifyUrl: string;
  /** Anything but "valid" is printed across the page, so a revoked paper cannot pass for a good one. */
  status?: CertificateStatus;
}

export { renderCertificatePng } from "./render-image";
export { renderCertificatePdf } from "./render-pdf";
