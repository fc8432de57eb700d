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
  // Bumped by reload(); read in the effect so that a reload re-runs it.
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    if (path === null || reloads < 0) return;
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
  }, [path, token, signOut, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { ...state, reload };
}
