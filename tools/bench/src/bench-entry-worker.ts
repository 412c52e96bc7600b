import { serveEntries } from '@forge/engine';
import type { PythonRunOutput, PythonRunRequest } from '@forge/mcp-python';
import { DEFAULT_SNAPSHOT_ID, snapshotDir } from '@forge/snapshot';
import { createToolWorld } from '@forge/tool-world';
import { ToolHub, type ServerConfig } from '@forge/tools';
import { buildPipeline } from './build-pipeline.ts';

/** What the overhead scenario hands each entry worker thread: where its tools are and the run's catalog sha. */
export interface BenchWorkerSettings {
  root: string;
  catalogSha256: string;
  /** in-process: the five servers linked in the thread over `dataDir`; http: connections to the running servers. */
  transport: { kind: 'in-process'; dataDir: string } | { kind: 'http'; configs: ServerConfig[] };
}

// The module the overhead scenario's worker threads run (startEntryWorkers): buildPipeline over this thread's own
// tools, as `forge generate --workers` does with apps/cli/src/generate-entry-worker.ts. In-process, execute_python
// runs on the bench process's one sandbox, relayed by the main thread.
await serveEntries(async (settings, main) => {
  const { root, catalogSha256, transport } = settings as BenchWorkerSettings;
  if (transport.kind === 'http') {
    const hub = await ToolHub.connect(transport.configs);
    return { pipeline: await buildPipeline({ root, tools: hub, catalogSha256 }), close: () => hub.close() };
  }
  const world = await createToolWorld({
    snapshotDir: snapshotDir(root, DEFAULT_SNAPSHOT_ID),
    dataDir: transport.dataDir,
    pythonSandbox: { run: (request: PythonRunRequest) => main.call('python', request) as Promise<PythonRunOutput> },
  });
  const hub = await ToolHub.inMemory(world.servers);
  return {
    pipeline: await buildPipeline({ root, tools: hub, catalogSha256 }),
    close: async () => {
      await hub.close();
      await world.close();
    },
  };
});
