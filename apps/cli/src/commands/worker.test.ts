import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { parseCatalog } from '@forge/catalog';
import { readLedger, resolveGenerateConfig, runShard } from '@forge/engine';
import { sha256 } from '@forge/files';
import { openQueueCoordinator, parseQueueUrl, startGenerationWorker, startRedisServer, type RedisServer } from '@forge/queue';
import { DEFAULT_SNAPSHOT_ID, snapshotDir } from '@forge/snapshot';
import { expandCatalog, readUniverse } from '../../../../tools/catalog-expander/src/index.ts';
import { connectToolHub, type ConnectedTools } from '../connect-tool-hub.ts';
import { wireGeneratePipeline } from './generate.ts';

const CLI = ['--import', 'tsx', 'apps/cli/src/main.ts'];
let redis: RedisServer;
let tools: ConnectedTools;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'forge-worker-'));
  [redis, tools] = await Promise.all([startRedisServer(), connectToolHub({ configDir: 'mcp_servers/configs', inProcess: true, backend: 'snapshot', environment: {} })]);
});
afterAll(async () => {
  await tools?.close();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves once the child's stdout has printed a line matching `pattern`. */
function printed(child: ResultPromise, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) resolve();
    });
    child.catch((error: unknown) => reject(error));
  });
}

const until = async (done: () => Promise<boolean>, tries = 2_400) => {
  for (let tried = 0; !(await done()) && tried < tries; tried += 1) await new Promise((resolve) => setTimeout(resolve, 25));
};

describe('forge worker', () => {
  it('loses and duplicates nothing when a worker is SIGKILLed mid-run: its jobs go to another worker and are recorded once', async () => {
    const universe = await readUniverse(snapshotDir('.', DEFAULT_SNAPSHOT_ID));
    const catalog = expandCatalog({ n: 60, seed: 23, universe });
    // Prompts that post to Slack would write into the repo's data/ through the CLI's in-process world: left out.
    const entries = parseCatalog(catalog, '(test)').filter((entry) => entry.complexity === 'simple' && !/slack/i.test(entry.user_prompt)).slice(0, 16);
    const config = resolveGenerateConfig({ planner: 'rule' }, {}, { isTTY: false, runId: 'worker-test' });
    const pipeline = await wireGeneratePipeline(config, tools.hub, sha256(JSON.stringify(catalog)));
    const queueName = 'kill';
    const connection = parseQueueUrl(redis.url);
    const queue = new Queue(queueName, { connection: connection.options });

    // Every worker's stalled check runs at most once per interval across the queue (BullMQ keeps one key for it), so
    // the victim's interval is the one the survivor inherits right after the kill.
    const victim = execa('node', [...CLI, 'worker', '--queue', redis.url, '--queue-name', queueName, '--in-process', '--planner', 'rule', '--name', 'victim', '--concurrency', '4', '--lock-ms', '1500', '--stalled-check-ms', '300'], { reject: false, env: { PLANNER: 'rule' }, extendEnv: true });
    await printed(victim, /ready on/);
    const coordinator = await openQueueCoordinator({ connection, queueName });
    const recorded = new Map<string, number>();
    const run = runShard(entries, pipeline, {
      outDir: join(dir, 'out'),
      generate: coordinator.generatorFor([]),
      concurrency: entries.length,
      onEvent: (event) => {
        if (event.type === 'sample-end' || event.type === 'sample-failed') recorded.set(event.prompt_id, (recorded.get(event.prompt_id) ?? 0) + 1);
      },
    });
    const victimsActive = async () => (await queue.getActive()).filter((job) => job.processedBy === 'victim').map((job) => job.id as string);
    await until(async () => recorded.size >= 1 && (await victimsActive()).length >= 2);
    victim.kill('SIGKILL');
    await victim;
    // What the dead worker still holds: jobs it had started and can never finish.
    const killedJobs = await victimsActive();
    expect(killedJobs.length).toBeGreaterThan(0);

    const survivor = await startGenerationWorker({ connection, pipeline, queueName, name: 'survivor', stalledIntervalMs: 300, lockDurationMs: 5_000 });
    try {
      const summary = await run;
      expect(summary).toMatchObject({ total: entries.length, regenerated: entries.length, failed: 0, interrupted: false });
    } finally {
      await survivor.close();
      await coordinator.close();
    }
    expect([...recorded.values()].every((count) => count === 1)).toBe(true);
    expect([...recorded.keys()].sort()).toEqual(entries.map((entry) => entry.prompt_id).sort());
    const ledger = await readLedger(join(dir, 'out'), 'simple');
    expect(ledger.samples.map((record) => record.prompt_id)).toEqual(entries.map((entry) => entry.prompt_id));
    // The killed worker's jobs were recovered as stalled and finished by the survivor.
    for (const id of killedJobs) {
      const job = await queue.getJob(id);
      expect(job?.processedBy).toBe('survivor');
      expect(job?.stalledCounter).toBeGreaterThanOrEqual(1);
    }
    await queue.close();
    // A shared 2-core machine can take long to start the worker process: a bound on waiting, not on speed.
  }, 120_000);

  it('refuses an unreachable queue with one line naming the URL, and writes no ledger', async () => {
    const closed = await startRedisServer();
    await closed.stop();
    const out = join(dir, 'unreachable');
    const result = await execa('node', [...CLI, 'generate', '--queue', closed.url, '--in-process', '--planner', 'rule', '--prompt-file', 'data/inputs/catalog.json', '--out', out, '--cache-dir', join(dir, 'cache'), '--log-dir', join(dir, 'logs'), '--progress', 'plain'], { reject: false, env: { PLANNER: 'rule' }, extendEnv: true });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain(`error: Redis at ${closed.url} is unreachable (ECONNREFUSED)`);
    expect(existsSync(out) ? readdirSync(out).filter((name) => name.endsWith('.jsonl')) : []).toEqual([]);
  }, 60_000);
});
