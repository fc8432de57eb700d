import { useCallback, useEffect, useState } from "react";
import { type ApiError, api } from "./api";
import { useSession } from "./session";

interface State<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}

/** GETs a path with the session token; a 401 means the session is gone, so sign out to the start screen. */
export function useApi<T>(path: string | null) {
  const { token, signOut } = useSession();
  const [state, setState] = useState<State<T>>({ data: null, error: null, loading: path !== null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (path === null || attempt < 0) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    api<T>(path, { token })
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((error: ApiError) => {
        if (!live) return;
        if (error.status === 401) signOut();
        setState({ data: null, error, loading: false });
      });
    return () => {
      live = false;
    };
  }, [path, token, signOut, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
