import type { HouseholdCode, TeamHousehold, TeamHouseholdList } from "@hvs/shared/family";
import type { Roster } from "@hvs/shared/team";
import { useState } from "react";
import { Box, Button, Page, Text, useNavigate, useParams } from "zmp-ui";
import { AppHeader, DangerConfirm, ErrorBox, Heading, Loading, Screen } from "../components";
import { newClientId } from "../offline/client-id";
import { useCall } from "../session";
import { dateVi, formatCode, messageOf, nameOf, useDebounced, useFresh } from "./team-common";
import "./family.css";

const LIST = "/api/team/households";

/** Counted under the rule (the evidence it asks for), or how far it still is. */
function HouseholdTags({ household, evidence }: { household: TeamHousehold; evidence: TeamHouseholdList["evidence"] }) {
  const counted = evidence === "confirmed" ? household.confirmed : household.selfReported;
  return (
    <div className="resident-tags">
      {counted ? (
        <span className="task-status confirmed">Đã được tính</span>
      ) : household.selfReported ? (
        <span className="task-status self_reported">Đã tự đánh dấu đủ, chờ Tổ xác nhận</span>
      ) : (
        <span className="task-status none">Chưa đủ việc</span>
      )}
      {!household.hasSmartphone && <span className="tag no-zalo">Chưa có điện thoại thông minh</span>}
    </div>
  );
}

/** Which tasks count a household, in words. */
function RuleNote({ list }: { list: TeamHouseholdList }) {
  return (
    <Text className="muted">
      Một hộ được tính khi có ít nhất một người làm xong cả {list.requiredTasks.length} việc:{" "}
      {list.requiredTasks.map((t) => t.title).join("; ")}
      {list.evidence === "confirmed" ? ", và được Tổ xác nhận đã thấy làm." : " (người dân tự đánh dấu là đủ)."}
    </Text>
  );
}

/** The label and "has a smartphone": for a new household and when correcting one. */
function HouseholdForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: { label: string; hasSmartphone: boolean };
  submitLabel: string;
  onSubmit: (value: { label: string; hasSmartphone: boolean }) => Promise<void>;
  onCancel: () => void;
}) {
  const [label, setLabel] = useState(initial.label);
  const [hasSmartphone, setHasSmartphone] = useState(initial.hasSmartphone);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit() {
    if (label.trim().length < 2) return setProblem("Hãy nhập tên hộ, ví dụ: Hộ ông Pành.");
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit({ label: label.trim(), hasSmartphone });
    } catch (error) {
      setProblem(messageOf(error));
      setBusy(false);
    }
  }

  return (
    <Box className="card claim-form">
      <label className="field" htmlFor="household-label">
        <span className="field-label">Tên hộ</span>
        <input
          id="household-label"
          value={label}
          maxLength={80}
          onChange={(e) => setLabel(e.target.value)}
          placeholder="Ví dụ: Hộ ông Pành"
          autoComplete="off"
        />
      </label>
      <label className="check" htmlFor="household-smartphone">
        <input id="household-smartphone" type="checkbox" checked={hasSmartphone} onChange={(e) => setHasSmartphone(e.target.checked)} />
        <span>Hộ có điện thoại thông minh</span>
      </label>
      {problem && <ErrorBox message={problem} />}
      <Button fullWidth size="large" loading={busy} onClick={submit}>
        {submitLabel}
      </Button>
      <Button fullWidth variant="tertiary" onClick={onCancel}>
        Hủy
      </Button>
    </Box>
  );
}

