import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPLEXITIES, parseCatalog, shardCatalog, type Entry } from '@forge/catalog';
import { TemplateComposer } from '@forge/composer';
import { assemblePipeline, readLedger, runShard, type FailureRecord, type GenerationRecord, type Pipeline, type RunShardOptions } from '@forge/engine';
import { sha256 } from '@forge/files';
import { RulePlanner } from '@forge/planner';
import { DEFAULT_SNAPSHOT_ID, SnapshotMetaSchema, snapshotDir } from '@forge/snapshot';
import { createToolWorld } from '@forge/tool-world';
import { ToolHub } from '@forge/tools';
import { expandCatalog, readUniverse } from '../../../../tools/catalog-expander/src/index.ts';

export const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** An expanded catalog of `n` prompts as parsed entries, and its sha. */
export async function expandedEntries(n: number, seed: number): Promise<{ entries: Entry[]; sha256: string }> {
  const universe = await readUniverse(snapshotDir(root, DEFAULT_SNAPSHOT_ID));
  const catalog = expandCatalog({ n, seed, universe });
  return { entries: parseCatalog(catalog, '(test catalog)'), sha256: sha256(JSON.stringify(catalog)) };
}

export interface QueueWorld {
  dir: string;
  hub: ToolHub;
  pipeline(catalogSha256: string): Promise<Pipeline>;
  close(): Promise<void>;
}

/** The offline pipeline over the five servers linked in-process, with a scratch dir; as local generate wires it. */
export async function openQueueWorld(): Promise<QueueWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'forge-queue-'));
  const world = await createToolWorld({ snapshotDir: snapshotDir(root, DEFAULT_SNAPSHOT_ID), dataDir: join(dir, 'data') });
  const hub = await ToolHub.inMemory(world.servers);
  const meta = SnapshotMetaSchema.parse(JSON.parse(await readFile(join(snapshotDir(root, DEFAULT_SNAPSHOT_ID), 'meta.json'), 'utf8')));
  return {
    dir,
    hub,
    pipeline: async (catalogSha256) =>
      assemblePipeline({ planner: new RulePlanner(), composer: new TemplateComposer(), tools: hub, snapshot: meta, backend: 'snapshot', catalogSha256, wiring: 'queue-test' }),
    close: async () => {
      await hub.close();
      await world.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs every shard of `entries` into `outDir` as forge generate does, with `extra` options per shard. */
export async function runAllShards(entries: Entry[], pipeline: Pipeline, outDir: string, extra: (level: string, size: number) => Promise<Partial<RunShardOptions>> | Partial<RunShardOptions> = () => ({})) {
  const shards = shardCatalog(entries);
  const summaries = [];
  for (const level of COMPLEXITIES) {
    if (shards[level].length === 0) continue;
    summaries.push(await runShard(shards[level], pipeline, { outDir, complexity: level, cacheDir: join(outDir, 'cache'), backoffMs: 10, ...(await extra(level, shards[level].length)) }));
  }
  return summaries;
}

type Outcome = GenerationRecord | FailureRecord;

/** Every record of a ledger dir with the wall-clock fields (timestamps, latencies, timings) left out. */
export async function ledgerContents(outDir: string): Promise<Outcome[]> {
  const records: Outcome[] = [];
  for (const level of COMPLEXITIES) {
    const ledger = await readLedger(outDir, level);
    records.push(...ledger.samples, ...ledger.failures);
  }
  return records.map((record) => withoutClock(record) as Outcome);
}

const CLOCK_FIELD = /(_at|latency_ms|timings_ms)$/;

function withoutClock(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutClock);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([name]) => !CLOCK_FIELD.test(name)).map(([name, inner]) => [name, withoutClock(inner)]));
  }
  return value;
}
