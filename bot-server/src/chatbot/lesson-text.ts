/**
 * A compiled lesson (HTML from the author's Markdown) as plain text for chat, where no markup renders.
 * The compiler emits a small, known set of tags (h2, p, ul/ol/li, strong, em, a, img, blockquote), so a
 * single pass over tags is enough; anything else is read for its text.
 */

/** One readable unit of a lesson. Lists are one block so they stay together in a message. */
export interface TextBlock {
  kind: "heading" | "paragraph" | "list" | "image";
  text: string;
}

/** Zalo refuses OA text messages over 2000 characters, whatever the caller asks for. */
const ZALO_TEXT_LIMIT = 2000;

const HEADING = /^h[1-6]$/;
// Tags that end the running line of text; inline tags (strong, em, a, code, span) just pass their text through.
const BLOCK_TAGS = new Set(["p", "div", "blockquote", "pre", "table", "tr", "section", "figure", "figcaption", "hr", "dl", "dt", "dd"]);

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * The image's alt text. The compiler writes quotes inside alt unescaped (alt="Tờ giấy ghi "Khi bị lừa" dán…"),
 * so when alt is the tag's last attribute we take everything up to the final quote rather than the first.
 */
function altText(attributes: string): string {
  const match = /\balt="(.*)"\s*\/?\s*$/s.exec(attributes) ?? /\balt="([^"]*)"/.exec(attributes) ?? /\balt='([^']*)'/.exec(attributes);
  return decodeEntities(match?.[1] ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Splits lesson HTML into headings, paragraphs, lists (rendered "• " or "1. ") and images (their alt text in parentheses). */
export function htmlBlocks(html: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let listLines: string[] = [];
  let line = "";
  let lineHasText = false;
  let lineHasImage = false;
  let inHeading = false;
  let itemPrefix: string | null = null;

  const indent = () => "   ".repeat(Math.max(0, lists.length - 1));
  const endLine = () => {
    const text = line
      .split("\n")
      .map((part) => part.replace(/ +/g, " ").trim())
      .filter((part) => part !== "")
      .join("\n");
    const kind = inHeading ? "heading" : lineHasText || !lineHasImage ? "paragraph" : "image";
    line = "";
    lineHasText = false;
    lineHasImage = false;
    if (text === "") return;
    if (lists.length > 0) {
      // A second paragraph inside the same item lines up under the item's text instead of repeating its bullet.
      listLines.push((itemPrefix ?? `${indent()}   `) + text);
      itemPrefix = null;
    } else {
      blocks.push({ kind, text });
    }
  };

  for (const token of html.matchAll(/<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>|[^<]+|</g)) {
    const [whole, closing, rawName, attributes = ""] = token;
    if (whole.startsWith("<!--")) continue;
    if (rawName === undefined) {
      const text = decodeEntities(whole.replace(/\s+/g, " "));
      line += text;
      if (text.trim() !== "") lineHasText = true;
      continue;
    }
    const name = rawName.toLowerCase();
    if (name === "br") {
      line += "\n";
    } else if (name === "img") {
      const alt = altText(attributes);
      if (alt !== "") {
        line += ` (${alt}) `;
        lineHasImage = true;
      }
    } else if (HEADING.test(name)) {
      endLine();
      inHeading = !closing;
    } else if (name === "ul" || name === "ol") {
      endLine();
      if (!closing) {
        const start = /\bstart="?(\d+)/.exec(attributes);
        lists.push({ ordered: name === "ol", next: start ? Number(start[1]) : 1 });
      } else if (lists.pop() && lists.length === 0 && listLines.length > 0) {
        blocks.push({ kind: "list", text: listLines.join("\n") });
        listLines = [];
      }
    } else if (name === "li") {
      endLine();
      const list = lists[lists.length - 1];
      if (!closing && list) itemPrefix = indent() + (list.ordered ? `${list.next++}. ` : "• ");
    } else if (BLOCK_TAGS.has(name)) {
      endLine();
    }
  }
  endLine();
  if (listLines.length > 0) blocks.push({ kind: "list", text: listLines.join("\n") });
  return blocks;
}

function joinBlocks(blocks: readonly TextBlock[]): string {
  // A heading sits directly above its section; sections and paragraphs are separated by a blank line.
  return blocks.map((block, i) => (i === 0 ? "" : blocks[i - 1]?.kind === "heading" ? "\n" : "\n\n") + block.text).join("");
}

/** The lesson as plain text: headings on their own line, blank lines between paragraphs, lists as "• " / "1. " lines. */
export function htmlToText(html: string): string {
  return joinBlocks(htmlBlocks(html));
}

/** Cuts a text too long for one message into pieces that fit: at line ends, then sentence ends, then spaces. */
function atoms(text: string, limit: number): { separator: string; text: string }[] {
  if (text.length <= limit) return [{ separator: "", text }];
  const levels: [RegExp, string][] = [
    [/\n/, "\n"],
    [/(?<=[.!?…:;])\s+/, " "],
    [/ /, " "],
  ];
  for (const [pattern, separator] of levels) {
    const pieces = text.split(pattern);
    if (pieces.length > 1) {
      return pieces.flatMap((piece, i) => atoms(piece, limit).map((atom, j) => (i > 0 && j === 0 ? { separator, text: atom.text } : atom)));
    }
  }
  // One "word" longer than a message (never seen in lessons, but a URL could be): cut it bluntly.
  const slices: { separator: string; text: string }[] = [];
  for (let i = 0; i < text.length; i += limit) slices.push({ separator: "", text: text.slice(i, i + limit) });
  return slices;
}

/**
 * The lesson as chat messages, each at most maxChars (and never over Zalo's 2000): the first starts with the title,
 * messages break between paragraphs, a paragraph too long for one message breaks between sentences, and a heading
 * is never left at the end of a message without the text it introduces.
 */
export function lessonParts(lesson: { title: string; html: string }, maxChars = 700): string[] {
  const limit = Math.max(1, Math.min(maxChars, ZALO_TEXT_LIMIT));
  const blocks: TextBlock[] = [{ kind: "heading", text: lesson.title.trim() }, ...htmlBlocks(lesson.html)];

  // Glue each heading to the block after it, so they travel together.
  const chunks: { text: string; headed: boolean }[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (!block) continue;
    const next = blocks[i + 1];
    if (block.kind === "heading" && next && next.kind !== "heading") {
      chunks.push({ text: `${block.text}\n${next.text}`, headed: true });
      i++;
    } else {
      chunks.push({ text: block.text, headed: false });
    }
  }

  const parts: string[] = [];
  let current = "";
  const add = (separator: string, text: string) => {
    if (current === "") current = text;
    else if (current.length + separator.length + text.length <= limit) current += separator + text;
    else {
      parts.push(current);
      current = text;
    }
  };
  for (const { text, headed } of chunks) {
    if (text.length <= limit) {
      add("\n\n", text);
      continue;
    }
    const pieces = atoms(text, limit);
    const [first, second] = pieces;
    // A section too long for one message: its heading still goes with the section's first line or sentence.
    if (headed && first && second && first.text.length + 1 + second.text.length <= limit) {
      pieces.splice(0, 2, { separator: "", text: `${first.text}\n${second.text}` });
    }
    pieces.forEach((piece, i) => {
      add(i === 0 ? "\n\n" : piece.separator, piece.text);
    });
  }
  if (current !== "") parts.push(current);
  return parts;
}
