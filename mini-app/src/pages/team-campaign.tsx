import type { CampaignDetail, RecipientOutcome } from "@hvs/shared/team";
import { RECIPIENT_REASON_LABEL } from "@hvs/shared/team-rules";
import { useEffect, useState } from "react";
import { Box, Button, Page, Text, useParams } from "zmp-ui";
import { AppHeader, DangerConfirm, ErrorBox, Heading, Loading, Screen } from "../components";
import { useCall } from "../session";
import { CampaignCounts, CampaignHeading } from "./team-campaigns";
import { messageOf, nameOf, useFresh } from "./team-common";

const OUTCOME_LABEL: Record<RecipientOutcome, string> = {
  waiting: "Chờ gửi",
  sending: "Đang gửi",
  sent: "Đã gửi",
  failed: "Không gửi được",
  unreachable: "Không nhắn được qua OA",
  skipped: "Bỏ qua",
};

/** One campaign: its figures, what each person got and why not, and cancelling what has not gone yet. */
export function TeamCampaignPage() {
  const { campaignId = "" } = useParams();
  const call = useCall();
  const detail = useFresh<CampaignDetail>(`/api/team/campaigns/${encodeURIComponent(campaignId)}`);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const campaign = detail.data;
  const open = campaign?.state === "scheduled" || campaign?.state === "sending";
  // While messages are going out, the figures move: look again every few seconds.
  const { reload } = detail;
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(reload, 5_000);
    return () => clearInterval(timer);
  }, [open, reload]);

  async function cancel() {
    setBusy(true);
    setProblem(null);
    try {
      await call(`/api/team/campaigns/${encodeURIComponent(campaignId)}/cancel`, { method: "POST" });
      setConfirming(false);
      detail.reload();
    } catch (e) {
      setProblem(messageOf(e));
    }
    setBusy(false);
  }

  return (
    <Page className="page">
      <AppHeader title="Đợt nhắc học" />
      <Screen>
        {detail.loading && !campaign && <Loading />}
        {detail.error && <ErrorBox message={detail.error} onRetry={detail.reload} />}
        {campaign && (
          <>
            <Box className="card">
              <CampaignHeading campaign={campaign} />
              <CampaignCounts campaign={campaign} />
              <Button fullWidth variant="tertiary" loading={detail.loading} onClick={detail.reload}>
                Cập nhật số liệu
              </Button>
            </Box>
            <Box className="card">
              <Heading size="normal">Lời nhắn</Heading>
              <p className="preview-text">{campaign.template}</p>
            </Box>
            {problem && <ErrorBox message={problem} />}
            {open &&
              (confirming ? (
                <DangerConfirm
                  id="confirm-cancel"
                  title="Hủy đợt nhắc này? Những tin chưa gửi sẽ không gửi nữa."
                  confirmLabel="Hủy đợt nhắc"
                  cancelLabel="Không hủy"
                  busy={busy}
                  onConfirm={cancel}
                  onCancel={() => setConfirming(false)}
                />
              ) : (
                <Button fullWidth size="large" variant="secondary" onClick={() => setConfirming(true)}>
                  Hủy đợt nhắc
                </Button>
              ))}
            <Heading size="normal">Từng người ({campaign.recipients.length})</Heading>
            {campaign.recipients.length === 0 && (
              <Text>{campaign.state === "scheduled" ? "Danh sách người nhận sẽ có khi bắt đầu gửi." : "Không có ai nhận."}</Text>
            )}
            <ul className="recipients">
              {campaign.recipients.map((r) => (
                <li key={r.learnerId} className={`recipient ${r.outcome}`}>
                  <Text bold>{nameOf(r)}</Text>
                  <Text>{OUTCOME_LABEL[r.outcome]}</Text>
                  {r.reason && <Text className="muted">{RECIPIENT_REASON_LABEL[r.reason] ?? r.reason}</Text>}
                </li>
              ))}
            </ul>
          </>
        )}
      </Screen>
    </Page>
  );
}