/** The village's households: how many count, and each one to open. */
export function TeamHouseholdsPage() {
  const navigate = useNavigate();
  const call = useCall();
  const fetched = useFresh<TeamHouseholdList>(LIST);
  const [changed, setChanged] = useState<TeamHouseholdList | null>(null);
  const list = changed ?? fetched.data;
  const [adding, setAdding] = useState(false);
  // Made once per new household and kept through retries, so a double tap makes one household.
  const [clientId, setClientId] = useState(newClientId);
  const counted = list ? list.households.filter((h) => (list.evidence === "confirmed" ? h.confirmed : h.selfReported)).length : 0;

  return (
    <Page className="page">
      <AppHeader title="Hộ gia đình" />
      <Screen>
        {fetched.loading && !list && <Loading />}
        {fetched.error && <ErrorBox message={fetched.error} onRetry={fetched.reload} />}
        {list && (
          <>
            <Heading size="xLarge">
              {counted} / {list.households.length} hộ đã được tính
            </Heading>
            <RuleNote list={list} />
            {adding ? (
              <HouseholdForm
                initial={{ label: "", hasSmartphone: true }}
                submitLabel="Lưu hộ mới"
                onSubmit={async (value) => {
                  setChanged(await call<TeamHouseholdList>(LIST, { method: "POST", body: { clientId, ...value } }));
                  setAdding(false);
                  setClientId(newClientId());
                }}
                onCancel={() => setAdding(false)}
              />
            ) : (
              <Button fullWidth size="large" onClick={() => setAdding(true)}>
                + Thêm hộ gia đình
              </Button>
            )}
            {list.households.length === 0 && <Text size="large">Chưa có hộ nào. Hãy thêm hộ đầu tiên.</Text>}
            <ul className="household-list">
              {list.households.map((household) => (
                <li key={household.id}>
                  <button type="button" className="household-row" onClick={() => navigate(`/team/households/${household.id}`)}>
                    <Text size="large" bold>
                      {household.label}
                    </Text>
                    <Text className="muted">
                      {household.members.length === 0
                        ? "Chưa có ai vào hộ"
                        : `${household.members.length} người: ${household.members.map(nameOf).join(", ")}`}
                    </Text>
                    <HouseholdTags household={household} evidence={list.evidence} />
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </Screen>
    </Page>
  );
}

const MARK = { none: "○ Chưa làm", self_reported: "◐ Tự đánh dấu", confirmed: "✓ Đã xác nhận" } as const;

/** Adds someone of the village to the household, found by name in the roster. */
function AddFromRoster({ household, onList }: { household: TeamHousehold; onList: (list: TeamHouseholdList) => void }) {
  const call = useCall();
  const [typed, setTyped] = useState("");
  const q = useDebounced(typed.trim());
  const roster = useFresh<Roster>(q ? `/api/team/roster?q=${encodeURIComponent(q)}` : "/api/team/roster");
  const [busy, setBusy] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const inHousehold = new Set(household.members.map((m) => m.learnerId));
  const candidates = (roster.data?.residents ?? []).filter((r) => !inHousehold.has(r.learnerId)).slice(0, 8);

  async function add(learnerId: number) {
    setBusy(learnerId);
    setProblem(null);
    try {
      onList(await call<TeamHouseholdList>(`${LIST}/${household.id}/members`, { method: "POST", body: { learnerId } }));
    } catch (error) {
      setProblem(messageOf(error));
    }
    setBusy(null);
  }

  return (
    <Box className="card claim-form">
      <label className="field" htmlFor="household-search">
        <span className="field-label">Tìm người trong thôn</span>
        <input
          id="household-search"
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder="Gõ tên hoặc số điện thoại"
          autoComplete="off"
        />
      </label>
      {problem && <ErrorBox message={problem} />}
      {roster.error && <ErrorBox message={roster.error} onRetry={roster.reload} />}
      {roster.loading && !roster.data && <Loading />}
      {roster.data && candidates.length === 0 && <Text>Không thấy ai. Hãy gõ tên khác.</Text>}
      <ul className="pick-list">
        {candidates.map((resident) => (
          <li key={resident.learnerId}>
            <Button
              fullWidth
              variant="secondary"
              loading={busy === resident.learnerId}
              disabled={busy !== null}
              onClick={() => add(resident.learnerId)}
            >
              Thêm {nameOf(resident)}
              {resident.birthYear ? ` (${resident.birthYear})` : ""}
            </Button>
          </li>
        ))}
      </ul>
    </Box>
  );
}

/** One household: its name, the join code for the family, who is in it and how far each got. */
export function TeamHouseholdPage() {
  const navigate = useNavigate();
  const call = useCall();
  const id = Number(useParams().householdId);
  const fetched = useFresh<TeamHouseholdList>(LIST);
  const [changed, setChanged] = useState<TeamHouseholdList | null>(null);
  const list = changed ?? fetched.data;
  const household = list?.households.find((h) => h.id === id) ?? null;
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [code, setCode] = useState<HouseholdCode | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function run(what: string, action: () => Promise<void>) {
    setBusy(what);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(messageOf(error));
    }
    setBusy(null);
  }

  return (
    <Page className="page">
      <AppHeader title="Hộ gia đình" />
      <Screen>
        {fetched.loading && !list && <Loading />}
        {fetched.error && <ErrorBox message={fetched.error} onRetry={fetched.reload} />}
        {list && !household && <ErrorBox message="Không tìm thấy hộ này. Có thể hộ đã bị xóa." />}
        {list && household && (
          <>
            <Heading size="xLarge">{household.label}</Heading>
            <HouseholdTags household={household} evidence={list.evidence} />
            {problem && <ErrorBox message={problem} />}
            {editing ? (
              <HouseholdForm
                initial={household}
                submitLabel="Lưu"
                onSubmit={async (value) => {
                  setChanged(await call<TeamHouseholdList>(`${LIST}/${household.id}`, { method: "PUT", body: value }));
                  setEditing(false);
                }}
                onCancel={() => setEditing(false)}
              />
            ) : (
              <Button fullWidth variant="tertiary" onClick={() => setEditing(true)}>
                Sửa tên hộ, điện thoại
              </Button>
            )}

            <Box className="claim-form" mt={2}>
              <Heading size="large">Mã vào hộ cho cả nhà</Heading>
              {code ? (
                <Box className="claim-card" role="status">
                  <Text>Mã của {household.label}:</Text>
                  <p className="big-code household-code" data-testid="household-code">
                    {formatCode(code.code)}
                  </p>
                  <Text className="muted">Dùng được đến hết ngày {dateVi(code.expiresAt)}. Mọi người trong hộ dùng chung mã này.</Text>
                  <Text>
                    Hãy đọc hoặc viết mã ra giấy. Mỗi người mở Học Vụ Số, bấm “Việc làm thật”, rồi nhập mã ở mục “Hộ gia đình của tôi”.
                  </Text>
                </Box>
              ) : (
                <Text>Cả nhà dùng chung một mã để tự vào hộ trên điện thoại của mình.</Text>
              )}
              <Button
                fullWidth
                size="large"
                variant={code ? "secondary" : "primary"}
                loading={busy === "code"}
                disabled={busy !== null}
                onClick={() =>
                  run("code", async () => setCode(await call<HouseholdCode>(`${LIST}/${household.id}/code`, { method: "POST" })))
                }
              >
                {code ? "Lấy mã mới" : "Hiện mã vào hộ"}
              </Button>
            </Box>

            <Heading size="large">Người trong hộ ({household.members.length})</Heading>
            {household.members.length === 0 && <Text>Chưa có ai. Đưa mã cho gia đình, hoặc thêm người từ danh sách của thôn.</Text>}
            <ul className="residents">
              {household.members.map((member) => (
                <li key={member.learnerId} className="resident" data-testid="household-member">
                  <Text size="large" bold>
                    {nameOf(member)}
                  </Text>
                  <ul className="member-tasks">
                    {list.requiredTasks.map((task) => (
                      <li key={task.id}>
                        {MARK[member.tasks[task.id] ?? "none"]} · {task.title}
                      </li>
                    ))}
                  </ul>
                  <div className="row-actions">
                    <Button
                      fullWidth
                      size="large"
                      onClick={() => navigate(`/team/residents/${member.learnerId}/tasks`, { state: { name: nameOf(member) } })}
                    >
                      Xem và xác nhận việc làm
                    </Button>
                    <Button
                      fullWidth
                      variant="tertiary"
                      loading={busy === `remove-${member.learnerId}`}
                      disabled={busy !== null}
                      onClick={() =>
                        run(`remove-${member.learnerId}`, async () =>
                          setChanged(
                            await call<TeamHouseholdList>(`${LIST}/${household.id}/members/${member.learnerId}`, { method: "DELETE" }),
                          ),
                        )
                      }
                    >
                      Bỏ {nameOf(member)} khỏi hộ
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
            {adding ? (
              <>
                <AddFromRoster household={household} onList={setChanged} />
                <Button fullWidth variant="tertiary" onClick={() => setAdding(false)}>
                  Xong
                </Button>
              </>
            ) : (
              <Button fullWidth size="large" variant="secondary" onClick={() => setAdding(true)}>
                + Thêm người từ danh sách thôn
              </Button>
            )}

            <Box mt={4} mb={6}>
              {!deleting ? (
                <Button fullWidth variant="tertiary" onClick={() => setDeleting(true)}>
                  Xóa hộ này
                </Button>
              ) : (
                <DangerConfirm
                  id="delete-household"
                  title={`Xóa ${household.label}?`}
                  confirmLabel="Xóa hẳn"
                  cancelLabel="Không xóa"
                  busy={busy === "delete"}
                  onConfirm={() =>
                    run("delete", async () => {
                      await call(`${LIST}/${household.id}`, { method: "DELETE" });
                      navigate(-1);
                    })
                  }
                  onCancel={() => setDeleting(false)}
                >
                  Chỉ xóa hộ khỏi danh sách của Tổ. Việc học và việc làm của từng người vẫn giữ nguyên.
                </DangerConfirm>
              )}
            </Box>
          </>
        )}
      </Screen>
    </Page>
  );
}
