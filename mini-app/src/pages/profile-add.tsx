import type { Me } from "@hvs/shared/api";
import { CONSENT_VERSION } from "@hvs/shared/consent";
import type { CreateProfileRequest, ProfileList } from "@hvs/shared/family";
import { useState } from "react";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { AppHeader, ErrorBox, Heading, Screen } from "../components";
import { useFormProblem } from "../form-problem";
import { useCall, useSession } from "../session";
import { ConsentSummary } from "./consent";
import { messageOf } from "./team-common";
import "./family.css";

/** The same checks as the server's, before anything is sent. */
function problemWith(name: string, pin: string, agreed: boolean): string | null {
  if (name.trim().length < 2) return "Hãy nhập tên người học.";
  if (name.trim().length > 80) return "Tên quá dài.";
  if (pin && !/^\d{4}$/.test(pin)) return "Mã PIN gồm đúng 4 chữ số. Nếu không cần, hãy để trống.";
  if (!agreed) return "Hãy đọc cho người đó nghe phần trên và đánh dấu khi họ đồng ý.";
  return null;
}

/**
 * The account owner adds someone of the family who learns on this phone. That person hears the same
 * consent text the owner agreed to, and agrees in front of the owner.
 */
export function AddProfilePage() {
  const navigate = useNavigate();
  const call = useCall();
  const { setMe } = useSession();
  const [name, setName] = useState("");
  const [pin, setPin] = useState("");
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const { problem, setProblem, edited } = useFormProblem();

  async function submit() {
    const wrong = problemWith(name, pin, agreed);
    setProblem(wrong);
    if (wrong || busy) return;
    setBusy(true);
    const body: CreateProfileRequest = { displayName: name.trim(), consentVersion: CONSENT_VERSION, ...(pin ? { pin } : {}) };
    try {
      await call<ProfileList>("/api/profiles", { method: "POST", body });
      // From now on "Ai đang học?" is asked when the app opens.
      setMe(await call<Me>("/api/me"));
      navigate("/profiles", { replace: true });
    } catch (error) {
      setProblem(messageOf(error));
      setBusy(false);
    }
  }

  return (
    <Page className="page">
      <AppHeader title="Thêm người học" />
      <Screen>
        <Heading size="large">Người trong gia đình cùng học</Heading>
        <Text size="large">Mỗi người có hồ sơ học và chứng nhận riêng, trên cùng tài khoản Zalo này.</Text>
        <label className="field" htmlFor="profile-name">
          <span className="field-label">Tên người học</span>
          <input
            id="profile-name"
            value={name}
            onChange={(e) => edited(setName)(e.target.value)}
            placeholder="Ví dụ: Nguyễn Văn Tú"
            autoComplete="off"
            maxLength={80}
          />
        </label>
        <label className="field" htmlFor="profile-pin">
          <span className="field-label">Mã PIN 4 số (không bắt buộc)</span>
          <input
            id="profile-pin"
            className="code-input"
            inputMode="numeric"
            value={pin}
            onChange={(e) => edited(setPin)(e.target.value.replace(/\D/g, "").slice(0, 4))}
            autoComplete="off"
            placeholder="••••"
          />
        </label>
        <Text className="muted">Có mã PIN thì người khác trong nhà không vào nhầm hồ sơ của người này. Nhớ ghi lại mã.</Text>
        <Heading size="normal">Đọc cho người đó nghe</Heading>
        <ConsentSummary />
        <label className="check" htmlFor="profile-consent">
          <input id="profile-consent" type="checkbox" checked={agreed} onChange={(e) => edited(setAgreed)(e.target.checked)} />
          <span>Người này đã nghe nội dung trên và đồng ý.</span>
        </label>
        {problem && <ErrorBox message={problem} />}
        <Box mt={2} mb={6}>
          <Button fullWidth size="large" loading={busy} onClick={submit}>
            Thêm người học
          </Button>
        </Box>
      </Screen>
    </Page>
  );
}
