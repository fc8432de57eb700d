import { describe, expect, it } from "vitest";
import { rate, totalRate } from "./indicators";

describe("rate", () => {
  it("computes a percentage with one decimal and the 80% target", () => {
    expect(rate(1, 3)).toMatchObject({ percent: 33.3, meetsTarget: false, exceedsPopulation: false });
    expect(rate(80, 100)).toMatchObject({ percent: 80, meetsTarget: true });
    expect(rate(79, 100).meetsTarget).toBe(false);
  });
  it("has no percentage without a population figure", () => {
    expect(rate(0, 0)).toMatchObject({ percent: null, meetsTarget: false, exceedsPopulation: false });
    expect(rate(2, 0)).toMatchObject({ percent: null, meetsTarget: false, exceedsPopulation: false });
  });
  it("flags more participants than adults instead of capping", () => {
    expect(rate(12, 10)).toMatchObject({ percent: 120, exceedsPopulation: true });
  });
  it("rejects negative or fractional counts", () => {
    expect(() => rate(-1, 10)).toThrow(RangeError);
    expect(() => rate(1.5, 10)).toThrow(RangeError);
  });
});

describe("totalRate", () => {
  it("sums numerators and denominators, not percentages", () => {
    expect(
      totalRate([
        { numerator: 1, denominator: 10 },
        { numerator: 90, denominator: 100 },
      ]),
    ).toMatchObject({ numerator: 91, denominator: 110, percent: 82.7, meetsTarget: true });
  });

  it("leaves villages without a population figure out of both sums, and says how many", () => {
    expect(
      totalRate([
        { numerator: 2, denominator: 10 },
        { numerator: 20, denominator: 0 },
      ]),
    ).toMatchObject({ numerator: 2, denominator: 10, percent: 20, meetsTarget: false, excluded: 1 });
  });
});
