import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveGenerateConfig } from '@forge/engine';
import { readUniverse, type UniverseMember } from '../../catalog-expander/src/index.ts';
import { DEFAULT_SNAPSHOT_ID, snapshotDir } from '@forge/snapshot';

/** What every scenario shares: the workspace root, a scratch folder, the universe and a progress line. */
export interface BenchContext {
  root: string;
  scratch: string;
  universe: UniverseMember[];
  /** `forge generate`'s default pool size, read from the real config resolver. */
  defaultConcurrency: number;
  /** `forge generate`'s default worker threads, from the same resolver. */
  defaultWorkers: number;
  log(line: string): void;
  close(): Promise<void>;
}

export async function createBenchContext(root: string, log: (line: string) => void): Promise<BenchContext> {
  const scratch = await mkdtemp(join(tmpdir(), 'forge-bench-'));
  const universe = await readUniverse(snapshotDir(root, DEFAULT_SNAPSHOT_ID));
  const defaults = resolveGenerateConfig({}, {}, { isTTY: false, runId: 'bench' });
  return { root, scratch, universe, defaultConcurrency: defaults.concurrency, defaultWorkers: defaults.workers, log, close: () => rm(scratch, { recursive: true, force: true }) };
}
