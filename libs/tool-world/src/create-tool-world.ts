import type { InMemoryServer } from '@forge/tools';
import { createPolygonBackend, createPolygonServer } from '@forge/mcp-polygon';
import { createFmpBackend, createFmpServer } from '@forge/mcp-fmp';
import { createTavilyBackend, createTavilyServer } from '@forge/mcp-tavily';
import { createPythonServer, startPythonSandbox, type PythonSandbox } from '@forge/mcp-python';
import { createSlackServer, selectSlackBackend } from '@forge/mcp-slack';

export interface ToolWorldOptions {
  snapshotDir: string;
  /** Where the local Slack workspace lives. */
  dataDir: string;
  backend?: 'snapshot' | 'live';
  env?: Record<string, string | undefined>;
  /**
   * The sandbox execute_python runs on, owned (and closed) by the caller: one sandbox process shared by several
   * worker threads' tool worlds. Without it the world starts its own and close() stops it.
   */
  pythonSandbox?: Pick<PythonSandbox, 'run'>;
}

export interface ToolWorld {
  servers: InMemoryServer[];
  close(): Promise<void>;
}

/**
 * All five servers in this process, for tests and benchmarks that want the real tools without ports. The Python
 * sandbox is still its own restricted process; close() stops it.
 */
export async function createToolWorld(options: ToolWorldOptions): Promise<ToolWorld> {
  const settings = { backend: options.backend ?? 'snapshot', snapshotDir: options.snapshotDir, dataDir: options.dataDir, env: options.env ?? {} } as const;
  const [polygon, fmp, tavily] = await Promise.all([createPolygonBackend(settings), createFmpBackend(settings), createTavilyBackend(settings)]);
  const slack = selectSlackBackend(settings);
  const own: PythonSandbox | undefined = options.pythonSandbox ? undefined : startPythonSandbox({});
  const sandbox = options.pythonSandbox ?? (own as PythonSandbox);
  const servers: InMemoryServer[] = [
    { name: 'polygon', server: () => createPolygonServer(polygon) },
    { name: 'fmp', server: () => createFmpServer(fmp) },
    { name: 'tavily', server: () => createTavilyServer(tavily) },
    { name: 'python', server: () => createPythonServer(sandbox) },
    { name: 'slack', server: () => createSlackServer(slack) },
  ];
  return { servers, close: async () => own?.close() };
}
