import { createReadStream, existsSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { Readable } from "node:stream";
import { Hono } from "hono";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";

const TYPES: Record<string, string> = { ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg" };

/**
 * Lesson narration, `/media/<course>/audio/<file>`, straight from the content folder. Public: it is
 * curriculum, not personal data, and an <audio> element cannot send the learner's bearer token.
 */
export function createMediaRoutes({ mediaRoot }: { mediaRoot: string | null }) {
  return new Hono<AppEnv>().get("/:course/audio/:file", (c) => {
    const { course, file } = c.req.param();
    const type = TYPES[extname(file).toLowerCase()];
    if (!mediaRoot || !type || !/^[a-z0-9-]+$/.test(course) || !/^[a-z0-9-]+\.[a-z0-9]+$/.test(file)) throw new AppError("NOT_FOUND");
    const path = normalize(join(mediaRoot, course, "audio", file));
    if (!path.startsWith(normalize(mediaRoot) + sep) || !existsSync(path)) throw new AppError("NOT_FOUND");
    c.header("Content-Type", type);
    c.header("Content-Length", String(statSync(path).size));
    c.header("Cache-Control", "public, max-age=86400");
    // The mini app runs on Zalo's origin and plays narration from ours: same-origin CORP would block it.
    c.header("Cross-Origin-Resource-Policy", "cross-origin");
    return c.body(Readable.toWeb(createReadStream(path)) as ReadableStream);
  });
}
