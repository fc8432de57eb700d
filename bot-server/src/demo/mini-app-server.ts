import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { compress } from "hono/compress";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

export interface MiniAppRuntimeConfig {
  apiUrl: string;
  /** Only in demo mode: where the demo sign-in asks for a Zalo token. */
  zaloStandInUrl?: string;
  /** The commune's OA id for the follow button. */
  oaId?: string;
}

/**
 * Serves the built mini app (`mini-app/www`) to a desktop browser, the way Zalo serves it inside the
 * app, with the API address written into the page. Must be opened on `localhost`: zmp-sdk only mocks
 * itself on that host name.
 */
export function startMiniAppServer(wwwDir: string, port: number, config: MiniAppRuntimeConfig) {
  const root = normalize(wwwDir) + sep;
  // Zalo's CDN sends the bundle compressed; so must this stand-in for it, or a slow phone is measured
  // downloading three times the bytes it really would.
  const app = new Hono().use(compress()).get("*", async (c) => {
    const wanted = normalize(join(root, decodeURIComponent(c.req.path)));
    const file = wanted === root || !wanted.startsWith(root) || extname(wanted) === "" ? join(root, "index.html") : wanted;
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return c.text("Không tìm thấy", 404);
    }
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    if (file.endsWith("index.html")) {
      const script = `<script>window.HVS_CONFIG=${JSON.stringify(config).replace(/</g, "\\u003c")}</script>`;
      return c.body(body.toString("utf8").replace("</head>", `${script}</head>`), 200, {
        "Content-Type": type,
        "Cache-Control": "no-cache",
      });
    }
    // Vite names assets by content hash, so they can be cached for good.
    return c.body(new Uint8Array(body), 200, { "Content-Type": type, "Cache-Control": "public, max-age=31536000, immutable" });
  });
  return serve({ fetch: app.fetch, port });
}
