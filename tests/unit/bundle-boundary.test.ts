import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../support/started-system";

// The shared modules the phone may import values from: they hold constants only, no zod. Anything else
// from @hvs/shared must be `import type`, or the validator (30 KB gzip) lands in the phone's download.
const ZOD_FREE = ["consent", "limits", "team-rules", "vietnam-time"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("the mini app's bundle", () => {
  it("imports only types from the zod-backed shared modules", () => {
    const offending = sources(join(REPO, "mini-app/src")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/^import\s+(type\s+)?[^;]*?from\s+"@hvs\/shared\/([\w-]+)"/gm)]
        .filter(([, typeOnly, module]) => !typeOnly && !ZOD_FREE.includes(module ?? ""))
        .map(([statement]) => `${file.slice(REPO.length)}: ${statement}`),
    );
    expect(offending).toEqual([]);
  });

  it("keeps the modules it may import free of zod", () => {
    for (const module of ZOD_FREE) {
      expect(readFileSync(join(REPO, "shared/src", `${module}.ts`), "utf8")).not.toMatch(/from "zod"|from "\.\//);
    }
  });
});
