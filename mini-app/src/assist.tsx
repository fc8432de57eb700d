import type { AssistResponse } from "@hvs/shared/team";
import { useEffect, useState } from "react";
import { Box, Button, Text } from "zmp-ui";
import { forgetAttempts } from "./offline/attempts";
import { queued } from "./offline/outbox";
import { forgetCached } from "./offline/read-cache";
import { useCall, useSession } from "./session";
import { useSync } from "./sync";

/*
 * Assisted learning: a team member's phone acts for a resident with a session the server issued for that
 * ("Học cùng"); the member's own session waits on the side (session.tsx).
 *
 * Whose results go with whose session: the progress outbox is kept per learner (offline/outbox.ts), and
 * SyncProvider only ever sends the current learner's queue with that same learner's token. What could still
 * go wrong is a switch with events waiting: the resident's would stay on the phone under a session that is
 * about to be thrown away, never sent. So a switch waits for the queue to drain, both ways: before helping
 * (the member's own results go up first) and before ending (the resident's go up first). Without a network
 * the member is told, and the phone stays with the resident until the results are sent. Afterwards the
 * resident's copies of screens and quiz answers are removed from the member's phone.
 */

/** Tries to send the current learner's waiting results now; the number still waiting afterwards. */
export function useDrain() {
  const { me } = useSession();
  const { send } = useSync();
  return async (): Promise<number> => {
    if (!me) return 0;
    // An empty send runs one flush of what is queued and waits for it.
    await send([]);
    return queued(me.id).length;
  };
}

function waitingMessage(count: number): string {
  return `Còn ${count} kết quả học chưa gửi lên máy chủ (chưa có mạng). Hãy chờ có mạng rồi bấm lại.`;
}

/** Shown at the bottom of every screen while helping: who is learning, who is helping, and the way back. */
export function AssistBanner() {
  const { me, assisting, endAssist } = useSession();
  const drain = useDrain();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const active = assisting && me !== null;
  useEffect(() => {
    document.body.classList.toggle("assisted", active);
  }, [active]);
  // Once the waiting results have gone up by themselves, the warning about them goes too.
  const { pendingResults, sending } = useSync();
  const learnerId = me?.id ?? null;
  useEffect(() => {
    if (learnerId !== null && !sending && pendingResults === 0 && queued(learnerId).length === 0) setProblem(null);
  }, [learnerId, pendingResults, sending]);
  if (!active) return null;

  async function end() {
    if (!me) return;
    setBusy(true);
    setProblem(null);
    const left = await drain();
    setBusy(false);
    if (left > 0) {
      setProblem(waitingMessage(left));
      return;
    }
    forgetCached(me.id);
    forgetAttempts(me.id);
    endAssist(`Đã kết thúc học cùng ${me.displayName ?? "người dân"}. Kết quả học đã được lưu cho họ.`);
  }

  return (
    <Box className="assist-banner" role="region" aria-label="Đang học cùng">
      <Text bold>
        Đang học cùng {me.displayName ?? "người dân"}
        {me.assistedBy ? ` · ${me.assistedBy.name} giúp` : ""}
      </Text>
      {problem && (
        <Text className="assist-problem" role="alert">
          {problem}
        </Text>
      )}
      <Button fullWidth variant="secondary" loading={busy} onClick={end}>
        Kết thúc học cùng
      </Button>
    </Box>
  );
}

/**
 * "Học cùng": the member's own results are sent first, then the phone switches to the resident. Rejects
 * with a message to show (no network, not in this village, …).
 */
export function useStartAssist() {
  const { startAssist } = useSession();
  const call = useCall();
  const drain = useDrain();
  return async (learnerId: number) => {
    const left = await drain();
    if (left > 0) throw new Error(waitingMessage(left));
    const assisted = await call<AssistResponse>(`/api/team/residents/${learnerId}/assist`, { method: "POST" });
    startAssist(assisted.sessionToken, assisted.me, assisted.expiresAt);
  };
}
