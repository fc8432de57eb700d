import { addDays, type Period, vietnameseDay } from "@hvs/shared/periods";
import { atVietnamTime } from "@hvs/shared/vietnam-time";
import { and, asc, eq, gte, inArray, isNotNull, lt, lte, ne, sql } from "drizzle-orm";
import { type SQLiteColumn, union } from "drizzle-orm/sqlite-core";
import { html } from "hono/html";
import type { Db } from "../db/client";
import { certificates, classAttendance, classes, learners, quizAttempts, teamMembers, villages } from "../db/schema";
import type { ReportCell, ReportTable } from "../reports/report-table";
import { INVITE_TTL_MS } from "../teams/invites";
import { communeVillages } from "../villages/commune-villages";
import { csrfField, staffLayout, vietnamDate, vietnamDateTime } from "./pages";

/** Who is looking: every form on these pages carries their CSRF token. */
interface Viewer {
  username: string;
  csrf: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Read aloud or copied from paper in two halves: 7KQ2M9XD is shown as 7KQ2-M9XD. Joining accepts both. */
export function formatInviteCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The mini app opened with the invitation; "" when no mini app address is configured. */
export function inviteLink(miniAppUrl: string, code: string): string {
  if (miniAppUrl === "") return "";
  return `${miniAppUrl}${miniAppUrl.includes("?") ? "&" : "?"}invite=${encodeURIComponent(code)}`;
}

/** How long an invitation lasts, in words the staff member repeats to the person. */
export const INVITE_DAYS = Math.round(INVITE_TTL_MS / DAY_MS);

export interface MemberSummary {
  id: number;
  displayName: string;
  joinedAt: Date;
  removedAt: Date | null;
  classesHeld: number;
  /** Distinct people: attended one of their classes, took a quiz with their help, or were signed up by them. */
  peopleHelped: number;
  /** Of those, people holding a valid certificate. */
  peopleCertified: number;
}

export interface VillageTeam {
  villageId: number;
  villageName: string;
  members: MemberSummary[];
  /** The team as a collective: classes summed, people counted once however many members helped them. */
  total: { classesHeld: number; peopleHelped: number; peopleCertified: number };
}

/**
 * Every village of the commune with its team, active members first, and what each did in the period:
 * classes held then, people helped then (a class, an assisted quiz, a sign-up), and of those the people
 * certified by the period's end (not revoked). Only this commune's villages and members are read.
 */
export function communeTeams(db: Db, communeId: number, period: Period): VillageTeam[] {
  const villageRows = communeVillages(db, communeId);

  const memberRows = db
    .select({
      id: teamMembers.id,
      villageId: teamMembers.villageId,
      learnerId: teamMembers.learnerId,
      displayName: teamMembers.displayName,
      joinedAt: teamMembers.joinedAt,
      removedAt: teamMembers.removedAt,
    })
    .from(teamMembers)
    .innerJoin(villages, eq(villages.id, teamMembers.villageId))
    .where(eq(villages.communeId, communeId))
    .orderBy(asc(teamMembers.joinedAt), asc(teamMembers.id))
    .all();
  // The period's days as instants: from midnight Vietnam time on the first day to midnight after the last.
  const start = atVietnamTime(period.from, 0);
  const end = atVietnamTime(addDays(period.to, 1), 0);
  const memberIds = db
    .select({ id: teamMembers.id })
    .from(teamMembers)
    .innerJoin(villages, eq(villages.id, teamMembers.villageId))
    .where(eq(villages.communeId, communeId));

  const classCounts = new Map(
    db
      .select({ memberId: classes.teamMemberId, n: sql<number>`count(*)`.mapWith(Number) })
      .from(classes)
      .where(and(inArray(classes.teamMemberId, memberIds), gte(classes.heldOn, period.from), lte(classes.heldOn, period.to)))
      .groupBy(classes.teamMemberId)
      .all()
      .map((r) => [r.memberId, r.n]),
  );

  // One row per (member, person) helped; a record merged into another counts as that person, so nobody
  // is counted twice. UNION drops the repeats across the three ways of helping.
  const helpedBy = (memberColumn: SQLiteColumn) => ({
    memberId: sql<number>`${memberColumn}`.as("member_id"),
    person: sql<number>`coalesce(${learners.mergedInto}, ${learners.id})`.as("person"),
  });
  const helpedPairs = union(
    db
      .select(helpedBy(classes.teamMemberId))
      .from(classAttendance)
      .innerJoin(classes, eq(classes.id, classAttendance.classId))
      .innerJoin(learners, eq(learners.id, classAttendance.learnerId))
      .where(and(inArray(classes.teamMemberId, memberIds), gte(classes.heldOn, period.from), lte(classes.heldOn, period.to))),
    db
      .select(helpedBy(quizAttempts.assistedBy))
      .from(quizAttempts)
      .innerJoin(learners, eq(learners.id, quizAttempts.learnerId))
      .where(
        and(
          isNotNull(quizAttempts.assistedBy),
          inArray(quizAttempts.assistedBy, memberIds),
          gte(quizAttempts.startedAt, start),
          lt(quizAttempts.startedAt, end),
        ),
      ),
    db
      .select(helpedBy(learners.registeredBy))
      .from(learners)
      .where(
        and(
          isNotNull(learners.registeredBy),
          inArray(learners.registeredBy, memberIds),
          gte(learners.createdAt, start),
          lt(learners.createdAt, end),
        ),
      ),
  ).as("helped");
  // A person with several valid certificates gives several rows here; the sets below count them once.
  const pairs = db
    .select({ memberId: helpedPairs.memberId, person: helpedPairs.person, certificateId: certificates.id })
    .from(helpedPairs)
    .leftJoin(
      certificates,
      and(eq(certificates.learnerId, helpedPairs.person), ne(certificates.status, "revoked"), lt(certificates.issuedAt, end)),
    )
    .all();

  const ownLearner = new Map(memberRows.map((m) => [m.id, m.learnerId]));
  const helped = new Map<number, { people: Set<number>; certified: Set<number> }>();
  for (const pair of pairs) {
    const memberId = Number(pair.memberId);
    const personId = Number(pair.person);
    // Learning on one's own is not helping someone.
    if (ownLearner.get(memberId) === personId) continue;
    const entry = helped.get(memberId) ?? { people: new Set(), certified: new Set() };
    entry.people.add(personId);
    if (pair.certificateId !== null) entry.certified.add(personId);
    helped.set(memberId, entry);
  }

  return villageRows.map((village) => {
    const members = memberRows
      .filter((m) => m.villageId === village.id)
      .sort((a, b) => Number(a.removedAt !== null) - Number(b.removedAt !== null));
    const union = (pick: "people" | "certified") => new Set(members.flatMap((m) => [...(helped.get(m.id)?.[pick] ?? [])])).size;
    return {
      villageId: village.id,
      villageName: village.name,
      members: members.map((m) => ({
        id: m.id,
        displayName: m.displayName,
        joinedAt: m.joinedAt,
        removedAt: m.removedAt,
        classesHeld: classCounts.get(m.id) ?? 0,
        peopleHelped: helped.get(m.id)?.people.size ?? 0,
        peopleCertified: helped.get(m.id)?.certified.size ?? 0,
      })),
      total: {
        classesHeld: members.reduce((sum, m) => sum + (classCounts.get(m.id) ?? 0), 0),
        peopleHelped: union("people"),
        peopleCertified: union("certified"),
      },
    };
  });
}

/** One member of this commune's teams, or undefined when the id is another commune's (or nobody's). */
export function communeMember(db: Db, communeId: number, memberId: number) {
  return db
    .select({ id: teamMembers.id, displayName: teamMembers.displayName, villageName: villages.name, removedAt: teamMembers.removedAt })
    .from(teamMembers)
    .innerJoin(villages, eq(villages.id, teamMembers.villageId))
    .where(and(eq(teamMembers.id, memberId), eq(villages.communeId, communeId)))
    .get();
}

export interface IssuedInvite {
  code: string;
  expiresAt: Date;
  displayName: string;
  villageName: string;
  /** The mini app link carrying the code, or "" when none is configured. */
  link: string;
}

const SELECT_STYLE =
  "font-size:16px;padding:10px;width:100%;box-sizing:border-box;border:1px solid #98a2b3;border-radius:6px;background:#fff";

function inviteCard(invite: IssuedInvite) {
  return html`<div class="card" id="invite" role="status" style="margin-bottom:24px;border:2px solid #0068ff">
    <h2>Mã mời cho ${invite.displayName} (${invite.villageName})</h2>
    <p style="font-size:32px;font-weight:700;letter-spacing:4px;margin:8px 0" data-invite-code>${formatInviteCode(invite.code)}</p>
    <p>Hết hạn lúc <strong>${vietnamDateTime(invite.expiresAt)}</strong> (giờ Việt Nam).</p>
    ${
      invite.link
        ? html`<p>Đường dẫn mở Học Vụ Số kèm mã mời:<br /><a href="${invite.link}" data-invite-link>${invite.link}</a></p>`
        : html`<p>Người được mời mở Học Vụ Số trong Zalo rồi nhập mã này.</p>`
    }
    <p>Hãy đưa mã này tận tay hoặc đọc qua điện thoại cho chính người được mời, không gửi vào nhóm chung. Mã chỉ dùng được một lần, trong vòng ${INVITE_DAYS} ngày.</p>
    <p class="note">Mã chỉ hiện một lần này: hãy ghi lại ngay. Nếu làm mất, hãy tạo một mã mới.</p>
  </div>`;
}

function inviteForm(teams: VillageTeam[], csrf: string) {
  return html`<div class="card">
    <h2>Mời thành viên Tổ công nghệ số cộng đồng</h2>
    <p class="note">Mỗi mã mời dành cho đúng một người, ở một thôn. Người được mời dùng mã khi mở Học Vụ Số bằng Zalo của chính họ.</p>
    <form method="post" action="/admin/team/invites" id="invite-form">
      ${csrfField(csrf)}
      <label for="invite-village">Thôn</label>
      <select id="invite-village" name="villageId" required style="${SELECT_STYLE}">
        ${teams.map((t) => html`<option value="${t.villageId}">${t.villageName}</option>`)}
      </select>
      <label for="invite-name">Họ tên người được mời</label>
      <input id="invite-name" name="displayName" required minlength="2" maxlength="80" autocomplete="off" />
      <button type="submit">Tạo mã mời</button>
    </form>
  </div>`;
}

function memberRow(m: MemberSummary, csrf: string) {
  const removed = m.removedAt !== null;
  return html`<tr data-member-id="${m.id}"${removed ? html` class="removed" style="color:#98a2b3"` : ""}>
    <td>${m.displayName}${removed && m.removedAt ? html`<br /><span style="font-size:14px">Đã thôi vai trò từ ${vietnamDate(m.removedAt)}</span>` : ""}</td>
    <td>${vietnamDate(m.joinedAt)}</td>
    <td class="num" data-classes>${m.classesHeld.toLocaleString("vi-VN")}</td>
    <td class="num" data-helped>${m.peopleHelped.toLocaleString("vi-VN")}</td>
    <td class="num" data-certified>${m.peopleCertified.toLocaleString("vi-VN")}</td>
    <td>${
      removed
        ? ""
        : html`<form method="post" action="/admin/team/members/${m.id}/remove">${csrfField(csrf)}<button type="submit" style="margin:0;background:#fff;color:#b42318;border:1px solid #b42318">Thôi vai trò…</button></form>`
    }</td>
  </tr>`;
}

function villageCard(team: VillageTeam, csrf: string) {
  return html`<div class="card" style="margin-top:24px" data-village-id="${team.villageId}">
    <h2>${team.villageName}</h2>
    ${
      team.members.length === 0
        ? html`<p class="note">Thôn chưa có thành viên Tổ công nghệ số.</p>`
        : html`<table>
          <thead><tr><th>Thành viên</th><th>Ngày tham gia</th><th class="num">Lớp đã tổ chức</th><th class="num">Người đã giúp</th><th class="num">Trong đó đã đạt chứng nhận</th><th></th></tr></thead>
          <tbody>${team.members.map((m) => memberRow(m, csrf))}</tbody>
          <tfoot><tr data-team-total><td>Cả tổ</td><td></td><td class="num">${team.total.classesHeld.toLocaleString("vi-VN")}</td>
            <td class="num">${team.total.peopleHelped.toLocaleString("vi-VN")}</td><td class="num">${team.total.peopleCertified.toLocaleString("vi-VN")}</td><td></td></tr></tfoot>
        </table>`
    }
  </div>`;
}

export function teamPage(input: { teams: VillageTeam[]; period: Period; notice?: string; invite?: IssuedInvite; viewer: Viewer }) {
  const { csrf } = input.viewer;
  const search = `from=${input.period.from}&to=${input.period.to}`;
  return staffLayout(
    "Tổ công nghệ số cộng đồng",
    { ...input.viewer, current: "/admin/team" },
    html`${input.notice ? html`<p class="note" role="status">${input.notice}</p>` : ""}
    ${input.invite ? inviteCard(input.invite) : ""}
    <div class="card">
      <h2>Kết quả của các Tổ công nghệ số từ ngày ${vietnameseDay(input.period.from)} đến ngày ${vietnameseDay(input.period.to)}</h2>
      <form method="get" action="/admin/team" class="filters">
        <div><label for="team-from">Từ ngày</label><input type="date" id="team-from" name="from" value="${input.period.from}" /></div>
        <div><label for="team-to">Đến ngày</label><input type="date" id="team-to" name="to" value="${input.period.to}" /></div>
        <div><button type="submit">Xem</button></div>
      </form>
      <p class="exports">Tải bảng để xét khen thưởng: <a href="/admin/team.xlsx?${search}">Excel (.xlsx)</a> · <a href="/admin/team.csv?${search}">CSV</a></p>
    </div>
    ${input.teams.map((t) => villageCard(t, csrf))}
    <p class="note" style="margin-top:24px">${TEAM_RULE}</p>
    <div style="margin-top:24px">${inviteForm(input.teams, csrf)}</div>`,
  );
}

export const TEAM_RULE =
  "\u201cLớp đã tổ chức\u201d: các buổi học trực tiếp trong kỳ. \u201cNgười đã giúp\u201d: những người (không tính chính thành viên) đã dự lớp do thành viên tổ chức, được thành viên kèm làm bài kiểm tra, hoặc được thành viên đăng ký học trong kỳ; mỗi người chỉ tính một lần, ở dòng \u201cCả tổ\u201d cũng vậy dù nhiều thành viên cùng giúp. \u201cTrong đó đã đạt chứng nhận\u201d: những người ấy có chứng nhận (không bị thu hồi) cấp đến hết ngày cuối kỳ. Thành viên đã thôi vai trò hiện màu xám; những gì họ đã làm vẫn được ghi tên họ.";

/** The same table for the commendation file: one row per member, then each team's total. */
export function teamReportTable(teams: VillageTeam[], period: Period, communeName: string, signedOn: string): ReportTable {
  const rows: ReportCell[][] = [];
  for (const team of teams) {
    for (const m of team.members) rows.push([team.villageName, m.displayName, m.classesHeld, m.peopleHelped, m.peopleCertified]);
    if (team.members.length > 0)
      rows.push([team.villageName, "Cả tổ", team.total.classesHeld, team.total.peopleHelped, team.total.peopleCertified]);
  }
  return {
    title: "Kết quả hoạt động của các Tổ công nghệ số cộng đồng",
    communeName,
    period,
    columns: [
      { header: "Thôn", kind: "text" },
      { header: "Thành viên", kind: "text" },
      { header: "Lớp đã tổ chức", kind: "integer" },
      { header: "Người đã giúp", kind: "integer" },
      { header: "Trong đó đã đạt chứng nhận", kind: "integer" },
    ],
    rows,
    totals: [],
    notes: [TEAM_RULE],
    signedOn,
    place: communeName,
  };
}

export function removeConfirmPage(member: NonNullable<ReturnType<typeof communeMember>>, viewer: Viewer) {
  return staffLayout(
    "Thôi vai trò thành viên",
    { ...viewer, current: "/admin/team" },
    html`<div class="card" style="max-width:560px;margin:auto">
      ${
        member.removedAt
          ? html`<h2>${member.displayName} (${member.villageName})</h2>
            <p>Người này đã thôi vai trò thành viên Tổ công nghệ số từ ${vietnamDate(member.removedAt)}.</p>`
          : html`<h2>Thôi vai trò thành viên Tổ công nghệ số?</h2>
            <p><strong>${member.displayName}</strong> — ${member.villageName}</p>
            <p>Ngay khi bạn xác nhận, người này không còn làm được các việc của Tổ công nghệ số trên Học Vụ Số (xem danh sách người dân của thôn, ghi lớp học, nhắc học). Những lớp học và những người họ đã giúp vẫn được ghi tên họ. Muốn mời lại, hãy tạo một mã mời mới.</p>
            <form method="post" action="/admin/team/members/${member.id}/remove">
              ${csrfField(viewer.csrf)}
              <input type="hidden" name="confirm" value="yes" />
              <button type="submit" style="background:#b42318">Xác nhận thôi vai trò</button>
            </form>`
      }
      <p style="margin-top:16px"><a href="/admin/team">← Quay lại Tổ công nghệ số</a></p>
    </div>`,
  );
}
