import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { html } from "hono/html";
import { issueEarned, programsFinishedBy } from "../certificates/issue";
import type { Db, DbOrTx } from "../db/client";
import { certificates, learners, quizAttempts, reviewFlags, villages } from "../db/schema";
import { refreshAfterQuizPass } from "../households/readiness";
import { AppError } from "../http/app-error";
import { milestoneRules, recomputeCertified, recomputeCourseFinished } from "../indicators/milestones";
import type { CurriculumIndex } from "../learning/curriculum";
import { csrfField, staffLayout } from "./pages";

/** The learner lives in the commune: staff act only on their own commune's people, never another's. */
function livesIn(tx: DbOrTx, learnerId: SQLiteColumn, communeId: number) {
  return inArray(
    learnerId,
    tx
      .select({ id: learners.id })
      .from(learners)
      .innerJoin(villages, eq(villages.id, learners.villageId))
      .where(eq(villages.communeId, communeId)),
  );
}

const date = (d: Date) => d.toLocaleDateString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });

/** Certificates of learners living in the commune: staff of one commune never see another's. */
function communeCertificates(db: Db, communeId: number) {
  return db
    .select({
      serial: certificates.serial,
      displayName: certificates.displayName,
      programTitle: certificates.programTitle,
      village: villages.name,
      issuedAt: certificates.issuedAt,
      status: certificates.status,
      statusReason: certificates.statusReason,
    })
    .from(certificates)
    .innerJoin(learners, eq(learners.id, certificates.learnerId))
    .innerJoin(villages, eq(villages.id, learners.villageId))
    .where(eq(villages.communeId, communeId))
    .orderBy(desc(certificates.issuedAt))
    .limit(500)
    .all();
}

function openFlags(db: Db, communeId: number) {
  return db
    .select({
      id: reviewFlags.id,
      displayName: learners.displayName,
      village: villages.name,
      quizId: quizAttempts.quizId,
      detail: reviewFlags.detail,
      createdAt: reviewFlags.createdAt,
    })
    .from(reviewFlags)
    .innerJoin(learners, eq(learners.id, reviewFlags.learnerId))
    .innerJoin(villages, eq(villages.id, learners.villageId))
    .innerJoin(quizAttempts, eq(quizAttempts.id, reviewFlags.attemptId))
    .where(and(eq(villages.communeId, communeId), isNull(reviewFlags.resolution)))
    .orderBy(reviewFlags.createdAt)
    .all();
}

const STATUS = { valid: "Hợp lệ", revoked: "Đã thu hồi", withdrawn: "Đã rút theo yêu cầu" } as const;

