import type { Me, VillageList } from "@hvs/shared/api";
import { Suspense, useState } from "react";
import { Box, Button, Page, Text } from "zmp-ui";
import { ApiError } from "../api";
import { ErrorBox, Heading, Loading, Screen } from "../components";
import { peekLink, takeLink } from "../deep-link";
import { ClaimForm } from "../screens";
import { useCall, useSession } from "../session";
import { useApi } from "../use-api";

/** The village is what puts a learner into the commune's count, so it is asked before anything else. */
/** A village team's QR code or link opens the app with `?village=<id>`: that village is offered first. */
function linkedVillageId(): number | null {
  const value = Number(new URLSearchParams(window.location.search).get("village"));
  return Number.isInteger(value) && value > 0 ? value : null;
}

export function VillagePage() {
  const { setMe } = useSession();
  const call = useCall();
  const list = useApi<VillageList>("/api/villages");
  const [error, setError] = useState<string | null>(null);
  const linkedId = linkedVillageId();
  const linked = list.data?.communes.flatMap((c) => c.villages).find((v) => v.id === linkedId);
  // Someone a village team signed up already has a village: the code they were given brings it along.
  const claimLink = peekLink("claim");
  const [claiming, setClaiming] = useState(claimLink !== null);

  async function choose(villageId: number) {
    setError(null);
    try {
      setMe(await call<Me>("/api/me/village", { method: "PUT", body: { villageId } }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Chưa lưu được. Vui lòng thử lại.");
    }
  }

  return (
    <Page className="page">
      <Screen>
        <Heading size="xLarge">Bạn sống ở thôn nào?</Heading>
        <Text size="large">Để xã biết bao nhiêu người trong thôn đã tham gia học.</Text>
        {list.loading && <Loading />}
        {list.error && <ErrorBox message={list.error.message} onRetry={list.reload} />}
        {error && <ErrorBox message={error} />}
        {linked && (
          <Box className="card linked-village" mt={3}>
            <Text>Đường link bạn mở đã chọn sẵn:</Text>
            <Heading size="normal">{linked.name}</Heading>
            <Box mt={2}>
              <Button fullWidth size="large" onClick={() => choose(linked.id)}>
                Đúng, tôi ở {linked.name}
              </Button>
            </Box>
          </Box>
        )}
        {claiming && (
          <Box className="card" mt={3}>
            <Heading size="normal">Nhập mã nhận tài khoản</Heading>
            <Suspense fallback={<Loading />}>
              <ClaimForm initialCode={claimLink ?? ""} onClaimed={() => takeLink("claim")} />
            </Suspense>
          </Box>
        )}
        {list.data?.communes.map((commune) => (
          <Box key={commune.id} mt={4}>
            <Heading size="normal">{commune.name}</Heading>
            {commune.villages.map((village) => (
              <Box key={village.id} mt={2}>
                <Button fullWidth size="large" variant="secondary" onClick={() => choose(village.id)}>
                  {village.name}
                </Button>
              </Box>
            ))}
          </Box>
        ))}
        {!claiming && (
          <Box mt={4} mb={6}>
            <Button fullWidth variant="tertiary" onClick={() => setClaiming(true)}>
              Tổ công nghệ số đã đăng ký cho bạn? Nhập mã
            </Button>
          </Box>
        )}
      </Screen>
    </Page>
  );
}
