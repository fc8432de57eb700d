import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkContent } from "../src/compile";
import { formatProblem } from "../src/problems";
import { summarize } from "../src/summary";

// `npm run content:check`: every problem as file:line: message; exits non-zero if there is any. Writes nothing.
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { curriculum, problems } = checkContent(root);
for (const problem of problems) console.log(formatProblem({ ...problem, file: `content/${problem.file}` }));
if (!curriculum) {
  console.log(`content: ${problems.length} lỗi`);
  process.exit(1);
}
console.log(summarize(curriculum));
