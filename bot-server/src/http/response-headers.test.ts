import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSystem, TEST_USERS } from "../test-support/system";

let system: Awaited<ReturnType<typeof createTestSystem>>;
beforeAll(async () => {
  system = await createTestSystem();
});
afterAll(() => system.close());

const SECURITY = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "SAMEORIGIN",
  "referrer-policy": "no-referrer",
  "strict-transport-security": "max-age=15552000; includeSubDomains",
  "cross-origin-opener-policy": "same-origin",
};

function expectSecure(response: Response, corp = "same-origin") {
  for (const [name, value] of Object.entries(SECURITY)) expect(response.headers.get(name), name).toBe(value);
  expect(response.headers.get("cross-origin-resource-policy")).toBe(corp);
}

describe("response headers", () => {
  it("every kind of answer carries the security headers: JSON, a written answer, an error, a page, a 404", async () => {
    const token = await system.signIn(TEST_USERS[0]?.id ?? "");
    const lesson = await system.call(null, "GET", "/api/lessons/bai-1");
    const progress = await system.call(token, "POST", "/api/progress", { events: [] });
    const refused = await system.call(null, "POST", "/api/progress", { events: [] });
    const page = await system.app.request("/admin/login");
    const missing = await system.app.request("/khong-co");
    for (const response of [lesson, progress, refused, page, missing]) expectSecure(response);
    expect([lesson.status, refused.status, missing.status]).toEqual([200, 401, 404]);
  });

  it("lets the mini app call the API from Zalo's origin, preflight included", async () => {
    const lesson = await system.app.request("/api/lessons/bai-1", { headers: { Origin: "https://h5.zdn.vn" } });
    expect(lesson.headers.get("access-control-allow-origin")).toBe("*");
    const preflight = await system.app.request("/api/progress", {
      method: "OPTIONS",
      headers: {
        Origin: "https://h5.zdn.vn",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toBe("authorization,content-type");
    // Staff pages are not an API for other origins.
    expect((await system.app.request("/admin/login")).headers.get("access-control-allow-origin")).toBeNull();
  });
});
