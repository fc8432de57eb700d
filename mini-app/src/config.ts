import appConfig from "../app-config.json";

declare global {
  interface Window {
    /** Written into the page by the desktop demo server; absent inside Zalo. */
    HVS_CONFIG?: { apiUrl?: string; zaloStandInUrl?: string; oaId?: string };
  }
}

/** Inside Zalo the API address comes from app-config.json (`template.apiUrl`), set before `zmp deploy`. */
export const API_URL = (window.HVS_CONFIG?.apiUrl || appConfig.template.apiUrl).replace(/\/$/, "");

/** Set only by the desktop demo: enables the clearly-labelled demo sign-in. */
export const STAND_IN_URL = window.HVS_CONFIG?.zaloStandInUrl ?? null;

/** The commune's Official Account, for "follow" (template.oaId in app-config.json); null hides the button. */
export const OA_ID = window.HVS_CONFIG?.oaId || appConfig.template.oaId || null;
