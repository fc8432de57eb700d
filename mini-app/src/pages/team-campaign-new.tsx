import type { CourseList } from "@hvs/shared/api";
import type { CampaignAudience, CampaignSummary, CreateCampaignRequest } from "@hvs/shared/team";
import { CAMPAIGN_AUDIENCES, DEFAULT_TEMPLATE, renderTemplate, templateProblems } from "@hvs/shared/team-rules";
import { useState } from "react";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { AppHeader, ErrorBox, Heading, Screen } from "../components";
import { newClientId } from "../offline/client-id";
import { useCall } from "../session";
import { useApi } from "../use-api";
import { audienceText } from "./team-campaigns";
import { messageOf, vietnamToday } from "./team-common";

const MAX_LENGTH = 1000;
const SAMPLE_NAME = "Nguyễn Văn A";

/** A wall-clock time typed on the phone, read as Vietnam time whatever zone the phone is set to. */
const vietnamIso = (local: string) => `${local}:00+07:00`;

/** A reminder campaign: who gets it, what it says (checked and previewed as it is typed), and when. */
export function TeamCampaignNewPage() {
  const navigate = useNavigate();
  const call = useCall();
  const courses = useApi<CourseList>("/api/courses");
  const [audience, setAudience] = useState<CampaignAudience>("stalled");
  const [stalledDays, setStalledDays] = useState("7");
  const [template, setTemplate] = useState(DEFAULT_TEMPLATE);
  const [later, setLater] = useState(false);
  const [startAt, setStartAt] = useState(`${vietnamToday()}T19:00`);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // One id for this form, kept across retries: a resend after a lost answer is the same campaign.
  const [clientId] = useState(newClientId);

  const problems = templateProblems(template);
  if (template.trim().length < 10) problems.push("Lời nhắn quá ngắn.");
  if (template.length > MAX_LENGTH) problems.push("Lời nhắn tối đa 1.000 ký tự.");
  const sampleLesson = courses.data?.courses[0]?.lessons[0]?.title ?? "Cài đặt ứng dụng VNeID";
  const days = Number(stalledDays);
  const daysOk = Number.isInteger(days) && days >= 1 && days <= 365;

  async function submit() {
    if (busy || problems.length > 0) return;
    if (audience === "stalled" && !daysOk) return setProblem("Số ngày bỏ dở từ 1 đến 365.");
    if (later && !(Date.parse(vietnamIso(startAt)) > Date.now())) return setProblem("Hãy chọn một thời điểm sau bây giờ.");
    setProblem(null);
    setBusy(true);
    const body: CreateCampaignRequest = {
      clientId,
      audience,
      ...(audience === "stalled" ? { stalledDays: days } : {}),
      template: template.trim(),
      ...(later ? { startAt: vietnamIso(startAt) } : {}),
    };
    try {
      const created = await call<CampaignSummary>("/api/team/campaigns", { method: "POST", body });
      navigate(`/team/campaigns/${created.id}`, { replace: true });
    } catch (e) {
      setProblem(messageOf(e));
      setBusy(false);
    }
  }

  return (
    <Page className="page">
      <AppHeader title="Tạo đợt nhắc" />
      <Screen>
        <fieldset className="choices">
          <legend className="field-label">Gửi cho ai?</legend>
          {CAMPAIGN_AUDIENCES.map((a) => (
            <label key={a} className="check">
              <input type="radio" name="audience" checked={audience === a} onChange={() => setAudience(a)} />
              <span>{audienceText({ audience: a, stalledDays: daysOk ? days : 7 })}</span>
            </label>
          ))}
        </fieldset>
        {audience === "stalled" && (
          <label className="field" htmlFor="stalled-days">
            <span className="field-label">Bỏ dở từ bao nhiêu ngày?</span>
            <input
              id="stalled-days"
              inputMode="numeric"
              value={stalledDays}
              onChange={(e) => setStalledDays(e.target.value.replace(/\D/g, "").slice(0, 3))}
            />
          </label>
        )}
        <label className="field" htmlFor="campaign-template">
          <span className="field-label">Lời nhắn</span>
          <textarea
            id="campaign-template"
            rows={5}
            value={template}
            onChange={(e) => setTemplate(e.target.value)}
            aria-describedby="template-help template-problems"
          />
        </label>
        <Text id="template-help" className="muted">
          {"{ten}"} là tên người nhận, {"{bai_tiep}"} là bài học tiếp theo của họ. {template.length} / 1.000 ký tự.
        </Text>
        <div id="template-problems" role="alert">
          {problems.map((p) => (
            <Text key={p} className="field-problem">
              {p}
            </Text>
          ))}
        </div>
        <Box className="card preview">
          <Heading size="normal">Người nhận sẽ đọc:</Heading>
          <p className="preview-text" data-testid="template-preview">
            {renderTemplate(template, { ten: SAMPLE_NAME, bai_tiep: sampleLesson })}
          </p>
        </Box>
        <fieldset className="choices">
          <legend className="field-label">Khi nào gửi?</legend>
          <label className="check">
            <input type="radio" name="when" checked={!later} onChange={() => setLater(false)} />
            <span>Gửi ngay</span>
          </label>
          <label className="check">
            <input type="radio" name="when" checked={later} onChange={() => setLater(true)} />
            <span>Hẹn giờ</span>
          </label>
        </fieldset>
        {later && (
          <label className="field" htmlFor="campaign-start">
            <span className="field-label">Gửi lúc (giờ Việt Nam)</span>
            <input id="campaign-start" type="datetime-local" value={startAt} onChange={(e) => setStartAt(e.target.value)} />
          </label>
        )}
        <Text className="muted">Tin không gửi vào giờ nghỉ ban đêm: nếu đến giờ đó, tin sẽ chờ đến sáng.</Text>
        {problem && <ErrorBox message={problem} />}
        <Box mt={2} mb={6}>
          <Button fullWidth size="large" loading={busy} disabled={problems.length > 0} onClick={submit}>
            {later ? "Hẹn gửi đợt nhắc" : "Gửi đợt nhắc"}
          </Button>
        </Box>
      </Screen>
    </Page>
  );
}
