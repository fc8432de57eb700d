/**
 * What a message typed to the commune's Zalo OA means. Learners are often elderly and type the way they talk:
 * no diacritics, capitals, doubled letters, "ạ" and "nhé" everywhere, an emoji. So:
 *
 * 1. Button payloads ("#ans:3f2c:q1:a") are read first and exactly: the bot wrote them.
 * 2. Everything else is compared on folded words (lowercase, no diacritics). A word of 4 letters or more that
 *    we don't know is read as the one known word it is one typo away from ("toii"), or whose letters it has in
 *    another order ("mnue"); shorter words are never guessed, so "hoi" (hỏi, to ask) does not become "hoc" (học).
 * 3. Filler words (pronouns, "muốn", "cho", "đi", "nhé", "ạ", "ơi", "tiếp", "bài", "với") are dropped and what
 *    remains must be exactly one known phrase: "cho tôi học tiếp đi bạn" is learn, but "học cài vneid thế nào"
 *    keeps "cai vneid the nao" and is a question. Matching the whole remainder, not a leading keyword, is what
 *    keeps a question that merely starts with a keyword a question.
 * 4. Only diacritics tell "dừng" (stop) from "đúng" (correct); plain "dung" is reported as stop with
 *    ambiguousWithTrue, for the caller to read by context (a true/false question pending, or not).
 * 5. Anything else with letters or digits is a question for the lesson search.
 */
import { editDistance, fold, hasDiacritics } from "./normalize";

export type Intent =
  | { kind: "payload"; command: string; args: string[] }
  | { kind: "menu" }
  | { kind: "learn" }
  | { kind: "remind"; hour: number | null; minute: number }
  | { kind: "stop"; ambiguousWithTrue?: boolean }
  | { kind: "letters"; letters: string[] }
  | { kind: "truth"; value: boolean }
  | { kind: "yes" }
  | { kind: "no" }
  | { kind: "my_data" }
  | { kind: "question"; text: string }
  | { kind: "empty" };

/** Keys standing for the folded word "dung" once its diacritics have said which word it was. */
const DUNG_STOP = "dừng";
const DUNG_TRUE = "đúng";

/** Words that add politeness or "I want", not meaning: "cho tôi học tiếp nhé bạn" means "học". */
const FILLERS = new Set(
  "toi minh muon cho di nhe nha nhen a ban oi tiep bai voi em anh chi ong ba bac chu chau con nua ngay thu luon".split(" "),
);

/** Extra fillers around a time: "nhắc tôi học lúc 7 giờ sáng mai, mỗi ngày nhé". */
const TIME_FILLERS = new Set("luc vao hang moi ngay nay mai buoi hom".split(" "));

/**
 * Known phrases, written folded, except that "dừng" and "đúng" stand for "dung" with the diacritics of that
 * word. Fillers are dropped from them too when the table is built, so they can be written as people say them.
 */
const PHRASES: [Intent, string[]][] = [
  [{ kind: "menu" }, ["menu", "hi", "hello", "chao", "xin chao", "alo", "bat dau", "bat dau lai", "start", "giup", "giup do"]],
  [{ kind: "menu" }, ["tro giup", "huong dan", "help", "danh muc", "0"]],
  [{ kind: "learn" }, ["hoc", "hoc tiep", "hoc bai", "bai hoc", "hoc di", "1", "tiep tuc hoc", "tiep tuc", "hoc ngay", "vao hoc"]],
  [{ kind: "learn" }, ["bai tiep theo", "hoc bai tiep theo", "bai moi", "hoc bai moi"]],
  [{ kind: "stop" }, [DUNG_STOP, "ngung", "thoi", "stop", "huy", "tat", "dung lai", `${DUNG_STOP} lai`, "ngung lai"]],
  [{ kind: "stop" }, ["thoi nhac", "huy nhac", "tat nhac", "dung nhac", `${DUNG_STOP} nhac`, "ngung nhac", "bo nhac"]],
  [{ kind: "stop" }, ["tat nhac nho", "huy nhac nho", `${DUNG_STOP} nhac nho`, "dung nhac nho", "khong nhac nua", "thoi khong nhac"]],
  [{ kind: "truth", value: true }, [DUNG_TRUE, `${DUNG_TRUE} roi`, "dung roi", `${DUNG_TRUE} vay`, "dung vay", "chinh xac"]],
  [{ kind: "truth", value: true }, ["khong sai", "phai", "phai roi"]],
  [{ kind: "truth", value: false }, ["sai", "sai roi", `khong ${DUNG_TRUE}`, "khong dung", `chua ${DUNG_TRUE}`, "chua dung"]],
  [{ kind: "truth", value: false }, ["khong phai"]],
  [{ kind: "yes" }, ["co", "dong y", "ok", "okay", "u", "um", "uh", "uhm", "vang", "da", "da vang", "duoc", "yes", "chac chan"]],
  [{ kind: "yes" }, ["co chu", "duoc roi"]],
  [{ kind: "no" }, ["khong", "khong dong y", "khong muon", "no", "chua", "khong can"]],
  [{ kind: "my_data" }, ["du lieu cua toi", "xoa du lieu", "xoa du lieu cua toi", "xoa tai khoan", "xoa tai khoan cua toi"]],
  [{ kind: "my_data" }, ["du lieu ca nhan", "thong tin cua toi", "xoa thong tin cua toi", "xem du lieu cua toi"]],
];

