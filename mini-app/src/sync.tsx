import type { ProgressEvent, ProgressResponse, ProgressResult } from "@hvs/shared/api";
import { MAX_EVENTS_PER_BATCH } from "@hvs/shared/limits";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, api, onReachability } from "./api";
import { applyToAttempt } from "./offline/attempts";
import { dequeue, enqueue, queued } from "./offline/outbox";
import { markCompleted } from "./offline/read-cache";
import { useCall, useSession } from "./session";

interface Sync {
  /** Whether the last request reached the server. */
  online: boolean;
  /** Events waiting on the phone that a learner would call results (finished lessons, answers), not "opened" pings. */
  pendingResults: number;
  sending: boolean;
  /** Set for a few seconds after a backlog kept on the phone has all reached the server. */
  justSynced: boolean;
  /** The latest event the server refused (other than quiz events, which the quiz screen shows). */
  problem: string | null;
  /** The phone could not store the queue (storage full or off): it lives only while the app is open. */
  unsaved: boolean;
  /** Bumped whenever a server answer changed something kept on the phone, so screens re-read it. */
  revision: number;
  /** Lessons finished on this phone whose completion has not reached the server yet. */
  completedLocally: Set<string>;
  /**
   * Queues the events and tries to send them now. Resolves with their results, or null when they stay
   * queued (no network): they go out by themselves when it returns.
   */
  send: (events: ProgressEvent[]) => Promise<Map<string, ProgressResult> | null>;
  retry: () => void;
}

const SyncContext = createContext<Sync | null>(null);
// The server refuses bodies over 16 KB; a long queue of answers goes out in several requests below that.
const MAX_BATCH_BYTES = 12_000;

/** The oldest events that fit in one request: at least one, at most the count and size the server takes. */
function nextBatch(queue: ProgressEvent[]): ProgressEvent[] {
  const batch: ProgressEvent[] = [];
  let bytes = 20;
  for (const event of queue.slice(0, MAX_EVENTS_PER_BATCH)) {
    bytes += JSON.stringify(event).length + 1;
    if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
    batch.push(event);
  }
  return batch;
}
const RETRY_DELAYS_MS = [3_000, 6_000, 15_000, 30_000, 60_000];
// Short, because a queued answer is safe: better to say "saved on the phone" than to spin for 20 s.
const SEND_TIMEOUT_MS = 8_000;

