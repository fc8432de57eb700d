import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";

export type Path = ReadonlyArray<PropertyKey>;

/** YAML parsed with its positions, so a problem at `questions.2.options` can name its line. */
export interface YamlSource {
  data: unknown;
  /** The 1-based line of the deepest node on `path` that exists. */
  lineOf(path: Path): number;
  /** Set when the text is not valid YAML. */
  syntaxError?: { line: number; message: string };
}

/** `firstLine` shifts line numbers when the YAML starts inside a larger file (Markdown front matter). */
export function parseYamlSource(text: string, firstLine = 1): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => lines.linePos(offset).line + firstLine - 1;
  const error = doc.errors[0];
  if (error) {
    return {
      data: undefined,
      lineOf: () => firstLine,
      syntaxError: { line: at(error.pos[0]), message: error.message.split("\n")[0] ?? "" },
    };
  }
  return {
    data: doc.toJS(),
    lineOf(path) {
      let node: unknown = doc.contents;
      let line = node && typeof node === "object" && "range" in node ? at((node as { range: [number] }).range[0]) : firstLine;
      for (const key of path) {
        let next: unknown;
        if (isMap(node)) {
          const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
          if (pair) {
            const keyNode = pair.key as { range?: [number] };
            if (keyNode.range) line = at(keyNode.range[0]);
            next = pair.value;
          }
        } else if (isSeq(node) && typeof key === "number") {
          next = node.items[key];
          const range = (next as { range?: [number] } | undefined)?.range;
          if (range) line = at(range[0]);
        }
        if (next === undefined) break;
        node = next;
      }
      return line;
    },
  };
}

/** zod issues as (line, message) pairs in the author's vocabulary. */
export function issuesWithLines(error: z.ZodError, source: YamlSource): { line: number; message: string }[] {
  return error.issues.map((issue) => ({
    line: source.lineOf(issue.path),
    message: `${issue.path.join(".") || "(gốc)"}: ${issue.message}`,
  }));
}
