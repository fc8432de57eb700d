/**
 * Zalo's OA API allows a number of calls per app per minute (4,000 by its "Giới hạn tốc độ" page). A
 * sliding window of call times: every call counts, refused ones too, as they would at Zalo.
 */
export function createSlidingWindow(limit: number, windowMs: number, now: () => number) {
  let calls: number[] = [];
  return {
    /** Records a call; false when it is over the limit. */
    allow(): boolean {
      const at = now();
      const since = at - windowMs;
      const firstInside = calls.findIndex((t) => t > since);
      calls = firstInside === -1 ? [] : calls.slice(firstInside);
      calls.push(at);
      return calls.length <= limit;
    },
    clear() {
      calls = [];
    },
  };
}
