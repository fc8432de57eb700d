/**
 * The consent text's version. Raise it whenever what is collected, why, or who sees it changes: the app
 * then asks again before anything more is stored. Kept free of zod so the mini app can import it cheaply.
 */
// v2: village teams see names, birth years, phones and progress in their village (and sign people up).
export const CONSENT_VERSION = "2026-11-v2";
