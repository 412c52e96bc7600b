import { Command } from 'commander';
import { redact, resolveGenerateConfig, type GenerateFlags } from '@forge/engine';
import { startGenerationWorker } from '@forge/queue';
import { connectToolHub } from '../connect-tool-hub.ts';
import { secretValues, type Environment } from '../environment.ts';
import { parsePositive } from '../options.ts';
import { queueOptions, queueSettings } from '../queue-mode.ts';
import { addPipelineOptions, wireGeneratePipeline } from './generate.ts';

/**
 * `forge worker`: serves a queued generate run (issue 16). Wires the same pipeline as `forge generate` from the
 * same flags and environment (planner, model, snapshot, tools in-process or the configured servers), and runs
 * jobs until SIGINT/SIGTERM, when it finishes the jobs in flight and exits.
 */
export function workerCommand(environment: Environment): Command {
  // Planner, model and snapshot must match the coordinator's: a job from a different pipeline is refused.
  const command = new Command('worker').description('run queued prompts (forge generate --queue) through the generate pipeline, under the queue\'s shared RPM/TPM budget');
  for (const option of queueOptions()) command.addOption(option);
  return addPipelineOptions(command)
    .option('--name <name>', 'worker name in task logs (default host:pid)')
    .option('--concurrency <n>', 'jobs in flight in this worker (default 4)', parsePositive)
    .option('--lock-ms <n>', 'job lock; a killed worker\'s jobs go to another worker after this long (default 30000)', parsePositive)
    .option('--stalled-check-ms <n>', 'how often stalled jobs are looked for (default 30000)', parsePositive)
    .action(async (options: Record<string, unknown>) => {
      const settings = queueSettings(options, environment);
      if (!settings) {
        process.stderr.write('forge worker: name the queue with --queue redis://host:port/<db> or FORGE_QUEUE\n');
        process.exitCode = 2;
        return;
      }
      const flags: GenerateFlags = { planner: options.planner, model: options.model, snapshotId: options.snapshotId, configDir: options.configDir, concurrency: options.concurrency, maxAttempts: options.maxAttempts };
      const config = resolveGenerateConfig(flags, environment, { isTTY: false, runId: 'worker' });
      const secrets = secretValues(environment);
      const backend = environment.MCP_BACKEND ?? 'snapshot';
      const tools = await connectToolHub({ configDir: config.configDir, inProcess: options.inProcess === true, snapshotId: config.snapshotId, backend, environment });
      try {
        // The catalog sha comes with each job; the worker's own pipeline stands for the rest of the provenance.
        // A 429 the model client absorbs pauses the whole queue too; the relay is bound once the worker is up.
        let pauseQueue = (_waitMs: number): void => undefined;
        const pipeline = await wireGeneratePipeline(config, tools.hub, '', backend, { onRateLimited: (waitMs) => pauseQueue(waitMs) });
        const worker = await startGenerationWorker({
          ...settings,
          pipeline,
          name: options.name as string | undefined,
          concurrency: config.concurrency,
          maxAttempts: config.maxAttempts,
          lockDurationMs: options.lockMs as number | undefined,
          stalledIntervalMs: options.stalledCheckMs as number | undefined,
          secrets,
          // The rule planner and template composer call no model: the budget counts the provider's requests only.
          offlineStages: config.planner === 'rule' ? ['plan', 'compose'] : [],
        });
        pauseQueue = (waitMs) => void worker.pause(waitMs).catch(() => undefined);
        process.stdout.write(`worker ${worker.name} ready on ${settings.connection.url} (queue ${settings.queueName ?? 'forge-generate'}, ${config.planner} planner, concurrency ${config.concurrency})\n`);
        await new Promise<void>((resolve) => {
          const stop = (signal: NodeJS.Signals) => {
            process.stderr.write(`${signal}: worker ${worker.name} finishing its jobs in flight\n`);
            resolve();
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await worker.close();
        process.stdout.write(redact(`worker ${worker.name}: ${worker.counts.samples} samples, ${worker.counts.failed} failed, ${worker.counts.refused} refused\n`, secrets));
      } finally {
        await tools.close();
      }
    });
}
