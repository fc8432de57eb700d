import { describe, expect, it } from "vitest";
import { createLineLog } from "./line-log";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("createLineLog", () => {
  it("writes the lines of one turn together, in order, once", async () => {
    const writes: string[] = [];
    const log = createLineLog((chunk) => writes.push(chunk));
    log.line("a");
    log.line("b");
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(["a\nb\n"]);
    log.line("c");
    await nextTurn();
    expect(writes).toEqual(["a\nb\n", "c\n"]);
  });

  it("writes pending lines at once on flush, and nothing twice", async () => {
    const writes: string[] = [];
    const log = createLineLog((chunk) => writes.push(chunk));
    log.line("last words");
    log.flush();
    expect(writes).toEqual(["last words\n"]);
    await nextTurn();
    expect(writes).toEqual(["last words\n"]);
  });

  it("does not let a flood grow the buffer without bound", () => {
    const writes: string[] = [];
    const log = createLineLog((chunk) => writes.push(chunk));
    for (let i = 0; i < 2000; i++) log.line("x".repeat(100));
    expect(writes.length).toBeGreaterThan(0);
  });
});
