import { startEntryWorkers, type EntryGenerator, type EntryWorkers, type Provenance } from '@forge/engine';
import { startPythonSandbox, type PythonRunRequest, type PythonSandbox } from '@forge/mcp-python';
import type { GenerateWorkerSettings } from './generate-entry-worker.ts';

export interface LazyEntryWorkers {
  /** runShard's generate: waits for the threads start() started. */
  generate: EntryGenerator;
  /** Starts the threads once (memoised); throws EntryWorkerError naming the first that failed, on every call. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `forge generate --workers N`: N worker threads running generate-entry-worker.ts, started only when a shard has
 * an entry to generate (runShard's beforeGenerate), as the in-process tools are. In-process, the threads share one
 * Python sandbox process owned by this thread.
 */
export function openEntryWorkers(options: { workers: number; settings: GenerateWorkerSettings; provenance: Provenance }): LazyEntryWorkers {
  let starting: Promise<EntryWorkers> | undefined;
  let sandbox: PythonSandbox | undefined;
  const started = () => {
    starting ??= (async () => {
      if (options.settings.inProcess) sandbox = startPythonSandbox({});
      const shared = sandbox;
      return startEntryWorkers({
        module: new URL('./generate-entry-worker.ts', import.meta.url),
        workers: options.workers,
        settings: options.settings,
        provenance: options.provenance,
        relays: shared ? { python: (request) => shared.run(request as PythonRunRequest) } : {},
      });
    })();
    return starting;
  };
  return {
    generate: async (input, context, log) => (await started()).generate(input, context, log),
    start: async () => void (await started()),
    close: async () => {
      const pool = await starting?.catch(() => undefined);
      await pool?.close();
      await sandbox?.close();
    },
  };
}
