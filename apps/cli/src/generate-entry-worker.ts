import { serveEntries, type GenerateConfig } from '@forge/engine';
import type { PythonRunOutput, PythonRunRequest } from '@forge/mcp-python';
import { wireGeneratePipeline } from './commands/generate.ts';
import { connectToolHub } from './connect-tool-hub.ts';
import type { Environment } from './environment.ts';

/** What `forge generate --workers N` hands each worker thread: the settings its own pipeline is wired from. */
export interface GenerateWorkerSettings {
  config: GenerateConfig;
  backend: string;
  inProcess: boolean;
  environment: Environment;
  catalogSha256: string;
}

// The module each entry worker thread of `forge generate` runs (startEntryWorkers): the same pipeline the main
// thread wired, over this thread's own tools (the five servers in-process, or its own connections to running
// ones). In-process, execute_python runs on the main thread's one sandbox process: a sandbox per thread would boot
// another Pyodide pool per thread on the same two cores.
await serveEntries(async (settings, main) => {
  const { config, backend, inProcess, environment, catalogSha256 } = settings as GenerateWorkerSettings;
  const pythonSandbox = inProcess ? { run: (request: PythonRunRequest) => main.call('python', request) as Promise<PythonRunOutput> } : undefined;
  const tools = await connectToolHub({ configDir: config.configDir, inProcess, snapshotId: config.snapshotId, backend, environment, pythonSandbox });
  try {
    return { pipeline: await wireGeneratePipeline(config, tools.hub, catalogSha256, backend), close: () => tools.close() };
  } catch (error) {
    await tools.close();
    throw error;
  }
});
