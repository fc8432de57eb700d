import type { Me } from "@hvs/shared/api";
import type { Profile, ProfileList, SwitchProfileResponse } from "@hvs/shared/family";
import { useCallback, useEffect, useState } from "react";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { ApiError, api } from "../api";
import { useDrain } from "../assist";
import { AppHeader, DangerConfirm, ErrorBox, Heading, Loading, Screen } from "../components";
import { forgetAttempts } from "../offline/attempts";
import { forgetQueue } from "../offline/outbox";
import { forgetCached } from "../offline/read-cache";
import { useCall, useSession } from "../session";
import { useApi } from "../use-api";
import { PinPad } from "./pin";
import { messageOf } from "./team-common";
import "./family.css";

/** The first letter of the given name (the last word of a Vietnamese name), as big as the circle allows. */
export function initialOf(name: string): string {
  const words = name.trim().split(/\s+/);
  return (words[words.length - 1] ?? "?").charAt(0).toLocaleUpperCase("vi-VN") || "?";
}

export function Avatar({ profile }: { profile: { id: number; displayName: string } }) {
  return (
    <span className={`avatar c${profile.id % 6}`} aria-hidden="true">
      {initialOf(profile.displayName)}
    </span>
  );
}

/**
 * Learns as another profile: results still waiting on the phone go up first (they belong to the person
 * learning now), then the server hands out a session for the other person and ends this one.
 */
function useSwitchProfile() {
  const { token, switchProfile, expired } = useSession();
  const drain = useDrain();
  return async (profile: Profile, pin?: string) => {
    const left = await drain();
    if (left > 0) {
      throw new ApiError("WAITING", `Còn ${left} kết quả học chưa gửi lên máy chủ (chưa có mạng). Hãy chờ có mạng rồi chọn lại.`, 0);
    }
    try {
      // Not through useCall: a wrong PIN answers 401 too, and that must not sign the phone out.
      const result = await api<SwitchProfileResponse>(`/api/profiles/${profile.id}/switch`, {
        method: "POST",
        body: pin ? { pin } : {},
        token,
      });
      switchProfile(result.sessionToken, result.me);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && error.code !== "PIN_WRONG") expired(token);
      throw error;
    }
  };
}

