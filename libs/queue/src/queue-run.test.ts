import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { readLedger, type Pipeline } from '@forge/engine';
import { openQueueCoordinator, parseQueueUrl, QueueError, startGenerationWorker, startRedisServer, type GenerationWorker, type RedisServer } from '@forge/queue';
import { expandedEntries, ledgerContents, openQueueWorld, runAllShards, type QueueWorld } from './__fixtures__/queue-world.ts';

let redis: RedisServer;
let world: QueueWorld;

beforeAll(async () => {
  [redis, world] = await Promise.all([startRedisServer(), openQueueWorld()]);
});
afterAll(async () => {
  await world?.close();
  await redis?.stop();
});

async function startWorkers(count: number, pipeline: Pipeline, queueName: string, concurrency = 4): Promise<GenerationWorker[]> {
  const connection = parseQueueUrl(redis.url);
  return Promise.all(Array.from({ length: count }, (_, index) => startGenerationWorker({ connection, pipeline, queueName, name: `w${index + 1}`, concurrency })));
}

describe('a queued run', () => {
  it('gives 200 prompts on three workers the same samples as a local run, each recorded once', async () => {
    const { entries, sha256 } = await expandedEntries(200, 16);
    const pipeline = await world.pipeline(sha256);
    await runAllShards(entries, pipeline, join(world.dir, 'local'));

    const queueName = 'same-samples';
    const workers = await startWorkers(3, pipeline, queueName);
    const coordinator = await openQueueCoordinator({ connection: parseQueueUrl(redis.url), queueName });
    try {
      const summaries = await runAllShards(entries, pipeline, join(world.dir, 'queued'), (_level, size) => ({ generate: coordinator.generatorFor([]), concurrency: size }));
      expect(summaries.reduce((sum, summary) => sum + summary.regenerated + summary.failed, 0)).toBe(200);
    } finally {
      await coordinator.close();
      await Promise.all(workers.map((worker) => worker.close()));
    }
    const local = await ledgerContents(join(world.dir, 'local'));
    const queued = await ledgerContents(join(world.dir, 'queued'));
    expect(local).toHaveLength(200);
    expect(queued.map((record) => `${record.prompt_id}/${record.key}`)).toEqual(local.map((record) => `${record.prompt_id}/${record.key}`));
    expect(queued).toEqual(local);
    // Each job ran once, and the three workers shared them.
    const done = workers.map((worker) => worker.counts.samples + worker.counts.failed);
    expect(done.reduce((sum, count) => sum + count, 0)).toBe(200);
    for (const count of done) expect(count).toBeGreaterThan(0);
    // Two runs of 200 prompts on a shared 2-core machine: a bound on waiting, not on speed.
  }, 120_000);

  it('resumes after the coordinator is stopped: jobs finished while it was down are collected, not run again', async () => {
    const { entries, sha256 } = await expandedEntries(40, 17);
    const simple = entries.filter((entry) => entry.complexity === 'simple');
    const pipeline = await world.pipeline(sha256);
    const queueName = 'resume';
    const connection = parseQueueUrl(redis.url);
    const outDir = join(world.dir, 'resume');
    const queue = new Queue(queueName, { connection: connection.options });
    const until = async (done: () => Promise<boolean>) => {
      for (let tries = 0; !(await done()) && tries < 300; tries += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    try {
      // A first run records three entries.
      const [early] = await startWorkers(1, pipeline, queueName);
      const first = await openQueueCoordinator({ connection, queueName });
      await runAllShards(simple.slice(0, 3), pipeline, outDir, (_level, size) => ({ generate: first.generatorFor([]), concurrency: size }));
      await first.close();
      await early.close();

      // The next run enqueues the rest and stops (as if killed) before any worker is up.
      const second = await openQueueCoordinator({ connection, queueName });
      const stop = new AbortController();
      const stopped = runAllShards(simple, pipeline, outDir, (_level, size) => ({ generate: second.generatorFor([]), concurrency: size, graceMs: 0, signal: stop.signal, resume: true }));
      await until(async () => (await queue.getWaitingCount()) === simple.length - 3);
      stop.abort();
      expect((await stopped)[0].interrupted).toBe(true);
      await second.close();
      expect((await readLedger(outDir, 'simple')).samples).toHaveLength(3);

      // Workers finish every job while no coordinator listens; the resumed run collects them.
      const [late] = await startWorkers(1, pipeline, queueName);
      await until(async () => (await queue.getCompletedCount()) === simple.length);
      const third = await openQueueCoordinator({ connection, queueName });
      const [resumed] = await runAllShards(simple, pipeline, outDir, (_level, size) => ({ generate: third.generatorFor([]), concurrency: size, resume: true }));
      await third.close();
      await late.close();
      expect(resumed).toMatchObject({ interrupted: false, cached: 3, regenerated: simple.length - 3, failed: 0 });
      const ledger = await readLedger(outDir, 'simple');
      expect(ledger.samples.map((record) => record.prompt_id)).toEqual(simple.map((entry) => entry.prompt_id));
      expect(late.counts.samples + late.counts.failed).toBe(simple.length - 3);
    } finally {
      await queue.close();
    }
  }, 60_000);

  it('records a job its workers refuse as a failure with the reason, and goes on', async () => {
    const { entries, sha256 } = await expandedEntries(6, 18);
    const simple = entries.filter((entry) => entry.complexity === 'simple').slice(0, 2);
    const pipeline = await world.pipeline(sha256);
    // A worker on another snapshot would answer differently: it must refuse rather than mix worlds.
    const other: Pipeline = { ...pipeline, provenance: { ...pipeline.provenance, snapshot_id: 'another-snapshot' } };
    const queueName = 'refused';
    const [worker] = await startWorkers(1, other, queueName);
    const coordinator = await openQueueCoordinator({ connection: parseQueueUrl(redis.url), queueName, attempts: 2 });
    const outDir = join(world.dir, 'refused');
    try {
      const [summary] = await runAllShards(simple, pipeline, outDir, (_level, size) => ({ generate: coordinator.generatorFor([]), concurrency: size }));
      expect(summary.failed).toBe(simple.length);
    } finally {
      await coordinator.close();
      await worker.close();
    }
    const { failures } = await readLedger(outDir, 'simple');
    expect(failures).toHaveLength(simple.length);
    expect(failures[0].stage).toBe('internal');
    expect(failures[0].reason).toMatch(/queue job failed after 1 attempt\(s\): worker w1 runs another pipeline than the coordinator: snapshot_id \(worker "another-snapshot", coordinator "synthetic/);
  });

  it('names the URL when Redis is unreachable', async () => {
    const closed = await startRedisServer();
    await closed.stop();
    const error = await openQueueCoordinator({ connection: parseQueueUrl(closed.url) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueueError);
    expect((error as Error).message).toContain(`Redis at ${closed.url} is unreachable (ECONNREFUSED)`);
  });
});