export function certificatesPage(
  db: Db,
  content: CurriculumIndex,
  communeId: number,
  viewer: { username: string; csrf: string },
  notice?: string,
) {
  const flags = openFlags(db, communeId);
  const rows = communeCertificates(db, communeId);
  const quizTitle = (id: string) => content.quizzes.get(id)?.title ?? id;
  return staffLayout(
    "Chứng nhận",
    { ...viewer, current: "/admin/certificates" },
    html`${notice ? html`<p class="note" role="status">${notice}</p>` : ""}
    <div class="card">
      <h2>Kết quả cần cán bộ xem (${flags.length})</h2>
      <p class="note">Bài kiểm tra cuối khóa làm xong nhanh hơn thời gian một người đọc được câu hỏi. Chưa cấp chứng nhận cho đến khi cán bộ xem: chấp nhận nếu đã biết người học làm thật (ví dụ làm cùng tổ công nghệ số).</p>
      <table id="flags">
        <thead><tr><th>Người học</th><th>Thôn</th><th>Bài kiểm tra</th><th>Thời gian làm</th><th>Ngày</th><th></th></tr></thead>
        <tbody>
          ${flags.map(
            (f) => html`<tr>
              <td>${f.displayName ?? "(đã xóa dữ liệu)"}</td><td>${f.village}</td><td>${quizTitle(f.quizId)}</td><td>${f.detail}</td><td>${date(f.createdAt)}</td>
              <td>
                <form method="post" action="/admin/flags/${f.id}">${csrfField(viewer.csrf)}<input type="hidden" name="decision" value="accepted" /><button type="submit">Chấp nhận</button></form>
                <form method="post" action="/admin/flags/${f.id}">${csrfField(viewer.csrf)}<input type="hidden" name="decision" value="rejected" /><button type="submit">Không chấp nhận</button></form>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <div class="card" style="margin-top:24px">
      <h2>Chứng nhận đã cấp (${rows.length})</h2>
      <table id="certificates">
        <thead><tr><th>Số hiệu</th><th>Người học</th><th>Thôn</th><th>Chương trình</th><th>Ngày cấp</th><th>Trạng thái</th><th>Thu hồi</th></tr></thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr data-serial="${r.serial}">
              <td><a href="/verify/${r.serial}">${r.serial}</a></td><td>${r.displayName ?? "—"}</td><td>${r.village}</td><td>${r.programTitle}</td>
              <td>${date(r.issuedAt)}</td><td>${STATUS[r.status]}${r.statusReason ? html`: ${r.statusReason}` : ""}</td>
              <td>${
                r.status === "valid"
                  ? html`<form method="post" action="/admin/certificates/${r.serial}/revoke">
                      ${csrfField(viewer.csrf)}
                      <label for="reason-${r.serial}">Lý do</label>
                      <input id="reason-${r.serial}" name="reason" required maxlength="300" />
                      <button type="submit">Thu hồi</button>
                    </form>`
                  : ""
              }</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`,
  );
}

/** Within the staff member's commune only; the reason is shown on the public verify page. */
export function revokeCertificate(db: Db, communeId: number, staffId: number, serial: string, reason: string, now: Date): void {
  const text = reason.trim().slice(0, 300);
  if (text === "") throw new AppError("VALIDATION_FAILED", "revocation needs a reason");
  db.transaction(
    (tx) => {
      const row = tx
        .select({ id: certificates.id, status: certificates.status, learnerId: certificates.learnerId })
        .from(certificates)
        .where(and(eq(certificates.serial, serial), livesIn(tx, certificates.learnerId, communeId)))
        .get();
      if (!row) throw new AppError("NOT_FOUND");
      if (row.status !== "valid") return;
      tx.update(certificates)
        .set({ status: "revoked", statusReason: text, statusChangedAt: now, statusChangedBy: staffId })
        .where(eq(certificates.id, row.id))
        .run();
      recomputeCertified(tx, row.learnerId);
    },
    { behavior: "immediate" },
  );
}

/** Accepting releases the held pass and issues what it earns; rejecting leaves it held for good. */
export function resolveFlag(
  db: Db,
  content: CurriculumIndex,
  communeId: number,
  staffId: number,
  flagId: number,
  decision: "accepted" | "rejected",
  now: Date,
): void {
  db.transaction(
    (tx) => {
      const flag = tx
        .select({
          id: reviewFlags.id,
          learnerId: reviewFlags.learnerId,
          attemptId: reviewFlags.attemptId,
          resolution: reviewFlags.resolution,
        })
        .from(reviewFlags)
        .where(and(eq(reviewFlags.id, flagId), livesIn(tx, reviewFlags.learnerId, communeId)))
        .get();
      if (!flag) throw new AppError("NOT_FOUND");
      if (flag.resolution !== null) return;
      tx.update(reviewFlags).set({ resolution: decision, resolvedAt: now, resolvedBy: staffId }).where(eq(reviewFlags.id, flag.id)).run();
      if (decision === "rejected") return;
      const attempt = tx
        .update(quizAttempts)
        .set({ heldForReview: false })
        .where(eq(quizAttempts.id, flag.attemptId))
        .returning({ quizId: quizAttempts.quizId })
        .get();
      if (attempt) {
        recomputeCourseFinished(tx, milestoneRules(content), flag.learnerId);
        refreshAfterQuizPass(tx, content, flag.learnerId);
        issueEarned(tx, flag.learnerId, content, programsFinishedBy(content, attempt.quizId), now);
      }
    },
    { behavior: "immediate" },
  );
}
