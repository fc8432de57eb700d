import type { Me } from "@hvs/shared/api";
import type { TeamHome } from "@hvs/shared/team";
import { useEffect } from "react";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { AppHeader, ErrorBox, Heading, Loading, Screen } from "../components";
import { API_URL } from "../config";
import { useCall, useSession } from "../session";
import { useApi } from "../use-api";

/** The server may answer with a path on itself or a full address. */
const absolute = (url: string) => (/^https?:\/\//.test(url) ? url : `${API_URL}${url.startsWith("/") ? "" : "/"}${url}`);

/**
 * The team's own screen: the village's QR code and link for residents, the printable poster, and the four
 * jobs (the roster, signing someone up, recording a class, reminders).
 */
export function TeamHubPage() {
  const navigate = useNavigate();
  const { notice, clearNotice, setMe } = useSession();
  const call = useCall();
  // Kept on the phone like other screens: the QR code can be shown to a resident without a signal.
  const home = useApi<TeamHome>("/api/team");
  const team = home.data;
  // Removed from the team since the profile was kept: refresh it, so home stops offering this screen.
  const removed = home.error?.code === "NOT_TEAM_MEMBER";
  useEffect(() => {
    if (removed) call<Me>("/api/me").then(setMe, () => {});
  }, [removed, call, setMe]);

  return (
    <Page className="page">
      <AppHeader title="Tổ công nghệ số" />
      <Screen>
        {notice && (
          <Box className="notice-box" role="status">
            <Text size="large">{notice}</Text>
            <Button size="small" variant="tertiary" onClick={clearNotice}>
              Đã hiểu
            </Button>
          </Box>
        )}
        {home.loading && !team && <Loading />}
        {home.error && <ErrorBox message={home.error.message} onRetry={home.reload} />}
        {team && (
          <>
            <Heading size="xLarge">{team.village.name}</Heading>
            <Text className="muted">
              {team.communeName} · {team.member.displayName}
            </Text>
            <nav className="team-menu" aria-label="Việc của Tổ">
              <Button fullWidth size="large" onClick={() => navigate("/team/roster")}>
                Danh sách người dân
              </Button>
              <Button fullWidth size="large" onClick={() => navigate("/team/households")}>
                Hộ gia đình
              </Button>
              <Button fullWidth size="large" onClick={() => navigate("/team/register")}>
                Đăng ký người dân
              </Button>
              <Button fullWidth size="large" onClick={() => navigate("/team/class")}>
                Ghi nhận buổi học
              </Button>
              <Button fullWidth size="large" onClick={() => navigate("/team/campaigns")}>
                Đợt nhắc học
              </Button>
            </nav>
            <Box className="card qr-card" mt={2}>
              <Heading size="normal">Mã QR của thôn</Heading>
              <Text>Người dân quét mã này bằng Zalo để vào học, {team.village.name} đã được chọn sẵn.</Text>
              {/* The server's SVG as an image, not as markup in the page: nothing in it can run. */}
              <img
                className="qr"
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(team.qrSvg)}`}
                alt={`Mã QR mở Học Vụ Số cho ${team.village.name}`}
              />
              <Text className="join-link">{team.joinLink}</Text>
              <Button fullWidth size="large" variant="secondary" onClick={() => window.open(absolute(team.posterUrl), "_blank")}>
                Mở trang in áp phích
              </Button>
            </Box>
          </>
        )}
      </Screen>
    </Page>
  );
}
