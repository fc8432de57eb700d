import { useCallback, useEffect, useState } from "react";
import type { ApiError } from "./api";
import { useCall } from "./session";

interface State<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}

/** GETs a path as the signed-in learner, with loading and error states and a reload for the retry button. */
export function useApi<T>(path: string | null) {
  const call = useCall();
  const [state, setState] = useState<State<T>>({ data: null, error: null, loading: path !== null });
  // Bumped by reload(); read in the effect so that a reload re-runs it.
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    if (path === null || reloads < 0) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    call<T>(path)
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((error: ApiError) => live && setState({ data: null, error, loading: false }));
    return () => {
      live = false;
    };
  }, [path, call, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { ...state, reload };
}