/**
 * Spellings of one word, read as that word: "ko đúng" is "không đúng", "dc" is "được", "hok" and "hocj"
 * (Telex with the tone key left in) are "học".
 */
const SAME_WORD: Record<string, string> = {
  hok: "hoc",
  hocj: "hoc",
  ko: "khong",
  k: "khong",
  kh: "khong",
  hong: "khong",
  dc: "duoc",
  oke: "ok",
  oki: "ok",
  okie: "ok",
};

/** What is left of a reminder request once fillers and the time are gone. */
const REMIND_PHRASES = new Set(["nhac", "nhac hoc", "nhac nho", "nhac nho hoc", "hen gio", "hen gio hoc", "dat gio", "dat gio hoc"]);

const withoutFillers = (words: string[]) => words.filter((word) => !FILLERS.has(word));

const KNOWN = new Map<string, Intent>();
for (const [intent, phrases] of PHRASES) {
  for (const phrase of phrases) {
    const key = withoutFillers(phrase.split(" ")).join(" ");
    // Two meanings for one phrase would make the answer depend on table order: refuse at start-up.
    const earlier = KNOWN.get(key);
    if (earlier && JSON.stringify(earlier) !== JSON.stringify(intent)) throw new Error(`"${phrase}" has two meanings`);
    KNOWN.set(key, intent);
  }
}

/** Every plain word the tables know, for typo correction. "dung" is left out: its meaning hangs on diacritics. */
const VOCABULARY = new Set(
  [...PHRASES.flatMap(([, phrases]) => phrases), ...REMIND_PHRASES, ...FILLERS, ...TIME_FILLERS]
    .flatMap((phrase) => phrase.split(" "))
    .filter((word) => /^[a-z]{3,}$/.test(word) && word !== "dung"),
);

interface Token {
  /** As typed (NFC), to look at diacritics. */
  raw: string;
  /** Folded, typo-corrected, with "dung" resolved to DUNG_STOP / DUNG_TRUE when diacritics say which. */
  key: string;
}

function keyOf(raw: string): string {
  const folded = fold(raw);
  const word = SAME_WORD[folded] ?? folded;
  if (word === "dung") {
    const marks = raw.normalize("NFD");
    if (marks.includes("\u031b")) return DUNG_STOP; // ư: dừng, đừng
    if (/[đĐ]/.test(raw) || marks.includes("\u0301")) return DUNG_TRUE; // đúng, or "dúng" typed without đ
    return hasDiacritics(raw) ? raw.toLocaleLowerCase("vi") : word; // dụng, dũng: other words, matching nothing
  }
  if (word.length < 4 || VOCABULARY.has(word) || /\d/.test(word)) return word;
  const near = [...VOCABULARY].filter((known) => editDistance(word, known, 1) <= 1 || jumbled(word, known));
  return near.length === 1 && near[0] ? near[0] : word;
}

/** The same letters out of order, as fast fingers type them: "mnue" is two swaps from "menu", not one. */
function jumbled(word: string, known: string): boolean {
  const letters = (text: string) => [...text].sort().join("");
  return known.length >= 4 && word.length === known.length && letters(word) === letters(known);
}

