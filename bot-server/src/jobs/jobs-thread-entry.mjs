// The jobs thread's first module. The server runs its TypeScript through tsx, whose loader a worker
// thread does not inherit on Node 20, so the thread registers it before loading its own code.
import { register } from "tsx/esm/api";

register();
await import("./jobs-thread-body.ts");
