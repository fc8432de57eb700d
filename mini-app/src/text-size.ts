import { useState } from "react";
import { load, save } from "./storage";

/** Reading sizes for the lesson text; remembered on the phone. Large is the default for older eyes. */
export const TEXT_SIZES = ["large", "xlarge", "xxlarge"] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
const KEY = "hvs.textSize";

function read(): TextSize {
  const stored = load(KEY);
  return (TEXT_SIZES as readonly string[]).includes(stored ?? "") ? (stored as TextSize) : "large";
}

export function useTextSize() {
  const [size, setSize] = useState<TextSize>(read);
  const step = (by: 1 | -1) => {
    const next = TEXT_SIZES[Math.min(TEXT_SIZES.length - 1, Math.max(0, TEXT_SIZES.indexOf(size) + by))] ?? size;
    setSize(next);
    save(KEY, next);
  };
  return {
    size,
    smaller: () => step(-1),
    larger: () => step(1),
    canShrink: size !== TEXT_SIZES[0],
    canGrow: size !== TEXT_SIZES[TEXT_SIZES.length - 1],
  };
}
