/**
 * Limits both sides must agree on. Kept free of zod so the mini app can import them without pulling the
 * validator into the phone's bundle.
 */

/** The most progress events a phone sends at once; a longer queue goes in several requests. */
export const MAX_EVENTS_PER_BATCH = 50;
