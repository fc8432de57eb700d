// The first module of every worker thread started by typescript-worker.ts. The server runs its TypeScript
// through tsx, whose loader a worker thread does not inherit on Node 20, so the thread registers it before
// loading the module it was started for.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.module);
