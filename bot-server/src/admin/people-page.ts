import { vietnameseDay } from "@hvs/shared/periods";
import { html } from "hono/html";
import { STEPS, type Step } from "../indicators/commune-report";
import { PEOPLE_PAGE_SIZE, type PeopleQuery, type PersonRow } from "../indicators/people";
import { FORGOTTEN_RULE, PERIOD_RULE, STEP_LABEL, STEP_RULE, TOOK_PART_BY_LABEL } from "../indicators/rules-text";
import type { ReportTable } from "../reports/report-table";
import { type Html, staffLayout } from "./pages";
import { periodSearch } from "./period-query";

/** The whole list for the workbook: the same columns as the page, the rule and the forgotten count under it. */
export function peopleTable(
  q: PeopleQuery,
  villageName: string | null,
  result: { rows: PersonRow[]; listed: number; forgotten: number },
  signedOn: string,
): ReportTable {
  const notes = [`Quy tắc tính: ${STEP_RULE[q.step]}`, PERIOD_RULE];
  if (result.forgotten > 0) notes.push(`Ngoài danh sách còn ${result.forgotten} người đã tự xóa dữ liệu cá nhân. ${FORGOTTEN_RULE}`);
  return {
    title: `${STEP_LABEL[q.step]} — ${villageName ?? "toàn xã"}`,
    communeName: "",
    period: q.period,
    columns: [
      { header: "STT", kind: "integer" },
      { header: "Họ tên", kind: "text" },
      { header: "Năm sinh", kind: "integer" },
      { header: "Thôn", kind: "text" },
      { header: "Ngày", kind: "text" },
      ...(q.step === "tookPart" ? [{ header: "Tính vì", kind: "text" as const }] : []),
    ],
    rows: result.rows.map((r, i) => [
      i + 1,
      r.displayName,
      r.birthYear,
      r.villageName,
      vietnameseDay(r.day),
      ...(q.step === "tookPart" ? [r.tookPartBy ? TOOK_PART_BY_LABEL[r.tookPartBy] : ""] : []),
    ]),
    totals: [],
    notes,
    signedOn,
    place: "",
  };
}

export function readStep(value: string | undefined): Step {
  return STEPS.includes(value as Step) ? (value as Step) : "tookPart";
}

export function peoplePage(input: {
  query: PeopleQuery;
  villageName: string | null;
  result: { rows: PersonRow[]; listed: number; forgotten: number };
  username: string;
  csrf: string;
}): Html {
  const { query: q, result } = input;
  const total = result.listed + result.forgotten;
  const pages = Math.max(1, Math.ceil(result.listed / PEOPLE_PAGE_SIZE));
  const search = new URLSearchParams(periodSearch({ period: q.period, villageId: q.villageId }));
  search.set("step", q.step);
  search.set("scope", q.scope);
  const link = (page: number) => `/admin/people?${search.toString()}&page=${page}`;
  const when =
    q.scope === "new"
      ? html`lần đầu trong kỳ từ ${vietnameseDay(q.period.from)} đến ${vietnameseDay(q.period.to)}`
      : html`lũy kế đến hết ngày ${vietnameseDay(q.period.to)}`;
  return staffLayout(
    "Danh sách người được tính",
    { username: input.username, csrf: input.csrf, current: "" },
    html`<div class="card">
      <p><a href="/admin?${periodSearch({ period: q.period })}">← Về trang chỉ số</a></p>
      <h2>${STEP_LABEL[q.step]} — ${input.villageName ?? "toàn xã"}, ${when}: <span id="people-total">${total.toLocaleString("vi-VN")}</span> người</h2>
      <p><strong>Quy tắc tính:</strong> ${STEP_RULE[q.step]}</p>
      <p class="note">${PERIOD_RULE}</p>
      <p class="exports"><a href="/admin/people.xlsx?${search.toString()}">Tải cả danh sách (Excel)</a></p>
      ${
        result.forgotten > 0
          ? html`<p class="note" id="forgotten">Trong đó ${result.forgotten.toLocaleString("vi-VN")} người đã tự xóa dữ liệu cá nhân. ${FORGOTTEN_RULE}</p>`
          : ""
      }
      <div class="scroll"><table id="people">
        <thead><tr><th class="num">STT</th><th>Họ tên</th><th class="num">Năm sinh</th><th>Thôn</th><th>Ngày</th>${
          q.step === "tookPart" ? html`<th>Tính vì</th>` : ""
        }</tr></thead>
        <tbody>
          ${result.rows.map(
            (r, i) => html`<tr data-learner-id="${r.learnerId}">
              <td class="num">${(q.page - 1) * PEOPLE_PAGE_SIZE + i + 1}</td><td>${r.displayName}</td><td class="num">${r.birthYear ?? ""}</td>
              <td>${r.villageName}</td><td>${vietnameseDay(r.day)}</td>${
                q.step === "tookPart" ? html`<td>${r.tookPartBy ? TOOK_PART_BY_LABEL[r.tookPartBy] : ""}</td>` : ""
              }
            </tr>`,
          )}
        </tbody>
      </table></div>
      ${
        pages > 1
          ? html`<p>Trang ${q.page} / ${pages}
              ${q.page > 1 ? html`· <a href="${link(q.page - 1)}">← Trang trước</a>` : ""}
              ${q.page < pages ? html`· <a href="${link(q.page + 1)}">Trang sau →</a>` : ""}</p>`
          : ""
      }
    </div>`,
  );
}