function tokenize(text: string): Token[] {
  return (
    text
      .normalize("NFC")
      // "6:15" and "6.15" are one time, like "6h15", before punctuation splits them.
      .replace(/(\d{1,2})\s*[:.]\s*(\d{2})(?!\d)/g, "$1h$2")
      .split(/[^\p{L}\p{M}\p{N}]+/u)
      .filter((raw) => fold(raw) !== "")
      .map((raw) => ({ raw, key: keyOf(raw) }))
  );
}

/** Quiz answers typed as letters: "A", "a c", "A,C", "ac", "đáp án B", "chọn b ạ". */
const LETTER_FILLERS = new Set(["dap", "an", "chon", "cau", "phuong", "la", "va", "voi", "toi", "em", "minh", "con", "chau", "a", "nhe"]);

function readLetters(tokens: Token[]): string[] | null {
  const letters = new Set<string>();
  for (const { raw, key } of tokens) {
    // Letters run together count only in alphabetical order ("ac", "bd"): "ba" (three), "da" (yes) are words.
    const upper = raw.toUpperCase();
    const run = [...upper];
    if (/^[A-F]+$/.test(upper) && run.every((letter, i) => i === 0 || letter > (run[i - 1] ?? ""))) {
      for (const letter of run) letters.add(letter);
    } else if (!LETTER_FILLERS.has(key)) {
      return null;
    }
  }
  return letters.size > 0 ? [...letters].sort() : null;
}

const HOUR_WORDS = ["h", "g", "gio"];
const DAYPARTS = ["sang", "trua", "chieu", "toi", "dem", "khuya"] as const;
type Daypart = (typeof DAYPARTS)[number];
const isDaypart = (key: string | undefined): key is Daypart => DAYPARTS.some((part) => part === key);

/** "8 giờ tối" is 20:00, "1 giờ trưa" 13:00, "10 giờ đêm" 22:00, "12 giờ đêm" 0:00. */
function to24(hour: number, part: Daypart | null): number {
  if (hour > 12) return hour; // already on the 24-hour clock: "19h tối"
  if (part === "trua") return hour <= 4 ? hour + 12 : hour;
  if (part === "chieu" || part === "toi") return hour === 12 ? (part === "toi" ? 0 : 12) : hour < 12 ? hour + 12 : hour;
  if (part === "dem" || part === "khuya") return hour === 12 ? 0 : hour >= 7 && hour < 12 ? hour + 12 : hour;
  return hour;
}

/** A bare number is an hour after "lúc", "vào" or "nhắc (tôi)": "nhắc tôi 7" is 7:00, "bài 7" is not a time. */
function bareHourAfter(before: string[]): boolean {
  return ["luc", "vao", "nhac"].includes(withoutFillers(before).at(-1) ?? "");
}

interface TimeRead {
  hour: number | null;
  minute: number;
  /** Indexes of the tokens that spelled the time, so the rest can be judged on its own. */
  used: Set<number>;
}

/**
 * A time of day in the tokens: "7h", "19h30", "7 giờ", "7 giờ 30 (phút)", "7 giờ rưỡi", "8 giờ kém 15",
 * "lúc 7", "nhắc tôi 7", with a part of the day after it ("7 giờ tối") or "buổi tối" anywhere. An impossible time
 * ("25 giờ") is still a time, read as no hour, so the caller asks again.
 */
