import type { Me } from "@hvs/shared/api";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { ApiError, type ApiOptions, api } from "./api";
import { loadJson, save, saveJson } from "./storage";

const KEY = "hvs.session";

/** Kept on the phone together, so that the app knows who is learning even when it opens without a signal. */
interface Stored {
  token: string;
  me: Me | null;
}

interface Session {
  token: string | null;
  me: Me | null;
  signIn: (token: string, me: Me) => void;
  setMe: (me: Me) => void;
  /** `notice` is shown on the sign-in screen (e.g. after deleting one's data). */
  signOut: (notice?: string) => void;
  notice: string | null;
}

const SessionContext = createContext<Session | null>(null);

function readStored(): Stored | null {
  const stored = loadJson<Stored>(KEY);
  return stored && typeof stored.token === "string" ? stored : null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<Stored | null>(readStored);
  const [notice, setNotice] = useState<string | null>(null);
  const keep = useCallback((next: Stored | null) => {
    if (next) saveJson(KEY, next);
    else save(KEY, null);
    setStored(next);
  }, []);
  const signIn = useCallback(
    (token: string, me: Me) => {
      setNotice(null);
      keep({ token, me });
    },
    [keep],
  );
  const setMe = useCallback(
    (me: Me) =>
      setStored((current) => {
        if (!current) return current;
        const next = { ...current, me };
        saveJson(KEY, next);
        return next;
      }),
    [],
  );
  const signOut = useCallback(
    (message?: string) => {
      setNotice(message ?? null);
      keep(null);
    },
    [keep],
  );
  const value = useMemo(
    () => ({ token: stored?.token ?? null, me: stored?.me ?? null, signIn, setMe, signOut, notice }),
    [stored, signIn, setMe, signOut, notice],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/**
 * Calls the API as the signed-in learner. A 401 means the session is gone (expired, logged out, data
 * deleted), so the app returns to sign-in instead of showing an error nobody can act on.
 */
export function useCall() {
  const { token, signOut } = useSession();
  return useCallback(
    async <T,>(path: string, options: Omit<ApiOptions, "token"> = {}): Promise<T> => {
      try {
        return await api<T>(path, { ...options, token });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) signOut("Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.");
        throw error;
      }
    },
    [token, signOut],
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}
