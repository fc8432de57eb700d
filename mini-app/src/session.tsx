import type { Me } from "@hvs/shared/api";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

const KEY = "hvs.session";

interface Session {
  token: string | null;
  me: Me | null;
  signIn: (token: string, me: Me) => void;
  setMe: (me: Me) => void;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

// localStorage can be unavailable (private mode, some webviews); then the session lasts until the app closes.
function readToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
function writeToken(token: string | null) {
  try {
    if (token) localStorage.setItem(KEY, token);
    else localStorage.removeItem(KEY);
  } catch {
    // keep the in-memory session only
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(readToken);
  const [me, setMe] = useState<Me | null>(null);
  const signIn = useCallback((next: string, who: Me) => {
    writeToken(next);
    setToken(next);
    setMe(who);
  }, []);
  const signOut = useCallback(() => {
    writeToken(null);
    setToken(null);
    setMe(null);
  }, []);
  const value = useMemo(() => ({ token, me, signIn, setMe, signOut }), [token, me, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}