function readTime(tokens: Token[]): TimeRead | null {
  const keys = tokens.map((token) => token.key);
  for (let i = 0; i < keys.length; i++) {
    const used = new Set<number>([i]);
    let hour: number;
    let minute = 0;
    let next: number;
    const compact = /^(\d{1,2})(?:h|g|gio)(\d{1,2})?(?:p|ph|phut)?$/.exec(keys[i] ?? "");
    if (compact) {
      hour = Number(compact[1]);
      minute = Number(compact[2] ?? 0);
      next = i + 1;
    } else if (/^\d{1,2}$/.test(keys[i] ?? "") && (HOUR_WORDS.includes(keys[i + 1] ?? "") || bareHourAfter(keys.slice(0, i)))) {
      hour = Number(keys[i]);
      next = HOUR_WORDS.includes(keys[i + 1] ?? "") ? i + 2 : i + 1;
    } else {
      continue;
    }
    for (let j = i; j < next; j++) used.add(j);
    if (!compact?.[2]) {
      const after = keys[next];
      if (after && /^\d{1,2}$/.test(after)) {
        minute = Number(after);
        used.add(next++);
      } else if (after === "ruoi") {
        minute = 30;
        used.add(next++);
      } else if (after === "kem" && /^\d{1,2}$/.test(keys[next + 1] ?? "")) {
        hour -= 1;
        minute = 60 - Number(keys[next + 1]);
        used.add(next++).add(next++);
      }
      if (["p", "ph", "phut"].includes(keys[next] ?? "")) used.add(next++);
    }
    // The part of the day: right after the time ("8 giờ tối"), after "buổi" anywhere, or just before the time
    // ("tối 8 giờ"). "toi" is also "tôi" (me), so after a time it is the evening unless typed "tôi", and before
    // a time ("nhắc tôi 8 giờ") only when typed "tối".
    const raw = (at: number) => tokens[at]?.raw.toLocaleLowerCase("vi") ?? "";
    const buoi = keys.indexOf("buoi");
    const named = buoi >= 0 ? keys[buoi + 1] : undefined;
    let part: Daypart | null = null;
    const after = keys[next];
    const before = keys[i - 1];
    if (isDaypart(after) && raw(next) !== "tôi") {
      part = after;
      used.add(next);
    } else if (isDaypart(named)) {
      part = named;
      used.add(buoi).add(buoi + 1);
    } else if (isDaypart(before) && (before !== "toi" || raw(i - 1) === "tối")) {
      part = before;
      used.add(i - 1);
    }
    const valid = hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59;
    return { hour: valid ? to24(hour, part) : null, minute: valid ? minute : 0, used };
  }
  return null;
}

function readRemind(tokens: Token[]): Intent | null {
  const time = readTime(tokens);
  const rest = withoutFillers(tokens.filter((_, i) => !time?.used.has(i)).map((token) => token.key))
    .filter((key) => !time || !TIME_FILLERS.has(key))
    .join(" ");
  // A time alone ("7h sáng") answers "what time?"; with "học" it still asks for a reminder ("học lúc 7h").
  const asked = REMIND_PHRASES.has(rest) || (time !== null && (rest === "" || rest === "hoc"));
  if (!asked) return null;
  return { kind: "remind", hour: time?.hour ?? null, minute: time?.minute ?? 0 };
}

function readPayload(text: string): Intent | null {
  const match = /^#([A-Za-z0-9_-]+)(?::(.*))?$/s.exec(text);
  if (!match?.[1]) return null;
  return { kind: "payload", command: match[1].toLowerCase(), args: match[2] === undefined ? [] : match[2].split(":") };
}

export function readIntent(text: string): Intent {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "empty" };
  const payload = readPayload(trimmed);
  if (payload) return payload;

  const tokens = tokenize(trimmed);
  if (tokens.length === 0) {
    if (/[?？]/.test(trimmed)) return { kind: "menu" };
    if (/👍|👌/u.test(trimmed)) return { kind: "yes" };
    return { kind: "empty" };
  }

  const letters = readLetters(tokens);
  if (letters) return { kind: "letters", letters };
  // Vietnamese tests mark true/false as Đ/S.
  const only = tokens.length === 1 ? tokens[0]?.raw : undefined;
  if (only === "đ" || only === "Đ") return { kind: "truth", value: true };
  if (only === "s" || only === "S") return { kind: "truth", value: false };

  const keys = tokens.map((token) => token.key);
  // "alo alo", "ok ok": a word said twice means it once.
  const core = withoutFillers(keys).filter((key, i, all) => key !== all[i - 1]);
  // Nothing but fillers: "tiếp đi", "bài tiếp" mean go on; "bạn ơi" is someone calling for the bot.
  if (core.length === 0) return keys.includes("tiep") ? { kind: "learn" } : { kind: "menu" };
  const candidates = [core.join(" ")];
  // Two pieces of one word typed with a stray space ("đ úng", "h ọc") are also read joined.
  if (tokens.length === 2) candidates.push(keyOf(tokens.map((token) => token.raw).join("")));
  for (const candidate of candidates) {
    if (candidate === "dung") return { kind: "stop", ambiguousWithTrue: true };
    const known = KNOWN.get(candidate);
    if (known) return known;
  }
  return readRemind(tokens) ?? { kind: "question", text: trimmed };
}