export function SyncProvider({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const call = useCall();
  const learnerId = me?.id ?? null;
  const [online, setOnline] = useState(() => navigator.onLine);
  const [pendingEvents, setPendingEvents] = useState<ProgressEvent[]>(() => (learnerId ? queued(learnerId) : []));
  const [sending, setSending] = useState(false);
  const [justSynced, setJustSynced] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [unsaved, setUnsaved] = useState(false);
  const [revision, setRevision] = useState(0);
  const results = useRef(new Map<string, ProgressResult>());
  const running = useRef<Promise<void> | null>(null);
  const failures = useRef(0);
  // True once a send has failed with events waiting: their later delivery is worth telling the learner.
  const stuck = useRef(false);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The retry timer calls the latest flush; a ref breaks the cycle between flush and the loop it runs.
  const flushRef = useRef<() => Promise<void>>(async () => {});

  // Which learner this provider is syncing for now: a loop still running for the previous one must not
  // touch the next person's state (a family phone).
  const current = useRef(learnerId);
  current.current = learnerId;

  const retryLater = useCallback(() => {
    const delay = RETRY_DELAYS_MS[Math.min(failures.current, RETRY_DELAYS_MS.length - 1)];
    failures.current += 1;
    clearTimeout(retryTimer.current);
    retryTimer.current = setTimeout(() => void flushRef.current(), delay);
  }, []);

  const problemTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // A refused event is worth a line for a while, not for the rest of the session.
  const showProblem = useCallback((message: string | null) => {
    setProblem(message);
    clearTimeout(problemTimer.current);
    problemTimer.current = setTimeout(() => setProblem(null), 15_000);
  }, []);

  const flushOnce = useCallback(async () => {
    if (learnerId === null) return;
    const mine = () => current.current === learnerId;
    try {
      for (;;) {
        const batch = nextBatch(queued(learnerId));
        if (mine()) setPendingEvents(queued(learnerId));
        if (batch.length === 0) break;
        if (mine()) setSending(true);
        let response: ProgressResponse;
        try {
          response = await call<ProgressResponse>("/api/progress", { method: "POST", body: { events: batch }, timeoutMs: SEND_TIMEOUT_MS });
          // Something in between (a captive portal, a proxy) can answer 200 with another body: not an answer.
          if (!Array.isArray(response?.results) || response.results.length !== batch.length) throw new Error("not our answer");
        } catch (error) {
          stuck.current = true;
          // 401 signs out (useCall) and keeps the queue for the next sign-in; anything else is tried again later.
          if (!(error instanceof ApiError && error.status === 401)) retryLater();
          return;
        }
        failures.current = 0;
        let changed = false;
        response.results.forEach((result, i) => {
          const event = batch[i];
          if (!event) return;
          // Kept for the caller of send(); events sent in the background are not waited for, so bound it.
          if (results.current.size > 500) results.current.clear();
          results.current.set(event.id, result);
          if (applyToAttempt(learnerId, event, result)) changed = true;
          else if (result.status === "rejected") showProblem(result.error?.message ?? null);
          if (event.type === "lesson_completed" && result.status !== "rejected") markCompleted(learnerId, event.lessonId);
        });
        // The server has committed the whole batch: every event in it is answered, even one it refused.
        dequeue(learnerId, new Set(batch.map((e) => e.id)));
        if (changed && mine()) setRevision((r) => r + 1);
      }
      if (stuck.current && mine()) {
        stuck.current = false;
        setJustSynced(true);
        setTimeout(() => setJustSynced(false), 10_000);
      }
    } finally {
      if (mine()) setSending(false);
    }
  }, [learnerId, call, retryLater, showProblem]);

  // One flush at a time: a second caller waits for the running one and then goes again for its own events.
  const flush = useCallback(async (): Promise<void> => {
    while (running.current) await running.current;
    const run = flushOnce().finally(() => {
      running.current = null;
    });
    running.current = run;
    return run;
  }, [flushOnce]);
  flushRef.current = flush;

  const send = useCallback(
    async (events: ProgressEvent[]) => {
      if (learnerId === null) return null;
      setUnsaved(!enqueue(learnerId, events));
      setPendingEvents(queued(learnerId));
      await flush();
      if (!events.every((e) => results.current.has(e.id))) return null;
      const answered = new Map(events.map((e) => [e.id, results.current.get(e.id) as ProgressResult]));
      for (const e of events) results.current.delete(e.id);
      return answered;
    },
    [learnerId, flush],
  );

  useEffect(() => {
    // A new learner on this phone starts with a clean slate.
    results.current.clear();
    failures.current = 0;
    stuck.current = false;
    setProblem(null);
    setJustSynced(false);
    if (learnerId === null) return;
    setPendingEvents(queued(learnerId));
    void flush();
    const stop = onReachability((reachable) => {
      setOnline(reachable);
      if (reachable && queued(learnerId).length > 0 && !running.current) void flush();
    });
    const back = () => {
      failures.current = 0;
      // With nothing to send, a small request is what tells whether our server is really reachable again.
      if (queued(learnerId).length === 0) void api("/health").catch(() => {});
      else void flush();
    };
    const gone = () => setOnline(false);
    window.addEventListener("online", back);
    window.addEventListener("offline", gone);
    return () => {
      stop();
      clearTimeout(retryTimer.current);
      window.removeEventListener("online", back);
      window.removeEventListener("offline", gone);
    };
  }, [learnerId, flush]);

  const value = useMemo<Sync>(() => {
    const completedLocally = new Set(pendingEvents.flatMap((e) => (e.type === "lesson_completed" ? [e.lessonId] : [])));
    return {
      online,
      pendingResults: pendingEvents.filter((e) => e.type !== "lesson_opened").length,
      sending,
      justSynced,
      problem,
      unsaved: unsaved && pendingEvents.length > 0,
      revision,
      completedLocally,
      send,
      retry: () => {
        failures.current = 0;
        void flush();
      },
    };
  }, [online, pendingEvents, sending, justSynced, problem, unsaved, revision, send, flush]);
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

export function useSync(): Sync {
  const sync = useContext(SyncContext);
  if (!sync) throw new Error("useSync outside SyncProvider");
  return sync;
}
