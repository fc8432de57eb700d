import { Worker } from "node:worker_threads";

/** Starts the TypeScript module `module` on a worker thread; `data` is its `workerData` (with `module` added). */
export function typescriptWorker(module: URL, data: object): Worker {
  return new Worker(new URL("./typescript-entry.mjs", import.meta.url), { workerData: { ...data, module: module.href } });
}