/** Big tiles, the owner first (the server's order): a tap on a name is all it takes, or the PIN keypad. */
function Chooser({ profiles, onStay, onKeypad }: { profiles: Profile[]; onStay: () => void; onKeypad?: (open: boolean) => void }) {
  const switchTo = useSwitchProfile();
  const [pinFor, setPinFor] = useState<Profile | null>(null);
  const open = pinFor !== null;
  useEffect(() => onKeypad?.(open), [open, onKeypad]);
  const [busy, setBusy] = useState<number | null>(null);
  const [problem, setProblem] = useState<{ message: string; locked: boolean } | null>(null);

  async function go(profile: Profile, pin?: string) {
    setBusy(profile.id);
    setProblem(null);
    try {
      await switchTo(profile, pin);
    } catch (error) {
      setProblem({ message: messageOf(error), locked: error instanceof ApiError && error.code === "PIN_LOCKED" });
      setBusy(null);
    }
  }

  function pick(profile: Profile) {
    setProblem(null);
    if (profile.current) return onStay();
    if (profile.hasPin) return setPinFor(profile);
    void go(profile);
  }

  if (pinFor) {
    return (
      <PinPad
        title={`Mã PIN của ${pinFor.displayName}`}
        note="Nhập 4 số của bạn."
        problem={problem?.message}
        locked={problem?.locked}
        busy={busy !== null}
        onComplete={(pin) => go(pinFor, pin)}
        onCancel={() => {
          setPinFor(null);
          setProblem(null);
        }}
        cancelLabel="Chọn người khác"
      />
    );
  }
  return (
    <>
      {problem && <ErrorBox message={problem.message} />}
      <ul className="profile-tiles">
        {profiles.map((profile) => (
          <li key={profile.id}>
            <button
              type="button"
              className={`profile-tile${profile.current ? " current" : ""}`}
              disabled={busy !== null}
              onClick={() => pick(profile)}
            >
              <Avatar profile={profile} />
              <span className="profile-name">
                <strong>{profile.displayName}</strong>
                <span>
                  {[profile.isOwner ? "Chủ tài khoản Zalo" : null, profile.current ? "Đang học" : null, profile.hasPin ? "Có mã PIN" : null]
                    .filter(Boolean)
                    .join(" · ") || "Chạm để học"}
                  {busy === profile.id ? " · Đang chuyển…" : ""}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** "Ai đang học?": before home, when the app opens or after signing in on a phone a family shares. */
export function ProfilePickerPage() {
  const { me, chooseProfile } = useSession();
  const list = useApi<ProfileList>("/api/profiles");
  const profiles = list.data?.profiles ?? null;
  // The others were removed meanwhile: nobody to choose between.
  useEffect(() => {
    if (profiles && profiles.length <= 1) chooseProfile();
  }, [profiles, chooseProfile]);

  return (
    <Page className="page">
      <Screen>
        <Heading size="xLarge">Ai đang học?</Heading>
        <Text size="large">Cả nhà học chung trên điện thoại này. Hãy chạm vào tên của mình.</Text>
        {list.loading && !profiles && <Loading />}
        {list.error && (
          <>
            <ErrorBox message={list.error.message} onRetry={list.reload} />
            <Button fullWidth size="large" variant="secondary" onClick={chooseProfile}>
              Học tiếp với tên {me?.displayName ?? "hiện tại"}
            </Button>
          </>
        )}
        {profiles && <Chooser profiles={profiles} onStay={chooseProfile} />}
      </Screen>
    </Page>
  );
}

type Mode = { kind: "pin"; profile: Profile; first: string | null } | null;

/** Who may do what: a profile sets or removes its own PIN; the owner also resets others' and removes profiles. */
function ManageProfiles({
  data,
  onChanged,
  onKeypad,
}: {
  data: ProfileList;
  onChanged: (list: ProfileList) => void;
  onKeypad: (open: boolean) => void;
}) {
  const navigate = useNavigate();
  const call = useCall();
  const { setMe } = useSession();
  const [mode, setMode] = useState<Mode>(null);
  const [removing, setRemoving] = useState<Profile | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const shown = data.canManage ? data.profiles : data.profiles.filter((p) => p.current);
  const open = mode !== null;
  useEffect(() => onKeypad(open), [open, onKeypad]);

  async function run(action: () => Promise<ProfileList>, done: string) {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      onChanged(await action());
      setNotice(done);
      setMode(null);
      setRemoving(null);
      // Home and "Ai đang học?" go by how many profiles the account has.
      call<Me>("/api/me").then(setMe, () => {});
    } catch (error) {
      setProblem(messageOf(error));
    }
    setBusy(false);
  }

  const setPin = (profile: Profile, pin: string | null) =>
    run(
      () => call<ProfileList>(`/api/profiles/${profile.id}/pin`, { method: "PUT", body: { pin } }),
      pin ? `Đã đặt mã PIN cho ${profile.displayName}.` : `Đã bỏ mã PIN của ${profile.displayName}.`,
    );

  async function remove(profile: Profile) {
    await run(
      () => call<ProfileList>(`/api/profiles/${profile.id}`, { method: "DELETE" }),
      `Đã xóa ${profile.displayName} và dữ liệu học của người này.`,
    );
    // What the phone kept for that person goes too.
    forgetCached(profile.id);
    forgetQueue(profile.id);
    forgetAttempts(profile.id);
  }

  if (mode) {
    const { profile, first } = mode;
    return (
      <PinPad
        title={first === null ? `Mã PIN mới cho ${profile.displayName}` : "Nhập lại mã PIN đó"}
        note={first === null ? "Chọn 4 số dễ nhớ, đừng dùng năm sinh." : "Để chắc chắn bạn nhớ đúng."}
        problem={problem}
        busy={busy}
        onComplete={async (pin) => {
          if (first === null) {
            setProblem(null);
            return setMode({ kind: "pin", profile, first: pin });
          }
          if (pin !== first) {
            setProblem("Hai lần nhập không giống nhau. Hãy nhập lại mã PIN mới.");
            return setMode({ kind: "pin", profile, first: null });
          }
          await setPin(profile, pin);
        }}
        onCancel={() => {
          setMode(null);
          setProblem(null);
        }}
        cancelLabel="Không đặt mã PIN"
      />
    );
  }

  return (
    <Box className="card" mt={4}>
      <Heading size="large">{data.canManage ? "Người học trong gia đình" : "Mã PIN của tôi"}</Heading>
      <Text>
        {data.canManage
          ? "Mỗi người có hồ sơ học riêng. Mã PIN giúp người khác không vào nhầm hồ sơ của mình."
          : "Mã PIN giúp người khác trong nhà không vào nhầm hồ sơ học của bạn."}
      </Text>
      {notice && (
        <Box className="notice-box" role="status">
          <Text size="large">{notice}</Text>
        </Box>
      )}
      {problem && <ErrorBox message={problem} />}
      <ul className="residents">
        {shown.map((profile) => (
          <li key={profile.id} className="resident" data-testid="manage-profile">
            <Text size="large" bold>
              {profile.displayName}
              {profile.current ? " (bạn)" : ""}
            </Text>
            <Text className="muted">{profile.hasPin ? "Có mã PIN" : "Chưa có mã PIN"}</Text>
            {removing?.id === profile.id ? (
              <DangerConfirm
                id={`remove-${profile.id}`}
                title={`Xóa ${profile.displayName}?`}
                confirmLabel="Xóa hẳn"
                cancelLabel="Không xóa"
                busy={busy}
                onConfirm={() => remove(profile)}
                onCancel={() => setRemoving(null)}
              >
                Mọi bài đã học, kết quả kiểm tra và chứng nhận của {profile.displayName} sẽ bị xóa. Những người khác trong gia đình không bị
                ảnh hưởng. Không thể hoàn tác.
              </DangerConfirm>
            ) : (
              <div className="row-actions">
                <Button
                  fullWidth
                  variant="secondary"
                  disabled={busy}
                  onClick={() => {
                    setProblem(null);
                    setNotice(null);
                    setMode({ kind: "pin", profile, first: null });
                  }}
                >
                  {profile.hasPin ? (profile.current ? "Đổi mã PIN" : "Đặt lại mã PIN") : "Đặt mã PIN"}
                </Button>
                {profile.hasPin && (
                  <Button fullWidth variant="tertiary" disabled={busy} onClick={() => setPin(profile, null)}>
                    Bỏ mã PIN
                  </Button>
                )}
                {data.canManage && !profile.isOwner && (
                  <Button fullWidth variant="tertiary" disabled={busy} onClick={() => setRemoving(profile)}>
                    Xóa người học này
                  </Button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {data.canManage && (
        <Box mt={3}>
          <Button fullWidth size="large" onClick={() => navigate("/profiles/add")}>
            + Thêm người trong gia đình
          </Button>
        </Box>
      )}
    </Box>
  );
}

/** From home: change who is learning, and the family's profiles and PINs. */
export function ProfilesPage() {
  const navigate = useNavigate();
  const list = useApi<ProfileList>("/api/profiles");
  const [changed, setChanged] = useState<ProfileList | null>(null);
  const data = changed ?? list.data;
  // While a keypad is open it is the only thing on the screen.
  const [keypad, setKeypad] = useState<"switch" | "pin" | null>(null);
  const onSwitchKeypad = useCallback((open: boolean) => setKeypad((k) => (open ? "switch" : k === "switch" ? null : k)), []);
  const onPinKeypad = useCallback((open: boolean) => setKeypad((k) => (open ? "pin" : k === "pin" ? null : k)), []);

  return (
    <Page className="page">
      <AppHeader title="Đổi người học" />
      <Screen>
        {list.loading && !data && <Loading />}
        {list.error && <ErrorBox message={list.error.message} onRetry={list.reload} />}
        {data && (
          <>
            {data.profiles.length > 1 && keypad !== "pin" && (
              <>
                {keypad === null && <Heading size="xLarge">Ai đang học?</Heading>}
                <Chooser profiles={data.profiles} onStay={() => navigate(-1)} onKeypad={onSwitchKeypad} />
              </>
            )}
            {keypad !== "switch" && <ManageProfiles data={data} onChanged={setChanged} onKeypad={onPinKeypad} />}
          </>
        )}
      </Screen>
    </Page>
  );
}
