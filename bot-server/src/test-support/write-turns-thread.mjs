// The other side of db/write-turns.test.ts: a real second thread taking write turns.
import { register } from "tsx/esm/api";

register();
await import("./write-turns-thread.ts");
