import { z } from "zod";
import { isDay } from "./periods";

/** A village's adult population from a date on (the staff JSON API; the page's form sends the same fields). */
export const SetPopulationRequest = z.object({
  villageId: z.number().int().positive(),
  adults: z
    .number({ message: "Số người trưởng thành phải là số nguyên." })
    .int("Số người trưởng thành phải là số nguyên.")
    .min(0, "Số người trưởng thành không được âm.")
    .max(1_000_000, "Số người trưởng thành quá lớn."),
  effectiveFrom: z.string().refine(isDay, "Ngày áp dụng phải là ngày hợp lệ, dạng 2026-01-01."),
});
export type SetPopulationRequest = z.infer<typeof SetPopulationRequest>;
