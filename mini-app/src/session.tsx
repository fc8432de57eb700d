import type { Me } from "@hvs/shared/api";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from "react";
import { ApiError, type ApiOptions, api } from "./api";
import { landOn } from "./deep-link";
import { loadJson, save, saveJson } from "./storage";

const KEY = "hvs.session";

/** Kept on the phone together, so that the app knows who is learning even when it opens without a signal. */
interface Stored {
  token: string;
  me: Me | null;
  /**
   * Set while a team member's phone acts for a resident (assisted learning): `token` and `me` are then the
   * resident's, and this is the member's own session to return to.
   */
  helper?: { token: string; me: Me | null; until: string };
}

interface Session {
  token: string | null;
  me: Me | null;
  signIn: (token: string, me: Me) => void;
  setMe: (me: Me) => void;
  /** `notice` is shown on the sign-in screen (e.g. after deleting one's data). */
  signOut: (notice?: string) => void;
  /** The server refused `token`: signs out if it is still the one in use (a late answer for an old one is ignored). */
  expired: (token: string | null) => void;
  notice: string | null;
  clearNotice: () => void;
  /** A team member's phone is acting for a resident (who `me` is); the member's session is kept aside. */
  assisting: boolean;
  /** Acts for a resident with the session the server issued for that; the current one is kept to return to. */
  startAssist: (token: string, me: Me, until: string) => void;
  /** Back to the team member's own session (`notice` is shown on the team screen). */
  endAssist: (notice?: string) => void;
  /**
   * On a family phone (several profiles on one Zalo account) "Ai đang học?" is asked when the app opens and
   * after signing in; true once it was answered in this run of the app.
   */
  profileChosen: boolean;
  chooseProfile: () => void;
  /** Learns as another profile of the family with the session the server issued for it (the old one ended). */
  switchProfile: (token: string, me: Me) => void;
}

const SessionContext = createContext<Session | null>(null);

function readStored(): Stored | null {
  const stored = loadJson<Stored>(KEY);
  if (!stored || typeof stored.token !== "string") return null;
  // An assisted session lasts two hours; reopened later, the phone is the team member's again.
  const { helper } = stored;
  if (helper && !(Date.parse(helper.until) > Date.now())) {
    const own = { token: helper.token, me: helper.me };
    saveJson(KEY, own);
    return own;
  }
  return stored;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<Stored | null>(readStored);
  const [notice, setNotice] = useState<string | null>(null);
  // Not kept on the phone: whoever opens the app next is asked again.
  const [profileChosen, setProfileChosen] = useState(false);
  const keep = useCallback((next: Stored | null) => {
    if (next) saveJson(KEY, next);
    else save(KEY, null);
    setStored(next);
  }, []);
  const signIn = useCallback(
    (token: string, me: Me) => {
      setNotice(null);
      setProfileChosen(false);
      keep({ token, me });
    },
    [keep],
  );
  const chooseProfile = useCallback(() => setProfileChosen(true), []);
  const switchProfile = useCallback(
    (token: string, me: Me) => {
      setNotice(null);
      setProfileChosen(true);
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
  // Read by the callbacks below without making them change on every session change.
  const current = useRef(stored);
  current.current = stored;
  const endAssist = useCallback(
    (message?: string) => {
      const helper = current.current?.helper;
      if (!helper) return;
      setNotice(message ?? null);
      // The member goes back to where helping started from, where the notice is shown.
      landOn("/team");
      keep({ token: helper.token, me: helper.me });
    },
    [keep],
  );
  const signOut = useCallback(
    (message?: string) => {
      // The resident's session ending (expired, data deleted) hands the phone back to the team member.
      if (current.current?.helper) return endAssist(message ?? "Phiên học cùng đã kết thúc.");
      setNotice(message ?? null);
      keep(null);
    },
    [keep, endAssist],
  );
  const expired = useCallback(
    (token: string | null) => {
      if (token === null || current.current?.token !== token) return;
      if (current.current.helper) endAssist("Phiên học cùng đã hết hạn. Điện thoại đã trở về tài khoản của bạn.");
      else signOut("Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.");
    },
    [signOut, endAssist],
  );
  const startAssist = useCallback(
    (token: string, me: Me, until: string) => {
      const own = current.current;
      if (!own || own.helper) return;
      setNotice(null);
      keep({ token, me, helper: { token: own.token, me: own.me, until } });
    },
    [keep],
  );
  const clearNotice = useCallback(() => setNotice(null), []);
  const value = useMemo(
    () => ({
      token: stored?.token ?? null,
      me: stored?.me ?? null,
      signIn,
      setMe,
      signOut,
      expired,
      notice,
      clearNotice,
      assisting: stored?.helper !== undefined,
      startAssist,
      endAssist,
      profileChosen,
      chooseProfile,
      switchProfile,
    }),
    [stored, signIn, setMe, signOut, expired, notice, clearNotice, startAssist, endAssist, profileChosen, chooseProfile, switchProfile],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/**
 * Calls the API as the signed-in learner. A 401 means the session is gone (expired, logged out, data
 * deleted), so the app returns to sign-in instead of showing an error nobody can act on.
 */
export function useCall() {
  const { token, expired } = useSession();
  return useCallback(
    async <T,>(path: string, options: Omit<ApiOptions, "token"> = {}): Promise<T> => {
      try {
        return await api<T>(path, { ...options, token });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) expired(token);
        throw error;
      }
    },
    [token, expired],
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}
