import { describe, expect, it } from "vitest";
import { viInteger, viPercent } from "./vi-format";

describe("Vietnamese number wording", () => {
  it("groups thousands with a dot and writes the decimal with a comma", () => {
    expect([0, 7, 999, 1234, 1234567, -4321, 12.6].map(viInteger)).toEqual(["0", "7", "999", "1.234", "1.234.567", "-4.321", "13"]);
    expect([72.5, 100, 0, 33.3333, 9.96, -0.04].map(viPercent)).toEqual(["72,5%", "100,0%", "0,0%", "33,3%", "10,0%", "0,0%"]);
  });
});
