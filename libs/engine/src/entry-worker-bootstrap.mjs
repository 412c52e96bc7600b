// The entry point of every entry worker thread (startEntryWorkers). Node does not apply `--import tsx` to worker
// threads (execArgv cannot carry it on Node 20), so a TypeScript worker module is loaded after registering tsx's
// loader here, in this thread; a compiled (.js/.mjs) module is imported as it is.
import { workerData } from 'node:worker_threads';

if (/\.[cm]?ts$/.test(new URL(workerData.module).pathname)) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.module);
