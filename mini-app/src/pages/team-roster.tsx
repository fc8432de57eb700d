import type { ClaimCode, Roster, RosterEntry, RosterStatus } from "@hvs/shared/team";
import { ROSTER_STATUS_LABEL, ROSTER_STATUSES } from "@hvs/shared/team-rules";
import { useState } from "react";
import { Button, Page, Text, useNavigate } from "zmp-ui";
import { useStartAssist } from "../assist";
import { AppHeader, ErrorBox, Loading, Screen } from "../components";
import { useCall } from "../session";
import { ClaimCodeCard, messageOf, nameOf, statusLine, useDebounced, useFresh } from "./team-common";

/** One resident: who, how far along, and the two things a member does for them. */
function ResidentRow({ entry }: { entry: RosterEntry }) {
  const call = useCall();
  const startAssist = useStartAssist();
  const [busy, setBusy] = useState<"assist" | "code" | null>(null);
  const [claim, setClaim] = useState<ClaimCode | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const name = nameOf(entry);

  async function run(what: "assist" | "code") {
    setBusy(what);
    setProblem(null);
    try {
      if (what === "assist") await startAssist(entry.learnerId);
      else setClaim(await call<ClaimCode>(`/api/team/residents/${entry.learnerId}/claim-code`, { method: "POST" }));
    } catch (e) {
      setProblem(messageOf(e));
    }
    setBusy(null);
  }

  return (
    <li className="resident">
      <Text size="large" bold>
        {name}
      </Text>
      <Text className="muted">
        {entry.birthYear ? `Sinh năm ${entry.birthYear}` : "Chưa có năm sinh"}
        {entry.phone ? ` · ${entry.phone}` : ""}
      </Text>
      <div className="resident-tags">
        <span className={`status-tag ${entry.status}`}>{statusLine(entry)}</span>
        {!entry.usesZalo && <span className="tag no-zalo">Chưa dùng Zalo</span>}
      </div>
      {problem && <ErrorBox message={problem} />}
      {claim && <ClaimCodeCard name={name} claim={claim} />}
      <div className="resident-actions">
        <Button size="large" loading={busy === "assist"} disabled={busy !== null} onClick={() => run("assist")}>
          Học cùng
        </Button>
        {!entry.usesZalo && !claim && (
          <Button size="large" variant="secondary" loading={busy === "code"} disabled={busy !== null} onClick={() => run("code")}>
            Cấp mã nhận tài khoản
          </Button>
        )}
      </div>
    </li>
  );
}

/** Everyone in the village the system knows, searchable, filtered by where they are in their learning. */
export function TeamRosterPage() {
  const navigate = useNavigate();
  const [typed, setTyped] = useState("");
  const [status, setStatus] = useState<RosterStatus | null>(null);
  const q = useDebounced(typed.trim());
  const query = new URLSearchParams();
  if (q) query.set("q", q);
  if (status) query.set("status", status);
  const search = query.toString();
  const roster = useFresh<Roster>(`/api/team/roster${search ? `?${search}` : ""}`);
  const data = roster.data;

  return (
    <Page className="page">
      <AppHeader title="Danh sách người dân" />
      <Screen>
        <label className="field" htmlFor="roster-search">
          <span className="field-label">Tìm theo tên hoặc số điện thoại</span>
          <input
            id="roster-search"
            type="search"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="Ví dụ: nguyen van"
            autoComplete="off"
          />
        </label>
        <fieldset className="chips" aria-label="Lọc theo tình trạng">
          <button type="button" aria-pressed={status === null} onClick={() => setStatus(null)}>
            Tất cả
          </button>
          {ROSTER_STATUSES.map((s) => (
            <button key={s} type="button" aria-pressed={status === s} onClick={() => setStatus(status === s ? null : s)}>
              {ROSTER_STATUS_LABEL[s]} ({data?.counts[s] ?? "…"})
            </button>
          ))}
        </fieldset>
        <Button fullWidth variant="tertiary" onClick={() => navigate("/team/register")}>
          + Đăng ký người dân mới
        </Button>
        {roster.error && <ErrorBox message={roster.error} onRetry={roster.reload} />}
        {roster.loading && !data && <Loading />}
        {data && data.residents.length === 0 && (
          <Text size="large">{q || status ? "Không có ai khớp với tìm kiếm này." : "Thôn chưa có ai trong danh sách."}</Text>
        )}
        {data && data.residents.length > 0 && (
          <ul className="residents" aria-busy={roster.loading}>
            {data.residents.map((entry) => (
              <ResidentRow key={entry.learnerId} entry={entry} />
            ))}
          </ul>
        )}
        {data?.truncated && <Text className="muted">Còn nhiều người nữa chưa hiện. Hãy gõ tên để tìm.</Text>}
      </Screen>
    </Page>
  );
}
