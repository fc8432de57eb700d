import type { SignInResponse } from "@hvs/shared/api";
import { CONSENT_VERSION } from "@hvs/shared/consent";
import { useEffect, useState } from "react";
import { getAccessToken } from "zmp-sdk";
import { Box, Button, Page, Text } from "zmp-ui";
import { ApiError, api } from "../api";
import { ErrorBox, Heading, Loading, Screen } from "../components";
import { STAND_IN_URL } from "../config";
import { useSession } from "../session";
import { load, save } from "../storage";
import { ConsentPage } from "./consent";

interface DemoUser {
  id: string;
  name: string;
}

/** Asks the stand-in, not Zalo, for a token: only reachable in the desktop demo. */
async function demoToken(userId: string): Promise<string> {
  const response = await fetch(`${STAND_IN_URL}/demo/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ userId }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new ApiError("DEMO", "Zalo giả lập không cấp được mã đăng nhập.", response.status);
  return body.access_token;
}

const CONSENT_KEY = "hvs.consent";

// Remembered on the phone so the question is asked once per consent version, not at every sign-in.
const readConsent = () => load(CONSENT_KEY) === CONSENT_VERSION;
const writeConsent = () => save(CONSENT_KEY, CONSENT_VERSION);

export function SignInPage() {
  const { signIn, notice } = useSession();
  const [zaloToken, setZaloToken] = useState<string | null>(null);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<{ message: string; retrySameToken: boolean } | null>(null);
  const [demoUsers, setDemoUsers] = useState<DemoUser[] | null>(null);

  async function exchange(accessToken: string) {
    setBusy(true);
    setError(null);
    try {
      const result = await api<SignInResponse>("/api/auth/zalo", {
        method: "POST",
        body: { accessToken, consentVersion: CONSENT_VERSION },
      });
      signIn(result.sessionToken, result.me);
    } catch (e) {
      // A token Zalo rejected stays rejected; only a network or Zalo outage is worth sending it again.
      const transient = e instanceof ApiError && (e.code === "NETWORK" || e.code === "ZALO_UNAVAILABLE" || e.status >= 500);
      setError({ message: e instanceof ApiError ? e.message : "Đăng nhập không thành công. Vui lòng thử lại.", retrySameToken: transient });
      setBusy(false);
    }
  }

  async function start() {
    setBusy(true);
    setError(null);
    // Inside Zalo this is the user's token; in a desktop browser zmp-sdk answers with an empty string.
    let token: string;
    try {
      token = await getAccessToken();
    } catch {
      setError({ message: "Chưa lấy được thông tin đăng nhập từ Zalo. Vui lòng thử lại.", retrySameToken: false });
      setBusy(false);
      return;
    }
    setZaloToken(token);
    if (token) return exchange(token);
    if (!STAND_IN_URL) {
      setError({ message: "Hãy mở Học Vụ Số trong ứng dụng Zalo để đăng nhập.", retrySameToken: false });
      setBusy(false);
      return;
    }
    try {
      const response = await fetch(`${STAND_IN_URL}/demo/users`);
      setDemoUsers(((await response.json()) as { users: DemoUser[] }).users);
    } catch {
      setError({ message: "Không kết nối được Zalo giả lập của bản minh họa.", retrySameToken: false });
    }
    setBusy(false);
  }

  const [consented, setConsented] = useState(readConsent);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, after consent, when the screen opens
  useEffect(() => {
    if (consented) void start();
  }, [consented]);

  if (!consented) {
    return (
      <ConsentPage
        onAgree={() => {
          writeConsent();
          setConsented(true);
        }}
      />
    );
  }

  return (
    <Page className="page">
      <Screen>
        <Heading size="xLarge">Học Vụ Số</Heading>
        <Text size="large">Học kỹ năng số ngay trên Zalo: bài ngắn, dễ hiểu, có bài kiểm tra.</Text>
        {notice && (
          <Box className="notice-box" role="status">
            <Text size="large">{notice}</Text>
          </Box>
        )}
        {busy && <Loading label="Đang đăng nhập…" />}
        {error && <ErrorBox message={error.message} onRetry={error.retrySameToken && zaloToken ? () => exchange(zaloToken) : start} />}
        {!busy && demoUsers && (
          <Box className="demo-box" aria-labelledby="demo-title">
            <Heading size="large" id="demo-title">
              CHẾ ĐỘ MINH HỌA
            </Heading>
            <Text>Đây không phải Zalo thật. Chọn một người dân mẫu để đăng nhập thử:</Text>
            {demoUsers.map((user) => (
              <Box key={user.id} mt={2}>
                <Button
                  fullWidth
                  size="large"
                  variant="secondary"
                  onClick={() => demoToken(user.id).then(exchange, (e: Error) => setError({ message: e.message, retrySameToken: false }))}
                >
                  {user.name}
                </Button>
              </Box>
            ))}
          </Box>
        )}
      </Screen>
    </Page>
  );
}
