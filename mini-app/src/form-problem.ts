import { useState } from "react";

/**
 * What was wrong with a form, in the person's words, and `edited(setter)`: a setter that also clears that
 * message, so it goes once the person changes something.
 */
export function useFormProblem() {
  const [problem, setProblem] = useState<string | null>(null);
  const edited =
    <T>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setProblem(null);
    };
  return { problem, setProblem, edited };
}
