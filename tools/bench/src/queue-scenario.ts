import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { Queue } from 'bullmq';
import { COMPLEXITIES, parseCatalog, shardCatalog } from '@forge/catalog';
import { resolveGenerateConfig, runShard } from '@forge/engine';
import { sha256 } from '@forge/files';
import { openQueueCoordinator, parseQueueUrl, startRedisServer } from '@forge/queue';
import { expandCatalog } from '../../catalog-expander/src/index.ts';
import { connectToolHub } from '../../../apps/cli/src/connect-tool-hub.ts';
import { wireGeneratePipeline } from '../../../apps/cli/src/commands/generate.ts';
import type { BenchContext } from './bench-context.ts';
import { formatNumber as f, type TableRow } from './render-table.ts';

export interface QueueOptions {
  prompts: number;
  seed?: number;
}

const QUEUE_NAME = 'bench-scale-out';

/** Starts one `forge worker` process (in-process tools, offline planner) and resolves once it is ready. */
// Wrapped: an execa child is a thenable, and an async function returning it would wait for the process to exit.
async function startWorker(context: BenchContext, url: string, name: string): Promise<{ child: ResultPromise }> {
  const child = execa(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'worker', '--queue', url, '--queue-name', QUEUE_NAME, '--in-process', '--planner', 'rule', '--name', name], { cwd: context.root, reject: false, env: { PLANNER: 'rule' }, extendEnv: true });
  await new Promise<void>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('ready on')) resolve();
    });
    void child.then((result) => reject(new Error(`worker ${name} exited before it was ready: ${String(result.stderr)}`)));
  });
  return { child };
}

/**
 * Scale-out generation (issue 16): the same expanded catalog through a queue coordinator with 1, 2 and 3 `forge
 * worker` processes (offline planner, in-process tools) on a throwaway redis-server; samples/s from the first
 * enqueue to the last record, worker start-up excluded. Finished jobs are cleaned between runs, so each regenerates all.
 */
export async function runQueueScenario(context: BenchContext, options: QueueOptions): Promise<TableRow[]> {
  const catalog = expandCatalog({ n: options.prompts, seed: options.seed ?? 31, universe: context.universe });
  const entries = parseCatalog(catalog, '(bench catalog)').filter((entry) => !/slack/i.test(entry.user_prompt));
  const shards = shardCatalog(entries);
  const redis = await startRedisServer();
  const tools = await connectToolHub({ configDir: join(context.root, 'mcp_servers/configs'), inProcess: true, backend: 'snapshot', environment: {} });
  const workers: Array<{ child: ResultPromise }> = [];
  const connection = parseQueueUrl(redis.url);
  const queue = new Queue(QUEUE_NAME, { connection: connection.options });
  const rates: number[] = [];
  try {
    const config = resolveGenerateConfig({ planner: 'rule' }, {}, { isTTY: false, runId: 'bench' });
    const pipeline = await wireGeneratePipeline(config, tools.hub, sha256(JSON.stringify(catalog)));
    for (const count of [1, 2, 3]) {
      while (workers.length < count) workers.push(await startWorker(context, redis.url, `bench-${workers.length + 1}`));
      await queue.clean(0, 1_000_000, 'completed');
      await queue.clean(0, 1_000_000, 'failed');
      context.log(`queue: ${entries.length} prompts through ${count} worker process(es)`);
      const coordinator = await openQueueCoordinator({ connection, queueName: QUEUE_NAME });
      const started = performance.now();
      let samples = 0;
      try {
        for (const level of COMPLEXITIES) {
          if (shards[level].length === 0) continue;
          const summary = await runShard(shards[level], pipeline, { outDir: join(context.scratch, `queue-${count}`), complexity: level, generate: coordinator.generatorFor([]), concurrency: shards[level].length });
          samples += summary.regenerated;
        }
      } finally {
        await coordinator.close();
      }
      rates.push(samples / ((performance.now() - started) / 1000));
    }
  } finally {
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((worker) => worker.child));
    await queue.close();
    await tools.close();
    await redis.stop();
  }
  return rates.map((rate, index) => ({ scenario: 'queue', metric: `samples/s, ${index + 1} worker process(es), ${entries.length} prompts (rule planner, Redis queue)`, value: f(rate, 1) }));
}
