import { describe, expect, it } from "vitest";
import { addDays, buckets, defaultGranularity, isDay, vietnameseDate, vietnameseDay } from "./periods";

describe("periods", () => {
  it("accepts real days only", () => {
    expect(isDay("2026-11-23")).toBe(true);
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("23/11/2026")).toBe(false);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(vietnameseDay("2026-01-05")).toBe("05/01/2026");
  });

  it("cuts months, clipping the first and last to the period", () => {
    expect(buckets({ from: "2026-09-15", to: "2026-11-23" }, "month")).toEqual([
      { label: "T9/2026", start: "2026-09-15", end: "2026-09-30" },
      { label: "T10/2026", start: "2026-10-01", end: "2026-10-31" },
      { label: "T11/2026", start: "2026-11-01", end: "2026-11-23" },
    ]);
  });

  it("cuts weeks from Monday to Sunday", () => {
    // 2026-11-23 is a Monday.
    expect(buckets({ from: "2026-11-18", to: "2026-12-01" }, "week")).toEqual([
      { label: "16/11", start: "2026-11-18", end: "2026-11-22" },
      { label: "23/11", start: "2026-11-23", end: "2026-11-29" },
      { label: "30/11", start: "2026-11-30", end: "2026-12-01" },
    ]);
    expect(defaultGranularity({ from: "2026-01-01", to: "2026-12-31" })).toBe("month");
    expect(defaultGranularity({ from: "2026-11-01", to: "2026-11-30" })).toBe("week");
  });

  it("writes dates with two-digit days and months, and refuses what is not a calendar day", () => {
    expect(vietnameseDay("2026-10-01")).toBe("01/10/2026");
    expect(vietnameseDate("2026-11-05")).toBe("ngày 05 tháng 11 năm 2026");
    expect(() => vietnameseDate("2026-02-30")).toThrow(/calendar date/);
    expect(() => vietnameseDay("2026-13-45")).toThrow(/calendar date/);
    expect(() => vietnameseDay("31/10/2026")).toThrow(/calendar date/);
  });
});
