import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EntryWorkerError, readLedger, runShard, startEntryWorkers, type EntryWorkers, type RunShardOptions } from './index.ts';
import { createFakePipeline, fakeEntry } from './__fixtures__/fake-pipeline.ts';
import { untimedRecords } from './__fixtures__/untimed-records.ts';

const workerModule = new URL('./__fixtures__/fake-entry-worker.ts', import.meta.url);

let dir: string;
const pools: EntryWorkers[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-workers-'));
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  await rm(dir, { recursive: true, force: true });
});

const fast: Partial<RunShardOptions> = { backoffMs: 1, backoffCapMs: 2 };

async function workers(settings: Record<string, unknown> = {}, count = 2, relays?: Record<string, (request: unknown) => Promise<unknown>>): Promise<EntryWorkers> {
  const pool = await startEntryWorkers({ module: workerModule, workers: count, settings, provenance: createFakePipeline().pipeline.provenance, relays });
  pools.push(pool);
  return pool;
}

/** A ledger's lines with the fields that time a run taken out (as the issue compares them). */
async function untimed(path: string): Promise<unknown[]> {
  return untimedRecords(await readFile(path, 'utf8').catch(() => ''));
}

const catalog = () => [
  fakeEntry('W1', 'Price of AAPL?'),
  fakeEntry('W2', '[tool-error] price of BAD'),
  fakeEntry('W3', 'Price of MSFT?'),
  fakeEntry('W4', '[check-fail] price'),
  fakeEntry('W5', '[transport-once] price'),
  fakeEntry('W6', 'Price of AAPL?'), // the same content key as W1
  fakeEntry('W7', '[ungrounded] price'),
  fakeEntry('W8', '[plan-flaky] price'),
  fakeEntry('W9', 'Price of NVDA?'),
];

describe('entries on worker threads', () => {
  it('writes the same ledgers, in the same order, as the single-thread run', async () => {
    const { pipeline } = createFakePipeline({ delayMs: () => 1 });
    const single = await runShard(catalog(), pipeline, { outDir: join(dir, 'single'), concurrency: 4, ...fast });
    const prices: unknown[] = [];
    const pool = await workers({ delayMs: 1, relay: true }, 2, {
      price: async (request) => {
        prices.push(request);
        return { price: 187.5 };
      },
    });
    const threaded = await runShard(catalog(), pipeline, { outDir: join(dir, 'threaded'), concurrency: 4, ...fast, generate: pool.generate });

    for (const file of ['simple.jsonl', 'simple.failures.jsonl']) {
      expect(await untimed(join(dir, 'threaded', file))).toEqual(await untimed(join(dir, 'single', file)));
    }
    // The summary lists failures as they finish, which timing decides on either path.
    const counts = (summary: typeof single) => ({ ...summary, duration_ms: 0, samples_path: '', failures_path: '', failures: [...summary.failures].sort((a, b) => a.prompt_id.localeCompare(b.prompt_id)) });
    expect(counts(threaded)).toEqual(counts(single));
    // Every successful quote went through the main thread's relay.
    expect(prices.length).toBeGreaterThan(0);
  });

  it('records the entries a crashed worker was running as failures, and carries on on a new thread', async () => {
    const pool = await workers({ delayMs: 5 }, 2);
    const { pipeline } = createFakePipeline();
    const entries = [fakeEntry('C1', 'Price of AAPL?'), fakeEntry('C2', '[worker-crash] now'), fakeEntry('C3', 'Price of MSFT?'), fakeEntry('C4', 'Price of NVDA?'), fakeEntry('C5', 'Price of AMD?')];
    const summary = await runShard(entries, pipeline, { outDir: join(dir, 'out'), concurrency: 2, ...fast, generate: pool.generate });

    const ledger = await readLedger(join(dir, 'out'), 'simple');
    const ids = [...ledger.samples, ...ledger.failures].map((record) => record.prompt_id).sort();
    expect(ids).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
    const crashed = ledger.failures.find((record) => record.prompt_id === 'C2');
    expect(crashed).toMatchObject({ stage: 'internal', fault: 'worker-exit' });
    expect(crashed?.reason).toContain('the worker thread blew up');
    // Whatever else shared the dead thread failed the same way; every other entry became a sample.
    for (const failure of ledger.failures) expect(failure.fault).toBe('worker-exit');
    expect(ledger.samples.length).toBeGreaterThanOrEqual(3);
    expect(summary).toMatchObject({ total: 5, not_done: 0, interrupted: false });

    // Resume retries the failures on the restarted threads: only the crashing prompt fails again.
    const again = await runShard(entries, pipeline, { outDir: join(dir, 'out'), concurrency: 2, ...fast, generate: pool.generate });
    expect(again.failed).toBe(1);
    expect((await readLedger(join(dir, 'out'), 'simple')).failures.map((record) => record.prompt_id)).toEqual(['C2']);
  });

  it('fails to start with the worker\'s own reason, with no thread left running', async () => {
    const starting = startEntryWorkers({ module: workerModule, workers: 1, settings: { failStart: 'no snapshot here' }, provenance: createFakePipeline().pipeline.provenance });
    await expect(starting).rejects.toThrow(EntryWorkerError);
    await expect(starting).rejects.toThrow(/entry worker 1 could not start: no snapshot here/);
  });

  it('refuses a worker whose pipeline has another provenance than the main thread\'s', async () => {
    const provenance = createFakePipeline({ provenance: { inventory_sha256: 'another' } }).pipeline.provenance;
    await expect(startEntryWorkers({ module: workerModule, workers: 1, settings: {}, provenance })).rejects.toThrow(/inventory_sha256 \(worker "inv-1", main thread "another"\)/);
  });
});
