import { Option } from 'commander';
import { readLedger, type GenerateConfig, type RunShardOptions } from '@forge/engine';
import { openQueueCoordinator, parseQueueUrl, type QueueConnection } from '@forge/queue';
import type { Complexity } from '@forge/catalog';
import type { Environment } from './environment.ts';
import { countFromEnvironment, parsePositive } from './options.ts';

/** The queue options `forge generate` and `forge worker` share; each falls back to its environment variable. */
export function queueOptions(): Option[] {
  return [
    new Option('--queue <url>', 'Redis URL of a BullMQ queue, redis://host:port/<db> (env FORGE_QUEUE)'),
    new Option('--queue-name <name>', 'queue name (env FORGE_QUEUE_NAME; default forge-generate)'),
  ];
}

export interface QueueSettings {
  connection: QueueConnection;
  queueName?: string;
}

/** The queue flags or environment as settings; undefined when neither names a queue (a local run). */
export function queueSettings(options: Record<string, unknown>, environment: Environment): QueueSettings | undefined {
  const fromFlag = typeof options.queue === 'string' && options.queue.trim() !== '';
  const url = fromFlag ? (options.queue as string) : environment.FORGE_QUEUE?.trim();
  if (!url) return undefined;
  const name = (options.queueName as string | undefined) ?? (environment.FORGE_QUEUE_NAME?.trim() || undefined);
  return { connection: parseQueueUrl(url, fromFlag ? '--queue' : 'FORGE_QUEUE'), queueName: name };
}

/** `--rate-window-ms`: the length of the RPM/TPM window a queued run shares (default 60 000). */
export const rateWindowOption = () => new Option('--rate-window-ms <n>', 'window of the shared RPM/TPM budget in ms (env FORGE_RATE_WINDOW_MS; default 60000)').argParser(parsePositive);

export interface QueueMode {
  /** runShard options that make it a coordinator for this shard. */
  shardOptions(outDir: string, level: Complexity, entries: number): Promise<Partial<RunShardOptions>>;
  close(): Promise<void>;
}

/**
 * Turns `forge generate` into a queue coordinator when --queue or FORGE_QUEUE names one (issue 16): checks Redis
 * first (an unreachable one fails before anything is written), publishes the run's RPM/TPM budget, and gives
 * runShard a generate function that enqueues each entry and waits for a worker's result.
 */
export async function openQueueMode(options: Record<string, unknown>, environment: Environment, config: GenerateConfig): Promise<QueueMode | undefined> {
  const settings = queueSettings(options, environment);
  if (!settings) return undefined;
  const windowMs = (options.rateWindowMs as number | undefined) ?? countFromEnvironment('FORGE_RATE_WINDOW_MS', environment.FORGE_RATE_WINDOW_MS);
  const coordinator = await openQueueCoordinator({
    ...settings,
    budget: { requestsPerMinute: config.requestsPerMinute, tokensPerMinute: config.tokensPerMinute, windowMs },
  });
  process.stdout.write(`coordinating queue ${settings.queueName ?? 'forge-generate'} on ${settings.connection.url}: start workers with \`forge worker --queue ${settings.connection.url}\`\n`);
  return {
    async shardOptions(outDir, level, entries) {
      const recorded = await readLedger(outDir, level).catch(() => ({ failures: [] }));
      return {
        generate: coordinator.generatorFor(recorded.failures.map((failure) => failure.key)),
        // Every entry waits on its job at once; the workers' pools bound the real work.
        concurrency: Math.max(1, entries),
        // On a stop, what finishes within a second is recorded; the rest stays queued for the resumed run.
        graceMs: 1_000,
      };
    },
    close: () => coordinator.close(),
  };
}
