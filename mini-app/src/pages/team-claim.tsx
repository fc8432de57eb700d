import type { Me } from "@hvs/shared/api";
import { useState } from "react";
import { Box, Button, Page, Text, useLocation, useNavigate } from "zmp-ui";
import { useDrain } from "../assist";
import { AppHeader, ErrorBox, Screen } from "../components";
import { useCall, useSession } from "../session";
import { CODE_HINT, CodeField, formatCode, isCode, messageOf, normalizeCode } from "./team-common";

/**
 * A resident whom a village team signed up enters the code they were given, so that this Zalo account and
 * that record become one learner. Results still waiting on the phone are sent first, under the session
 * that made them, since the profile may change to the team's record.
 */
export function ClaimForm({ initialCode = "", onClaimed }: { initialCode?: string; onClaimed?: (me: Me) => void }) {
  const call = useCall();
  const drain = useDrain();
  const { setMe } = useSession();
  const [code, setCode] = useState(() => formatCode(initialCode));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function claim() {
    const plain = normalizeCode(code);
    if (!isCode(plain)) return setProblem(CODE_HINT);
    setBusy(true);
    setProblem(null);
    try {
      await drain();
      const me = await call<Me>("/api/me/claim", { method: "POST", body: { code: plain } });
      setMe(me);
      onClaimed?.(me);
    } catch (e) {
      setProblem(messageOf(e));
    }
    setBusy(false);
  }

  return (
    <Box className="claim-form">
      <Text>Nếu Tổ công nghệ số của thôn đã đăng ký cho bạn, họ đưa bạn một mã gồm 8 chữ và số. Nhập mã đó vào đây.</Text>
      <CodeField id="claim-code" label="Mã nhận tài khoản" value={code} onChange={setCode} />
      {problem && <ErrorBox message={problem} />}
      <Button fullWidth size="large" loading={busy} onClick={claim}>
        Nhận tài khoản
      </Button>
    </Box>
  );
}

export function ClaimPage() {
  const navigate = useNavigate();
  const linked = (useLocation().state as { code?: string } | null)?.code ?? "";
  const [claimed, setClaimed] = useState<Me | null>(null);
  return (
    <Page className="page">
      <AppHeader title="Nhập mã nhận tài khoản" />
      <Screen>
        {claimed ? (
          <>
            <Box className="notice-box" role="status">
              <Text size="large">
                Đã nhận tài khoản{claimed.displayName ? ` của ${claimed.displayName}` : ""}. Việc học của bạn giờ nằm chung một hồ sơ.
              </Text>
            </Box>
            <Button fullWidth size="large" onClick={() => navigate("/", { replace: true })}>
              Về trang chủ
            </Button>
          </>
        ) : (
          <ClaimForm initialCode={linked} onClaimed={setClaimed} />
        )}
      </Screen>
    </Page>
  );
}
