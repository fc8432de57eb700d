/**
 * Answers a free question by pointing at the lesson that teaches it, quoting the lesson's own words.
 * Nothing here composes an answer: a wrong tip about money or identity papers does real harm, so when the
 * curriculum does not clearly cover the question, best() says so (null) and the caller offers the menu.
 */
import type { Curriculum } from "@hvs/shared/content";
import { htmlBlocks, type TextBlock } from "./lesson-text";
import { fold } from "./normalize";

export interface Hit {
  lessonId: string;
  courseId: string;
  lessonTitle: string;
  courseTitle: string;
  score: number;
  excerpt: string;
}

export interface LessonSearch {
  /** Lessons sharing words with the query, best first (weak matches included). */
  search(query: string, limit?: number): Hit[];
  /** The one lesson that clearly answers the query, or null when nothing does (see isConfident). */
  best(query: string): Hit | null;
}

/**
 * Words that carry no topic (folded): question words, pronouns, particles, common verbs of asking.
 * "lam"/"gi"/"sao" go too: "phải làm gì" is in every question and in every lesson.
 */
const STOPWORDS = new Set(
  (
    "a ai anh ba bac ban bang bi biet cach cac cho chi chiec chu chua co con cua cung da dang day de den di dieu duoc " +
    "em gi giup gio ha hay hoac hoi hon khi khong ko la lai lam len luc minh moi mot muon nao nay ne neu nha nhe nhieu nhu " +
    "nhung nua o oi phai qua ra rang rat roi sang sao se the thi thu toi tren trong va vao vay ve vi voi xin xong"
  ).split(" "),
);

// BM25 constants, the usual ones: k1 saturates repeated words, b discounts long lessons.
const K1 = 1.2;
const B = 0.75;

/** How much a word counts by where it appears: a title names the lesson's topic, the course only hints at it. */
const WEIGHT = { title: 3, objective: 2, body: 1, course: 0.5 } as const;

/** A two-syllable match ("chuyen tien", "lua dao") says far more in Vietnamese than its two syllables apart. */
const BIGRAM_BONUS = 1.5;

/** A query pair found in SEAM_RATIO times fewer lessons than a pair overlapping it is read as their seam. */
const SEAM_RATIO = 4;

/**
 * BM25 saturates quickly, so a word said once in passing scores almost like the lesson's subject. A term in the
 * title, objectives or course title adds this many times its weight again, max over the fields.
 */
const TOPIC = { title: 2, objective: 1, course: 1 } as const;

/**
 * When best() trusts the top lesson (tuned on the real curriculum; search.test.ts holds the cases). All of:
 * 1. Coverage: the lesson contains at least MIN_COVERAGE of the query's content words, weighted by rarity.
 *    "giá vàng" fails: "vàng" is in no lesson.
 * 2. Meaning, not just syllables, by one of:
 *    - a pair of adjacent query words, as typed, is in the lesson and in at most half of all lessons
 *      ("cài vneid", "bị lừa", "mất điện"); "điện thoại" is in nearly every lesson and proves nothing;
 *    - a one-word query whose word is rare, in at most RARE_WORD_LESSONS lessons ("deepfake").
 *    "con mèo bay lên trời" and "giá lúa hôm nay" fail: their syllables are in lessons, never side by side.
 * 3. Topic: some query word or pair is in the lesson's title, objectives or course title. "thời tiết hôm nay"
 *    fails here: one lesson shows it as an example of a Google search, but that is not what it teaches.
 * 4. Score at least MIN_SCORE, a floor under matches on everyday words only (the confident answers in the
 *    tests score from 3, "mất điện thoại", to about 30).
 */
const MIN_COVERAGE = 0.6;
const RARE_WORD_LESSONS = 3;
const MIN_SCORE = 2;

const EXCERPT_LIMIT = 500;

interface Terms {
  words: string[];
  /** Each pair with the position of its first word, so overlapping pairs can be told apart. */
  pairs: { text: string; at: number }[];
}

/**
 * Folded content words and adjacent pairs of one stretch of text. Pairs never cross punctuation, and the second
 * word must carry content: "bi lua" (bị lừa) counts, "tien phai" (tiền phải) does not. A hyphenated word also
 * counts written together, since people type "wifi" for "Wi-Fi".
 */
