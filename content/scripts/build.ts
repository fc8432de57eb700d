import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkContent } from "../src/compile";
import { formatProblem } from "../src/problems";
import { summarize } from "../src/summary";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "curriculum.json");

const { curriculum, problems } = checkContent(root);
if (!curriculum) {
  for (const problem of problems) console.error(formatProblem({ ...problem, file: `content/${problem.file}` }));
  process.exit(1);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(curriculum)}\n`);
console.log(`content → dist/curriculum.json: ${summarize(curriculum)}`);
