import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SNAPSHOT_ID, snapshotDir } from '@forge/snapshot';
import { startPythonSandbox, type PythonSandbox } from '@forge/mcp-python';
import { createToolWorld } from '@forge/tool-world';
import { ToolHub } from '@forge/tools';

export interface InProcessToolWorld {
  hub: ToolHub;
  /** The one Python sandbox process: this world's, and the worker threads' through the main-thread relay. */
  python: PythonSandbox;
  /** The scratch data dir (Slack workspace) the worker threads' own worlds use too. */
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The same five servers linked in this process through the MCP SDK's in-memory transport (same server code and
 * protocol, no HTTP; the Python sandbox stays its own process), with a scratch Slack workspace.
 */
export async function startInProcessToolWorld(root: string): Promise<InProcessToolWorld> {
  const scratch = await mkdtemp(join(tmpdir(), 'forge-in-process-'));
  const dataDir = join(scratch, 'data');
  const python = startPythonSandbox({});
  const world = await createToolWorld({ snapshotDir: snapshotDir(root, DEFAULT_SNAPSHOT_ID), dataDir, pythonSandbox: python });
  try {
    const hub = await ToolHub.inMemory(world.servers);
    return {
      hub,
      python,
      dataDir,
      close: async () => {
        await hub.close();
        await world.close();
        await python.close();
        await rm(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await world.close();
    await python.close();
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}
