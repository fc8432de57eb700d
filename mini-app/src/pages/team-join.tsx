import type { Me } from "@hvs/shared/api";
import type { TeamHome } from "@hvs/shared/team";
import { useState } from "react";
import { Box, Button, Page, Text, useLocation, useNavigate } from "zmp-ui";
import { AppHeader, ErrorBox, Heading, Screen } from "../components";
import { useCall, useSession } from "../session";
import { CODE_HINT, CodeField, formatCode, isCode, messageOf, normalizeCode } from "./team-common";

/** Joining a village's team with the invitation code a commune staff member gave (or sent as a link). */
export function TeamJoinPage() {
  const navigate = useNavigate();
  const call = useCall();
  const { setMe } = useSession();
  const linked = (useLocation().state as { code?: string } | null)?.code ?? "";
  const [code, setCode] = useState(() => formatCode(linked));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function join() {
    const plain = normalizeCode(code);
    if (!isCode(plain)) return setProblem(CODE_HINT);
    setBusy(true);
    setProblem(null);
    try {
      await call<TeamHome>("/api/team/join", { method: "POST", body: { code: plain } });
      // The home screen's card and the team screens go by the profile's team role.
      setMe(await call<Me>("/api/me"));
      navigate("/team", { replace: true });
    } catch (e) {
      setProblem(messageOf(e));
      setBusy(false);
    }
  }

  return (
    <Page className="page">
      <AppHeader title="Tham gia Tổ công nghệ số" />
      <Screen>
        <Heading size="large">Tổ công nghệ số cộng đồng</Heading>
        <Text size="large">Nhập mã mời cán bộ xã đưa cho bạn để tham gia Tổ công nghệ số của thôn.</Text>
        <CodeField id="invite-code" label="Mã mời" value={code} onChange={setCode} />
        {problem && <ErrorBox message={problem} />}
        <Box mt={2}>
          <Button fullWidth size="large" loading={busy} onClick={join}>
            Tham gia Tổ
          </Button>
        </Box>
      </Screen>
    </Page>
  );
}
