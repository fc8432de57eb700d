import { describe, expect, it } from "vitest";
import { longDate, slashDate, viInteger, viPercent } from "./vi-format";

describe("Vietnamese number and date wording", () => {
  it("groups thousands with a dot and writes the decimal with a comma", () => {
    expect([0, 7, 999, 1234, 1234567, -4321, 12.6].map(viInteger)).toEqual(["0", "7", "999", "1.234", "1.234.567", "-4.321", "13"]);
    expect([72.5, 100, 0, 33.3333, 9.96, -0.04].map(viPercent)).toEqual(["72,5%", "100,0%", "0,0%", "33,3%", "10,0%", "0,0%"]);
  });

  it("writes dates with two-digit days and months, and refuses what is not a calendar day", () => {
    expect(slashDate("2026-10-01")).toBe("01/10/2026");
    expect(longDate("2026-11-05")).toBe("ngày 05 tháng 11 năm 2026");
    expect(() => longDate("2026-02-30")).toThrow(/calendar date/);
    expect(() => slashDate("2026-13-45")).toThrow(/calendar date/);
    expect(() => slashDate("31/10/2026")).toThrow(/calendar date/);
  });
});
