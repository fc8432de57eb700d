import { addDays, defaultGranularity, type Granularity, isDay, type Period } from "@hvs/shared/periods";

/** The movement began in 2025; nothing earlier can hold data, and a longer range only slows the chart. */
export const EARLIEST_DAY = "2025-01-01";

export interface PeriodQuery {
  period: Period;
  granularity: Granularity;
  /** One village to focus the trend and funnel on, or the whole commune. */
  villageId: number | null;
  /** Set when the address asked for something impossible: the page says so and shows the default. */
  problem?: string;
}

/**
 * Reads ?from=&to=&by=&village= as the filter form sends them. Defaults: from the start of the current
 * year to today (Vietnam), by month. A bad value never fails the page; it is named and replaced.
 */
export function readPeriodQuery(query: Record<string, string | undefined>, today: string): PeriodQuery {
  const problems: string[] = [];
  let from = query.from || `${today.slice(0, 4)}-01-01`;
  let to = query.to || today;
  if (!isDay(from)) {
    problems.push(`"Từ ngày" không phải ngày hợp lệ (${from}).`);
    from = `${today.slice(0, 4)}-01-01`;
  }
  if (!isDay(to)) {
    problems.push(`"Đến ngày" không phải ngày hợp lệ (${to}).`);
    to = today;
  }
  if (to > today) to = today;
  if (from < EARLIEST_DAY) from = EARLIEST_DAY;
  if (from > to) {
    problems.push("\u201cTừ ngày\u201d phải trước hoặc bằng \u201cĐến ngày\u201d: đã đổi thành kỳ một ngày.");
    from = to;
  }
  const period = { from, to };
  const granularity: Granularity = query.by === "week" || query.by === "month" ? query.by : defaultGranularity(period);
  const village = Number(query.village);
  return {
    period,
    granularity,
    villageId: query.village && Number.isSafeInteger(village) && village > 0 ? village : null,
    ...(problems.length > 0 ? { problem: problems.join(" ") } : {}),
  };
}

/** The same filter as a query string, for links to lists and exports that must show the same numbers. */
export function periodSearch(q: { period: Period; granularity?: Granularity; villageId?: number | null }): string {
  const params = new URLSearchParams({ from: q.period.from, to: q.period.to });
  if (q.granularity) params.set("by", q.granularity);
  if (q.villageId) params.set("village", String(q.villageId));
  return params.toString();
}

/** Quick choices staff use most: this month, this quarter, this year, since the start of the movement. */
export function presetPeriods(today: string): { label: string; period: Period }[] {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const quarterStart = `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, "0")}-01`;
  return [
    { label: "Tháng này", period: { from: `${today.slice(0, 7)}-01`, to: today } },
    { label: "Quý này", period: { from: quarterStart, to: today } },
    { label: "Năm nay", period: { from: `${y}-01-01`, to: today } },
    { label: "30 ngày qua", period: { from: addDays(today, -29), to: today } },
    { label: "Từ đầu phong trào", period: { from: EARLIEST_DAY, to: today } },
  ];
}
