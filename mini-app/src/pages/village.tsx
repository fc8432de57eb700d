import type { Me, VillageList } from "@hvs/shared/api";
import { useState } from "react";
import { Box, Button, Page, Text } from "zmp-ui";
import { ApiError } from "../api";
import { ErrorBox, Heading, Loading, Screen } from "../components";
import { useCall, useSession } from "../session";
import { useApi } from "../use-api";

/** The village is what puts a learner into the commune's count, so it is asked before anything else. */
export function VillagePage() {
  const { setMe } = useSession();
  const call = useCall();
  const list = useApi<VillageList>("/api/villages");
  const [error, setError] = useState<string | null>(null);

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
      </Screen>
    </Page>
  );
}
