import type { CertificateList, CertificateSummary, ProgramList } from "@hvs/shared/api";
import { useState } from "react";
import { openShareSheet, saveImageToGallery } from "zmp-sdk";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { AppHeader, ErrorBox, Heading, Loading, Screen } from "../components";
import { SyncStatus } from "../sync-status";
import { useApi } from "../use-api";

const date = (iso: string) => new Date(iso).toLocaleDateString("vi-VN");

/** One certificate: its picture, and sharing it to Zalo or saving it on the phone. */
function CertificateCard({ certificate }: { certificate: CertificateSummary }) {
  const [message, setMessage] = useState<string | null>(null);
  async function attempt(action: () => Promise<unknown>, done: string) {
    setMessage(null);
    try {
      await action();
      setMessage(done);
    } catch {
      setMessage("Chưa làm được. Hãy kiểm tra mạng rồi thử lại.");
    }
  }
  if (certificate.status !== "valid") {
    return (
      <Box className="card" mt={2}>
        <Heading size="large">{certificate.programTitle}</Heading>
        <Text>Số hiệu {certificate.serial}: chứng nhận này đã bị thu hồi.</Text>
      </Box>
    );
  }
  return (
    <Box className="card certificate" mt={2}>
      <Heading size="large">{certificate.programTitle}</Heading>
      <img src={certificate.imageUrl} alt={`Giấy chứng nhận ${certificate.programTitle} của ${certificate.displayName ?? ""}`} />
      <Text>
        Cấp ngày {date(certificate.issuedAt)} · Số hiệu {certificate.serial}
      </Text>
      <Button
        fullWidth
        onClick={() =>
          attempt(() => openShareSheet({ type: "image", data: { imageUrls: [certificate.imageUrl] } }), "Đã mở khung chia sẻ.")
        }
      >
        Chia sẻ qua Zalo
      </Button>
      <Button
        fullWidth
        variant="secondary"
        onClick={() => attempt(() => saveImageToGallery({ imageUrl: certificate.imageUrl }), "Đã lưu ảnh vào máy.")}
      >
        Lưu ảnh vào máy
      </Button>
      <a className="verify-link" href={certificate.verifyUrl} target="_blank" rel="noreferrer">
        Mở trang kiểm tra chứng nhận
      </a>
      {message && (
        <Text role="status" className="muted">
          {message}
        </Text>
      )}
    </Box>
  );
}

/** The learner's certificates, and for each program not yet completed, how far they are from one. */
export function CertificatesPage() {
  const navigate = useNavigate();
  const programs = useApi<ProgramList>("/api/programs");
  const mine = useApi<CertificateList>("/api/certificates");
  const held = new Set(mine.data?.certificates.map((c) => c.programId));
  return (
    <Page className="page">
      <AppHeader title="Chứng nhận của tôi" />
      <Screen>
        <SyncStatus />
        {programs.loading && !programs.data && <Loading />}
        {programs.error && <ErrorBox message={programs.error.message} onRetry={programs.reload} />}
        {mine.data?.certificates.map((c) => (
          <CertificateCard key={c.serial} certificate={c} />
        ))}
        {programs.data?.programs
          .filter((program) => !held.has(program.id))
          .map((program) => {
            const total = program.courses.length;
            return (
              <Box key={program.id} className="card" mt={2}>
                <Heading size="large">{program.title}</Heading>
                <Text>{program.description}</Text>
                <label className="progress-label">
                  <Text bold>
                    Đã đạt {program.passedCount} / {total} khóa
                  </Text>
                  <progress max={total} value={program.passedCount} />
                </label>
                {program.completed ? (
                  <Box className="verdict right" role="status">
                    <Text size="large" bold>
                      Bạn đã đủ điều kiện. Chứng nhận đang chờ cán bộ xã xem lại kết quả, sẽ hiện ở đây khi được cấp.
                    </Text>
                  </Box>
                ) : (
                  <>
                    <Text bold>Các khóa còn lại:</Text>
                    <ul className="remaining">
                      {program.courses
                        .filter((c) => !c.passed)
                        .map((c) => (
                          <li key={c.courseId}>
                            <Text bold>{c.title}</Text>
                            <Text className="muted">
                              {c.bestPercent === null ? "Chưa làm bài kiểm tra cuối khóa" : `Cao nhất: ${c.bestPercent}%`}
                            </Text>
                            <Button size="small" variant="secondary" onClick={() => navigate(`/quiz/${c.finalQuizId}`)}>
                              Làm bài kiểm tra cuối khóa
                            </Button>
                          </li>
                        ))}
                    </ul>
                  </>
                )}
              </Box>
            );
          })}
      </Screen>
    </Page>
  );
}
