import { CONSENT_VERSION } from "@hvs/shared/consent";
import type { RegisterResidentRequest, RegisterResidentResponse } from "@hvs/shared/team";
import { useState } from "react";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { useStartAssist } from "../assist";
import { AppHeader, ErrorBox, Heading, Screen } from "../components";
import { useFormProblem } from "../form-problem";
import { newClientId } from "../offline/client-id";
import { useCall } from "../session";
import { ConsentSummary } from "./consent";
import { ClaimCodeCard, messageOf } from "./team-common";

const thisYear = new Date().getFullYear();

/** The same checks as the server's, so a mistake is pointed out before anything is sent. */
function problemWith(name: string, birthYear: string, phone: string, agreed: boolean): string | null {
  if (name.trim().length < 2) return "Hãy nhập họ và tên.";
  const year = Number(birthYear);
  if (!/^\d{4}$/.test(birthYear.trim()) || year < 1900) return "Hãy nhập năm sinh đủ 4 chữ số, ví dụ 1965.";
  if (year > thisYear - 15) return "Người học cần từ 15 tuổi trở lên.";
  const digits = phone.replace(/[\s.]/g, "").replace(/^\+84/, "0");
  if (digits && !/^0\d{9}$/.test(digits)) return "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0.";
  if (!agreed) return "Hãy đọc cho người dân nghe phần trên và đánh dấu khi họ đồng ý.";
  return null;
}

/**
 * Signs up a resident who has no Zalo (or not yet) in front of a team member. The form's id is made once
 * and kept through every retry, so a double tap or a resend after a lost answer makes one person.
 */
export function TeamRegisterPage() {
  const navigate = useNavigate();
  const call = useCall();
  const startAssist = useStartAssist();
  const [clientId, setClientId] = useState(newClientId);
  const [name, setName] = useState("");
  const [birthYear, setBirthYear] = useState("");
  const [phone, setPhone] = useState("");
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const { problem, setProblem, edited } = useFormProblem();
  const [done, setDone] = useState<{ name: string; result: RegisterResidentResponse } | null>(null);

  async function submit() {
    const wrong = problemWith(name, birthYear, phone, agreed);
    setProblem(wrong);
    if (wrong || busy) return;
    setBusy(true);
    const body: RegisterResidentRequest = {
      clientId,
      displayName: name.trim(),
      birthYear: Number(birthYear),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      consentVersion: CONSENT_VERSION,
    };
    try {
      setDone({ name: body.displayName, result: await call<RegisterResidentResponse>("/api/team/residents", { method: "POST", body }) });
    } catch (e) {
      setProblem(messageOf(e));
    }
    setBusy(false);
  }

  function another() {
    setClientId(newClientId());
    setName("");
    setBirthYear("");
    setPhone("");
    setAgreed(false);
    setProblem(null);
    setDone(null);
  }

  async function learnNow(learnerId: number) {
    setBusy(true);
    setProblem(null);
    try {
      await startAssist(learnerId);
    } catch (e) {
      setProblem(messageOf(e));
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Page className="page">
        <AppHeader title="Đăng ký người dân" />
        <Screen>
          <Box className="notice-box">
            <Text size="large">Đã đăng ký {done.name} vào danh sách của thôn.</Text>
          </Box>
          <ClaimCodeCard name={done.name} claim={done.result.claim} />
          {problem && <ErrorBox message={problem} />}
          <Button fullWidth size="large" loading={busy} onClick={() => learnNow(done.result.learnerId)}>
            Học cùng {done.name} ngay
          </Button>
          <Button fullWidth size="large" variant="secondary" onClick={another}>
            Đăng ký người khác
          </Button>
          <Button fullWidth size="large" variant="tertiary" onClick={() => navigate("/team", { replace: true })}>
            Về Tổ công nghệ số
          </Button>
        </Screen>
      </Page>
    );
  }

  return (
    <Page className="page">
      <AppHeader title="Đăng ký người dân" />
      <Screen>
        <Text>Cho người chưa dùng Zalo hoặc cần giúp. Hỏi và nhập thông tin của họ.</Text>
        <label className="field" htmlFor="resident-name">
          <span className="field-label">Họ và tên</span>
          <input id="resident-name" value={name} onChange={(e) => edited(setName)(e.target.value)} autoComplete="off" maxLength={80} />
        </label>
        <label className="field" htmlFor="resident-birth-year">
          <span className="field-label">Năm sinh</span>
          <input
            id="resident-birth-year"
            inputMode="numeric"
            value={birthYear}
            onChange={(e) => edited(setBirthYear)(e.target.value.replace(/\D/g, "").slice(0, 4))}
            placeholder="Ví dụ: 1965"
            autoComplete="off"
          />
        </label>
        <label className="field" htmlFor="resident-phone">
          <span className="field-label">Số điện thoại (không bắt buộc)</span>
          <input
            id="resident-phone"
            type="tel"
            inputMode="tel"
            value={phone}
            onChange={(e) => edited(setPhone)(e.target.value)}
            autoComplete="off"
          />
        </label>
        <Heading size="normal">Đọc cho người dân nghe</Heading>
        <ConsentSummary />
        <label className="check" htmlFor="resident-consent">
          <input id="resident-consent" type="checkbox" checked={agreed} onChange={(e) => edited(setAgreed)(e.target.checked)} />
          <span>Người dân đã nghe nội dung trên và đồng ý.</span>
        </label>
        {problem && <ErrorBox message={problem} />}
        <Box mt={2} mb={6}>
          <Button fullWidth size="large" loading={busy} onClick={submit}>
            Đăng ký
          </Button>
        </Box>
      </Screen>
    </Page>
  );
}
