import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ToolHub } from '@forge/tools';
import { createToolWorld, type ToolWorld } from '../create-tool-world.ts';

/**
 * The five snapshot servers linked in-process for one test file: started before its tests, closed (and the data
 * dir removed) after. The returned function gives the hub once `beforeAll` has run.
 */
export function useSnapshotHub(prefix: string): () => ToolHub {
  let world: ToolWorld | undefined;
  let hub: ToolHub | undefined;
  let dataDir = '';
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    world = await createToolWorld({ snapshotDir: 'data/snapshot/synthetic-2026-11-25', dataDir });
    hub = await ToolHub.inMemory(world.servers);
  });
  afterAll(async () => {
    await hub?.close();
    await world?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return () => hub!;
}
