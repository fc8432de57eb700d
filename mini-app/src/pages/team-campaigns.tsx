import type { CampaignList, CampaignSummary } from "@hvs/shared/team";
import { CAMPAIGN_AUDIENCE_LABEL } from "@hvs/shared/team-rules";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { AppHeader, ErrorBox, Heading, Loading, Screen } from "../components";
import { dateTimeVi, useFresh } from "./team-common";

export const STATE_LABEL: Record<CampaignSummary["state"], string> = {
  scheduled: "Chờ gửi",
  sending: "Đang gửi",
  done: "Đã gửi xong",
  cancelled: "Đã hủy",
};

export function audienceText(c: Pick<CampaignSummary, "audience" | "stalledDays">): string {
  const label = CAMPAIGN_AUDIENCE_LABEL[c.audience];
  return c.audience === "stalled" ? label.replace("N", String(c.stalledDays ?? 7)) : label;
}

/** How a campaign went, in the five figures a team follows. */
export function CampaignCounts({ campaign }: { campaign: CampaignSummary }) {
  const n = (key: keyof CampaignSummary["outcomes"]) => campaign.outcomes[key] ?? 0;
  const rows: [string, number][] = [
    ["Đã gửi", n("sent")],
    ["Đang gửi", n("waiting") + n("sending")],
    ["Không nhắn được qua OA", n("unreachable") + n("failed")],
    ["Bỏ qua", n("skipped")],
    ["Quay lại học trong 7 ngày", campaign.cameBackWithin7Days],
  ];
  return (
    <dl className="counts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function CampaignHeading({ campaign }: { campaign: CampaignSummary }) {
  return (
    <>
      <Heading size="normal">{audienceText(campaign)}</Heading>
      <Text className="muted">
        <span className={`state-tag ${campaign.state}`}>{STATE_LABEL[campaign.state]}</span> · bắt đầu {dateTimeVi(campaign.startAt)}
        {campaign.recipientCount !== null ? ` · ${campaign.recipientCount} người nhận` : ""}
      </Text>
    </>
  );
}

/** Reminder campaigns sent through the commune's OA, newest first, and the way to start one. */
export function TeamCampaignsPage() {
  const navigate = useNavigate();
  const list = useFresh<CampaignList>("/api/team/campaigns");
  return (
    <Page className="page">
      <AppHeader title="Đợt nhắc học" />
      <Screen>
        <Text>Gửi lời nhắc học qua trang Zalo (OA) của xã đến người dân trong thôn.</Text>
        <Button fullWidth size="large" onClick={() => navigate("/team/campaigns/new")}>
          Tạo đợt nhắc mới
        </Button>
        {list.loading && !list.data && <Loading />}
        {list.error && <ErrorBox message={list.error} onRetry={list.reload} />}
        {list.data?.campaigns.length === 0 && <Text size="large">Chưa có đợt nhắc nào.</Text>}
        {list.data?.campaigns.map((c) => (
          <Box key={c.id} className="card campaign" mt={2}>
            <CampaignHeading campaign={c} />
            <CampaignCounts campaign={c} />
            <Button fullWidth variant="secondary" onClick={() => navigate(`/team/campaigns/${c.id}`)}>
              Xem từng người
            </Button>
          </Box>
        ))}
      </Screen>
    </Page>
  );
}
