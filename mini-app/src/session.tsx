import type { Me } from "@hvs/shared/api";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { ApiError, api } from "./api";
import { load, save } from "./storage";

const KEY = "hvs.session";

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

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => load(KEY));
  const [me, setMe] = useState<Me | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const signIn = useCallback((next: string, who: Me) => {
    setNotice(null);
    save(KEY, next);
    setToken(next);
    setMe(who);
  }, []);
  const signOut = useCallback((message?: string) => {
    setNotice(message ?? null);
    save(KEY, null);
    setToken(null);
    setMe(null);
  }, []);
  const value = useMemo(() => ({ token, me, signIn, setMe, signOut, notice }), [token, me, signIn, signOut, notice]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/**
 * Calls the API as the signed-in learner. A 401 means the session is gone (expired, logged out, data
 * deleted), so the app returns to sign-in instead of showing an error nobody can act on.
 */
export function useCall() {
  const { token, signOut } = useSession();
  return useCallback(
    async <T,>(path: string, options: { method?: string; body?: unknown } = {}): Promise<T> => {
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
