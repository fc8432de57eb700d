import { describe, expect, it } from "vitest";
import { sqlitePathFromUrl } from "./db/client";
import { readEnv } from "./env";

describe("readEnv", () => {
  it("defaults the Zalo hosts to the real ones and the database to ./data", () => {
    const env = readEnv({ ZALO_APP_ID: "1", ZALO_APP_SECRET: "s" });
    expect(env).toMatchObject({
      PORT: 8080,
      DATABASE_URL: "file:./data/hocvuso.db",
      ZALO_GRAPH_BASE_URL: "https://graph.zalo.me",
      ZALO_OA_API_BASE_URL: "https://openapi.zalo.me",
      ZALO_OAUTH_BASE_URL: "https://oauth.zaloapp.com",
    });
  });

  it("lists every bad variable by name", () => {
    expect(() => readEnv({ PORT: "abc", ZALO_APP_SECRET: "", ZALO_GRAPH_BASE_URL: "not a url" })).toThrow(
      /PORT[\s\S]*ZALO_APP_ID[\s\S]*ZALO_APP_SECRET[\s\S]*ZALO_GRAPH_BASE_URL/,
    );
  });
});

describe("sqlitePathFromUrl", () => {
  it("accepts file: URLs, bare paths and :memory:, and says PostgreSQL is not there yet", () => {
    expect(sqlitePathFromUrl("file:./data/x.db")).toBe("./data/x.db");
    expect(sqlitePathFromUrl("/var/lib/hvs.db")).toBe("/var/lib/hvs.db");
    expect(sqlitePathFromUrl(":memory:")).toBe(":memory:");
    expect(() => sqlitePathFromUrl("postgres://u@h/db")).toThrow(/PostgreSQL chưa được hỗ trợ/);
  });
});
