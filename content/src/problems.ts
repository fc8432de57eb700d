/** One thing wrong with the content, where an author can find it. */
export interface Problem {
  file: string;
  line: number;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

/** Every problem found in one pass, so an author fixes them all at once instead of one per run. */
export class ContentError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`Nội dung có ${problems.length} lỗi:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
  }
}
