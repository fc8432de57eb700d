import { useCallback, useEffect, useState } from "react";
import { type ApiError, api, onReachability } from "./api";
import { readCached, writeCached } from "./offline/read-cache";
import { useCall, useSession } from "./session";

interface State<T> {
  data: T | null;
  error: ApiError | null;
  /** A request is under way (there may already be a kept copy on screen). */
  loading: boolean;
  /** The data is the copy kept on the phone, because the server could not be reached. */
  stale: boolean;
}

interface Options {
  /** Public curriculum (lessons, quiz questions): sent without the session, so no CORS preflight. */
  anonymous?: boolean;
}

/**
 * GETs a path as the signed-in learner, with loading and error states and a reload for the retry button.
 * Every answer is kept on the phone; a kept copy is shown at once while the fresh one loads, and instead of
 * an error when there is no network.
 */
export function useApi<T>(path: string | null, { anonymous = false }: Options = {}) {
  const call = useCall();
  const learnerId = useSession().me?.id ?? null;
  const [state, setState] = useState<State<T>>({ data: null, error: null, loading: path !== null, stale: false });
  // Bumped by reload(); read in the effect so that a reload re-runs it.
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    if (path === null || reloads < 0) return;
    let live = true;
    const kept = learnerId !== null ? readCached<T>(learnerId, path) : null;
    setState({ data: kept, error: null, loading: true, stale: false });
    (anonymous ? api<T>(path) : call<T>(path))
      .then((data) => {
        if (learnerId !== null) writeCached(learnerId, path, data);
        if (live) setState({ data, error: null, loading: false, stale: false });
      })
      .catch((error: ApiError) => {
        if (!live) return;
        if (kept && error.code === "NETWORK") setState({ data: kept, error: null, loading: false, stale: true });
        else setState({ data: null, error, loading: false, stale: false });
      });
    return () => {
      live = false;
    };
  }, [path, call, reloads, learnerId, anonymous]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  // A kept copy is refreshed as soon as the server can be reached again.
  useEffect(() => {
    if (!state.stale) return;
    return onReachability((reachable) => {
      if (reachable) reload();
    });
  }, [state.stale, reload]);
  return { ...state, reload };
}

/** Fetches public curriculum into the phone's copy without showing it: the next lesson, a lesson's quiz. */
export function usePrefetch() {
  const learnerId = useSession().me?.id ?? null;
  return useCallback(
    (path: string) => {
      if (learnerId === null || readCached(learnerId, path) !== null) return;
      api(path)
        .then((data) => writeCached(learnerId, path, data))
        .catch(() => {
          // only a head start; the screen fetches it again when opened
        });
    },
    [learnerId],
  );
}
