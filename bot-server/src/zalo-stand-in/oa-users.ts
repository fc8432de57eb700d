import { createHash } from "node:crypto";
import type { CsButton } from "./cs-message";

/**
 * Zalo gives one person a different id per OA (`sender.id`, `recipient.user_id`) than per app (the mini
 * app's id, `user_id_by_app`). The stand-in derives the OA id from the app id so it is stable across runs:
 * 19 decimal digits, like Zalo's, taken from sha256(oaId + ":" + appUserId).
 */
export function oaUserIdFor(oaId: string, appUserId: string): string {
  const n = createHash("sha256").update(`${oaId}:${appUserId}`, "utf8").digest().readBigUInt64BE(0);
  return (1_000_000_000_000_000_000n + (n % 9_000_000_000_000_000_000n)).toString();
}

/** What a person can send; Zalo's conversation API may name attachment types differently (unchecked). */
export type EntryType = "text" | "image" | "sticker" | "location";

interface ConversationEntry {
  /** 0: OA → person, 1: person → OA, as in Zalo's conversation API. */
  src: 0 | 1;
  time: number;
  type: EntryType;
  text: string;
  message_id: string;
  buttons?: CsButton[];
  /** An `oa.query.hide` tap: the OA receives it, the person's own chat does not show it. */
  hidden?: true;
}

export interface OaUser {
  appUserId: string;
  oaUserId: string;
  name: string;
  /** Never, until the person does something; Zalo allows consultation messages for 7 days after. */
  lastInteractionAt: number | null;
  conversation: ConversationEntry[];
}

export function createOaUsers(oaId: string, users: { id: string; name: string }[]) {
  const all: OaUser[] = users.map((u) => ({
    appUserId: u.id,
    oaUserId: oaUserIdFor(oaId, u.id),
    name: u.name,
    lastInteractionAt: null,
    conversation: [],
  }));
  const byAppId = new Map(all.map((u) => [u.appUserId, u]));
  const byOaId = new Map(all.map((u) => [u.oaUserId, u]));
  return { all, byAppId, byOaId };
}

export type OaUsers = ReturnType<typeof createOaUsers>;

/** The OA id of synthetic load-test follower `i` (from 0): 19 digits like Zalo's, recognisable by its leading 5. */
export const loadTestFollowerId = (i: number): string => `5${String(i).padStart(18, "0")}`;

/**
 * Followers for load tests and benchmarks (a campaign to 100,000 people): known to the OA API, all having
 * written to the OA at `at`, but not listed in /demo/users, which stays the short list of demo residents.
 */
export function addLoadTestFollowers(users: OaUsers, count: number, at: number): void {
  for (let i = 0; i < count; i++) {
    const oaUserId = loadTestFollowerId(i);
    users.byOaId.set(oaUserId, { appUserId: `load-${i}`, oaUserId, name: `Người thử ${i}`, lastInteractionAt: at, conversation: [] });
  }
}