function terms(text: string): Terms {
  const words: string[] = [];
  const pairs: Terms["pairs"] = [];
  let position = 0;
  for (const clause of text.split(/[.,;:!?()"“”\n•]+/)) {
    for (const [joined] of clause.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu)) words.push(fold(joined).replace(/ /g, ""));
    const folded = fold(clause).split(" ").filter(Boolean);
    folded.forEach((word, i) => {
      if (!STOPWORDS.has(word)) words.push(word);
      const next = folded[i + 1];
      if (next && !STOPWORDS.has(next)) pairs.push({ text: `${word} ${next}`, at: position + i });
    });
    position += folded.length + 1;
  }
  return { words, pairs };
}

interface Doc {
  lessonId: string;
  courseId: string;
  lessonTitle: string;
  courseTitle: string;
  /** Field-weighted frequency of each word and pair. */
  frequency: Map<string, number>;
  length: number;
  /** Bonus per query term found in the lesson's title, objectives or course title: what the lesson is about. */
  topic: Map<string, number>;
  /** The blocks an excerpt may quote, each with the terms of its section heading and its own text. */
  passages: { text: string; counts: Map<string, number> }[];
}

function addTerms(frequency: Map<string, number>, { words, pairs }: Terms, weight: number): number {
  for (const term of [...words, ...pairs.map((pair) => pair.text)]) frequency.set(term, (frequency.get(term) ?? 0) + weight);
  return words.length * weight;
}

/**
 * The paragraphs and lists an excerpt may quote, each counted with its section heading. A paragraph that
 * ends in ":" introduces the list after it ("Các bước chung:"), so the two are one passage, as htmlToText
 * writes them. Image descriptions are for the picture, not advice to quote.
 */
function passagesOf(blocks: TextBlock[]): Doc["passages"] {
  const passages: Doc["passages"] = [];
  let heading = "";
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (!block) continue;
    if (block.kind === "heading") heading = block.text;
    if (block.kind !== "paragraph" && block.kind !== "list") continue;
    let text = block.text;
    const next = blocks[i + 1];
    if (block.kind === "paragraph" && text.endsWith(":") && next?.kind === "list") {
      text = `${text}\n\n${next.text}`;
      i++;
    }
    const counts = new Map<string, number>();
    const { words, pairs } = terms(`${heading}\n${text}`);
    for (const term of [...words, ...pairs.map((pair) => pair.text)]) counts.set(term, (counts.get(term) ?? 0) + 1);
    passages.push({ text, counts });
  }
  return passages;
}

/** The last place in text where a sentence ends: after . ! ? … followed by a space, but not "9." of a numbered line. */
function lastSentenceEnd(text: string): number {
  let end = -1;
  for (const match of text.matchAll(/(?<!\d)[.!?…](?=\s)/g)) end = match.index + 1;
  return end;
}

/** The passage cut to the limit at a line end, else a sentence end, else a space, and marked "…" as cut. */
function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const head = text.slice(0, limit - 2);
  const cut = [head.lastIndexOf("\n"), lastSentenceEnd(head), head.lastIndexOf(" ")].find((at) => at >= limit / 2) ?? head.length;
  const kept = head.slice(0, cut).trimEnd();
  return /[.!?…:;,]$/.test(kept) ? `${kept} …` : `${kept}…`;
}

