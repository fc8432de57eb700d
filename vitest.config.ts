import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["shared/src/**/*.test.ts", "content/src/**/*.test.ts", "bot-server/src/**/*.test.ts", "tests/unit/**/*.test.ts"],
          testTimeout: 15_000,
        },
      },
      {
        // The started system and a real Chromium: slow to boot, so longer limits and one file at a time.
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