export function buildLessonSearch(curriculum: Curriculum): LessonSearch {
  const docs: Doc[] = [];
  for (const course of curriculum.courses) {
    const courseTerms = terms(`${course.title}\n${course.summary}`);
    for (const lesson of course.lessons) {
      const frequency = new Map<string, number>();
      const topic = new Map<string, number>();
      for (const [text, bonus] of [
        [course.title, TOPIC.course],
        [lesson.objectives.join("\n"), TOPIC.objective],
        [lesson.title, TOPIC.title],
      ] as const) {
        const { words, pairs } = terms(text);
        for (const term of [...words, ...pairs.map((pair) => pair.text)]) topic.set(term, Math.max(bonus, topic.get(term) ?? 0));
      }
      const blocks = htmlBlocks(lesson.html);
      const body = blocks.filter((block) => block.kind !== "image").map((block) => block.text);
      const length =
        addTerms(frequency, terms(lesson.title), WEIGHT.title) +
        addTerms(frequency, terms(lesson.objectives.join("\n")), WEIGHT.objective) +
        addTerms(frequency, terms(body.join("\n")), WEIGHT.body) +
        addTerms(frequency, courseTerms, WEIGHT.course);
      docs.push({
        lessonId: lesson.id,
        courseId: course.id,
        lessonTitle: lesson.title,
        courseTitle: course.title,
        frequency,
        length,
        topic,
        passages: passagesOf(blocks),
      });
    }
  }

  const averageLength = docs.reduce((sum, doc) => sum + doc.length, 0) / Math.max(1, docs.length);
  const documentFrequency = new Map<string, number>();
  for (const doc of docs) for (const term of doc.frequency.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const idf = (term: string) => {
    const df = documentFrequency.get(term) ?? 0;
    return Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
  };

  /**
   * Each distinct query term with its weight: its rarity across lessons, pairs boosted. A pair overlapping a far
   * more common one is dropped as a seam between two words: in "bị lừa chuyển tiền", "bị lừa" (13 lessons) and
   * "chuyển tiền" (24) are words and "lừa chuyển" (1) only their seam, which its rarity would make the heaviest
   * term of all. Pairs of similar frequency both stay: "trả tiền điện" is read as "trả tiền" and "tiền điện".
   */
  const queryTerms = (query: string) => {
    const { words, pairs } = terms(query);
    const weighted = new Map<string, { weight: number; pair: boolean }>();
    for (const word of words) weighted.set(word, { weight: idf(word), pair: false });
    const frequencyAt = new Map(pairs.map((pair) => [pair.at, documentFrequency.get(pair.text) ?? 0]));
    for (const pair of pairs) {
      const frequency = frequencyAt.get(pair.at) ?? 0;
      const neighbour = Math.max(frequencyAt.get(pair.at - 1) ?? 0, frequencyAt.get(pair.at + 1) ?? 0);
      if (frequency > 0 && neighbour < SEAM_RATIO * frequency)
        weighted.set(pair.text, { weight: idf(pair.text) * BIGRAM_BONUS, pair: true });
    }
    return { weighted, allPairs: pairs.map((pair) => pair.text) };
  };

  const rank = (query: string) => {
    const { weighted, allPairs } = queryTerms(query);
    const ranked = docs.map((doc) => {
      let score = 0;
      for (const [term, { weight }] of weighted) {
        const tf = doc.frequency.get(term) ?? 0;
        if (tf > 0) score += (weight * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / averageLength));
        score += weight * (doc.topic.get(term) ?? 0);
      }
      return { doc, score };
    });
    ranked.sort((a, b) => b.score - a.score);
    return { weighted, allPairs, ranked: ranked.filter((entry) => entry.score > 0) };
  };

  /** The passage sharing the most query weight with the query; a term said again counts, less each time. */
  const toHit = (doc: Doc, score: number, weighted: Map<string, { weight: number }>): Hit => {
    let passage = doc.passages[0]?.text ?? "";
    let passageScore = 0;
    for (const candidate of doc.passages) {
      let candidateScore = 0;
      for (const [term, { weight }] of weighted) candidateScore += weight * Math.sqrt(candidate.counts.get(term) ?? 0);
      if (candidateScore > passageScore) {
        passage = candidate.text;
        passageScore = candidateScore;
      }
    }
    return {
      lessonId: doc.lessonId,
      courseId: doc.courseId,
      lessonTitle: doc.lessonTitle,
      courseTitle: doc.courseTitle,
      score,
      excerpt: shorten(passage, EXCERPT_LIMIT),
    };
  };

  /** The confidence rule, documented with its constants at the top of this file. */
  const isConfident = (doc: Doc, score: number, weighted: Map<string, { weight: number; pair: boolean }>, allPairs: string[]) => {
    const words = [...weighted].filter(([, term]) => !term.pair).map(([word, { weight }]) => ({ word, weight }));
    const total = words.reduce((sum, { weight }) => sum + weight, 0);
    if (total === 0) return false;
    const coverage = words.filter(({ word }) => doc.frequency.has(word)).reduce((sum, { weight }) => sum + weight, 0) / total;
    const informativePair = allPairs.some((pair) => doc.frequency.has(pair) && (documentFrequency.get(pair) ?? 0) <= docs.length / 2);
    const rareWord = words.length === 1 && (documentFrequency.get(words[0]?.word ?? "") ?? 0) <= RARE_WORD_LESSONS;
    const aboutIt = [...weighted.keys()].some((term) => doc.topic.has(term));
    return coverage >= MIN_COVERAGE && (informativePair || rareWord) && aboutIt && score >= MIN_SCORE;
  };

  return {
    search(query, limit = 5) {
      const { weighted, ranked } = rank(query);
      return ranked.slice(0, limit).map(({ doc, score }) => toHit(doc, score, weighted));
    },
    best(query) {
      const { weighted, allPairs, ranked } = rank(query);
      const top = ranked[0];
      if (!top || !isConfident(top.doc, top.score, weighted, allPairs)) return null;
      return toHit(top.doc, top.score, weighted);
    },
  };
}
