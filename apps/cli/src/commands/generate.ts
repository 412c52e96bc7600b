import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '@forge/files';
import { randomBytes } from 'node:crypto';
import { Command, InvalidArgumentError, Option } from 'commander';
import { COMPLEXITIES, readCatalog, shardCatalog, type Complexity, type ShardsManifest } from '@forge/catalog';
import { ConfigError } from '@forge/errors';
import { OpenAIPlanner, RulePlanner, type OpenAIBackend, type RetryOptions } from '@forge/planner';
import { OpenAIComposer, TemplateComposer } from '@forge/composer';
import type { ToolCaller } from '@forge/tools';
import { DEFAULT_SNAPSHOT_ID, SnapshotMetaSchema, snapshotDir } from '@forge/snapshot';
import {
  CircuitBreaker,
  RateLimiter,
  assemblePipeline,
  createProgressReporter,
  describeGenerateConfig,
  redact,
  resolveGenerateConfig,
  runShard,
  type GenerateConfig,
  type GenerateFlags,
  type Pipeline,
  type ShardSummary,
  planLimitsFor,
} from '@forge/engine';
import { openToolHub } from '../connect-tool-hub.ts';
import { openEntryWorkers } from '../open-entry-workers.ts';
import { secretValues, type Environment } from '../environment.ts';
import { parseCount, parsePositive } from '../options.ts';
import { currentRunId } from '../run-id.ts';
import { openQueueMode, queueOptions, rateWindowOption } from '../queue-mode.ts';
import { stopOnSignal } from '../stop-on-signal.ts';
import { boundHeapGrowth } from './generate-heap.ts';

/** Bump when the wiring changes what a sample looks like, so cached samples stop matching. */
const WIRING_VERSION = 'generate-v3';

/** The model's key: required by api.openai.com; local OpenAI-compatible servers (vLLM, Ollama) accept any. */
function modelKey(config: GenerateConfig): string {
  if (config.apiKey) return config.apiKey;
  if (config.baseURL) return 'not-needed';
  throw new ConfigError({
    field: 'OPENAI_API_KEY',
    problem: `the openai planner (model ${config.model}) needs an API key`,
    hint: 'set OPENAI_API_KEY, or OPENAI_BASE_URL for a local OpenAI-compatible server, or PLANNER=rule for the offline planner',
  });
}

/** Builds the real pipeline: rule or OpenAI planner/composer, the ToolHub over MCP, the plan checker and runner. */
export async function wireGeneratePipeline(config: GenerateConfig, tools: ToolCaller & { inventorySha256(): string }, catalogSha256: string, mcpBackend = 'snapshot', retry?: RetryOptions): Promise<Pipeline> {
  const meta = mcpBackend === 'live' ? liveMeta(new Date()) : await readSnapshotMeta(config);
  const llm = config.planner === 'openai' ? { model: config.model, apiKey: modelKey(config), baseURL: config.baseURL, backend: config.backend as OpenAIBackend | undefined, timeoutMs: config.modelTimeoutMs, ...(retry ? { retry } : {}) } : undefined;
  const planner = llm ? new OpenAIPlanner(llm) : new RulePlanner();
  const composer = llm ? new OpenAIComposer(llm) : new TemplateComposer();
  return assemblePipeline({ planner, composer, tools, snapshot: meta, backend: mcpBackend, catalogSha256, wiring: WIRING_VERSION });
}

/** Live answers change daily: the content cache reuses a live sample the same day only. */
function liveMeta(now: Date): { snapshot_id: string; as_of: string } {
  return { snapshot_id: `live-${now.toISOString().slice(0, 10)}`, as_of: now.toISOString() };
}

/** The frozen world's id and as_of, from the snapshot the servers serve; a live run is stamped with its own time. */
async function readSnapshotMeta(config: GenerateConfig): Promise<{ snapshot_id: string; as_of: string }> {
  const snapshotId = config.snapshotId ?? DEFAULT_SNAPSHOT_ID;
  const metaFile = join(snapshotDir('.', snapshotId), 'meta.json');
  let meta;
  try {
    meta = SnapshotMetaSchema.parse(JSON.parse(await readFile(metaFile, 'utf8')));
  } catch (error) {
    throw new ConfigError({ file: metaFile, expected: 'a readable snapshot meta.json', received: String(error), hint: 'set SNAPSHOT_ID or --snapshot-id to the snapshot the servers serve', cause: error });
  }
  return meta;
}

/**
 * The catalog a run belongs to: a shard or chunk file written by prepare-prompts names its source catalog in the
 * manifest beside it, so samples from every shard and chunk carry the same catalog sha256.
 */
async function catalogShaOf(promptFile: string, fileSha256: string): Promise<string> {
  try {
    const manifest = JSON.parse(await readFile(join(dirname(promptFile), 'manifest.json'), 'utf8')) as ShardsManifest;
    const files = [...Object.values(manifest.shards ?? {}), ...Object.values(manifest.chunks?.files ?? {})];
    const isShard = files.some((shard) => shard.sha256 === fileSha256);
    return isShard ? manifest.catalog_sha256 : fileSha256;
  } catch {
    return fileSha256;
  }
}

const REASON_SHOWN = 300;

/** The shard's counts, then each failed prompt with its reason (the first FAILURES_LISTED; the ledger has all). */
function describeSummary(summary: ShardSummary): string {
  const state = summary.interrupted ? ' INTERRUPTED' : '';
  const failedCalls = summary.failed_llm_calls > 0 ? ` (${summary.failed_llm_calls} failed)` : '';
  const lines = [
    `${summary.complexity}${state}: ${summary.total} entries, ${summary.regenerated} regenerated, ${summary.cached} cached, ` +
      `${summary.failed} failed${summary.not_done ? `, ${summary.not_done} not done` : ''}; ${summary.llm_calls} LLM calls${failedCalls}, ` +
      `${summary.tokens} tokens, ${summary.rate_limited} rate-limited → ${summary.samples_path}`,
  ];
  for (const failure of summary.failures) {
    const reason = failure.reason.length > REASON_SHOWN ? `${failure.reason.slice(0, REASON_SHOWN - 1)}…` : failure.reason;
    lines.push(`  failed ${failure.prompt_id} (${failure.stage}): ${reason}`);
  }
  const unlisted = summary.failed - summary.failures.length;
  if (unlisted > 0) lines.push(`  … and ${unlisted} more, every one with its reason in ${summary.failures_path}`);
  else if (summary.failed > 0) lines.push(`  reasons in full: ${summary.failures_path}`);
  return lines.join('\n');
}

/** How long a stopping run may take before it exits anyway (issue 19 item 7: within 10 s). */
const STOP_WITHIN_MS = 10_000;
/** In-flight entries get this long to end after their calls were aborted; the ledgers are flushed after. */
const STOP_GRACE_MS = 5_000;

/** `forge generate`: plan, run and compose every entry of the selected shards into crash-safe JSONL ledgers. */
/** Commander parser for a share between 0 and 1. */
function parseRate(value: string): number {
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new InvalidArgumentError(`expected a share between 0 and 1, got "${value}"`);
  return rate;
}

/**
 * The options that choose the generate pipeline (planner, model, snapshot, tools), shared by `forge generate` and
 * `forge worker`, whose pipelines must agree.
 */
export function addPipelineOptions(command: Command): Command {
  return command
    .option('--max-attempts <n>', 'attempts per stage for retryable errors (default 3)', parsePositive)
    .option('--planner <kind>', 'rule (offline) or openai (env PLANNER; default openai when OPENAI_MODEL is set)')
    .option('--model <name>', 'model for the openai planner/composer (env OPENAI_MODEL)')
    .option('--config-dir <dir>', 'MCP server configs (default mcp_servers/configs)')
    .option('--in-process', 'link the five MCP servers into this process (in-memory transport, health-checked first) instead of reaching running ones')
    .option('--snapshot-id <id>', 'snapshot the servers serve (env SNAPSHOT_ID)');
}

export function generateCommand(environment: Environment): Command {
  return addPipelineOptions(new Command('generate')
    .description('generate samples per shard: plan → check → run over MCP → compose → grounding; resumable, cached by content'))
    .option('--prompt-file <file>', 'catalog to read (env PROMPT_FILE)')
    .option('--out <dir>', 'output dir of <complexity>.jsonl ledgers (env OUTPUT)')
    .addOption(new Option('--complexity <level>', 'one shard only').choices([...COMPLEXITIES]))
    .option('--concurrency <n>', 'entries in flight (default 4)', parsePositive)
    .option('--workers <n>', 'worker threads running the entries, each with its own pipeline and tools, rule planner only; 0 runs them on the main thread (env FORGE_WORKERS; default 0)', parseCount)
    .option('--rpm <n>', 'model requests per minute', parsePositive)
    .option('--tpm <n>', 'model tokens per minute', parsePositive)
    .option('--sleep-ms <n>', 'pause between admissions of new entries', parseCount)
    .option('--resume', 'continue the existing ledgers (default when they belong to the same catalog)')
    .option('--no-resume', 'start the outputs afresh (the content cache still applies)')
    .option('--no-retry-failed', 'keep failures from earlier runs instead of retrying them')
    .option('--limit <n>', 'only the first n catalog entries (env N_SAMPLES)', parseCount)
    .addOption(new Option('--progress <mode>', 'progress display (default bar on a TTY, plain otherwise)').choices(['plain', 'bar']))
    .option('--max-tools <n>', 'tool calls per plan (env MAX_TOOLS)', parsePositive)
    .option('--max-turns <n>', 'turns per episode (env MAX_TURNS)', parsePositive)
    .option('--cache-dir <dir>', 'shared content cache (default data/generated/cache)')
    .option('--log-dir <dir>', 'per-task logs (default logs/dataset_runs/<run>)')
    .option('--model-timeout-ms <ms>', 'per model request (env MODEL_TIMEOUT_MS; default 60000)', parsePositive)
    .option('--model-deadline-ms <ms>', 'per prompt, over all its model calls, retries and waits (env MODEL_DEADLINE_MS; default 180000)', parsePositive)
    .option('--rate-limit-budget <n>', '429 replies absorbed per prompt, whatever Retry-After says (env RATE_LIMIT_BUDGET; default 3)', parseCount)
    .option('--breaker-after <n>', 'consecutive failures of one fault (timeout, deadline, 429 budget, …) after which the rest are recorded as failures without a call (env BREAKER_AFTER; default 5; 0 = never)', parseCount)
    .option('--max-failure-rate <rate>', 'exit 1 when more than this share of the entries failed (env MAX_FAILURE_RATE; default 0.5)', parseRate)
    .addOption(queueOptions()[0])
    .addOption(queueOptions()[1])
    .addOption(rateWindowOption())
    .action(async (options: Record<string, unknown>) => {
      // Before the catalog and the tools are loaded: peak RSS must not grow with the catalog (issue 19 item 11).
      boundHeapGrowth();
      const runId = environment.RUN_ID ?? currentRunId() ?? `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
      const flags: GenerateFlags = {
        ...options,
        outDir: options.out,
        requestsPerMinute: options.rpm,
        tokensPerMinute: options.tpm,
        // commander sets retryFailed true by default; only an explicit --no-retry-failed should count as a flag.
        retryFailed: options.retryFailed === false ? false : undefined,
      };
      const config = resolveGenerateConfig(flags, environment, { isTTY: Boolean(process.stdout.isTTY), runId });
      const secrets = secretValues(environment);
      // Dated and named: Nx replays a cached task's output, and a replay must read as an earlier run's, not as new.
      process.stdout.write(`forge generate, run ${runId}, started ${new Date().toISOString()}; effective configuration:\n${redact(describeGenerateConfig(config), secrets)}\n`);

      // One complexity's shard may be empty (a catalog without medium prompts): nothing to generate is not an error.
      const catalog = await readCatalog(config.promptFile, { allowEmpty: config.complexity !== undefined });
      const selected = config.limit !== undefined ? catalog.entries.slice(0, config.limit) : catalog.entries;
      const shards = shardCatalog(selected);
      const levels: readonly Complexity[] = config.complexity ? [config.complexity] : COMPLEXITIES;

      const controller = stopOnSignal(STOP_WITHIN_MS);
      const onSignal = (signal: NodeJS.Signals) => controller.handle(signal);
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const backend = environment.MCP_BACKEND ?? 'snapshot';
      // Before the tools and the ledgers: an unreachable queue stops the run with nothing written.
      const queue = await openQueueMode(options, environment, config);
      // In-process servers are built and health-checked only when a shard has an entry to generate (runShard's
      // beforeGenerate): a run whose entries are all reused boots nothing (issue 14 item 2).
      const tools = await openToolHub({ configDir: config.configDir, inProcess: options.inProcess === true, snapshotId: config.snapshotId, backend, environment }).catch(async (error: unknown) => {
        await queue?.close();
        throw error;
      });
      let closeThreads = (): Promise<void> => Promise.resolve();
      try {
        // A snapshot whose meta.json cannot be read fails as it did when the servers were built first: the tool
        // world's own error about the snapshot comes before this one.
        const pipeline = await wireGeneratePipeline(config, tools.tools, await catalogShaOf(config.promptFile, catalog.sha256), backend).catch(async (error: unknown) => {
          await tools.connect();
          throw error;
        });
        // Worker threads (issue 14): each runs entries through its own copy of this pipeline and its own tools; this
        // thread keeps admission, the ledgers, the content cache and the task logs. A queued run's workers do the work.
        const threads = config.workers > 0 && !queue
          ? openEntryWorkers({
              workers: config.workers,
              settings: { config, backend, inProcess: options.inProcess === true, environment, catalogSha256: pipeline.provenance.catalog_sha256 },
              provenance: pipeline.provenance,
            })
          : undefined;
        closeThreads = () => threads?.close() ?? Promise.resolve();
        const limiter = new RateLimiter({ requestsPerMinute: config.requestsPerMinute, tokensPerMinute: config.tokensPerMinute });
        const listing = tools.tools.inventory().map(({ server, tool, description }) => ({ server, tool, description }));
        const tally = { total: 0, failed: 0 };
        // One breaker for the whole run: a model that is down stops every shard, and it is said once.
        const breaker = new CircuitBreaker(config.breakerAfter);
        for (const level of levels) {
          const reporter = createProgressReporter({ mode: config.progress, write: (text) => process.stderr.write(text), label: level });
          const summary = await runShard(shards[level], pipeline, {
            outDir: config.outDir,
            complexity: level,
            concurrency: config.concurrency,
            limiter,
            sleepMs: config.sleepMs,
            maxAttempts: config.maxAttempts,
            resume: config.resume,
            retryFailed: config.retryFailed,
            cacheDir: config.cacheDir,
            logDir: config.logDir,
            limits: planLimitsFor(level, config),
            secrets,
            modelDeadlineMs: config.modelDeadlineMs,
            rateLimitBudget: config.rateLimitBudget,
            breaker,
            signal: controller.signal,
            graceMs: STOP_GRACE_MS,
            onEvent: reporter.listener,
            // Threads connect their own tools: this thread's stay unconnected (in-process: no tool world here).
            beforeGenerate: () => (threads ? threads.start() : tools.connect()),
            ...(threads ? { generate: threads.generate } : {}),
            ...(await queue?.shardOptions(config.outDir, level, shards[level].length)),
          });
          // The package stage lists these tools in each sample's system prompt. Written after the shard, so a run
          // the health gate stopped leaves this shard's outputs as they were.
          await writeFileAtomic(join(config.outDir, `${level}.inventory.json`), `${JSON.stringify(listing, null, 2)}\n`);
          reporter.finish();
          process.stdout.write(`${describeSummary(summary)}\n`);
          tally.total += summary.total;
          tally.failed += summary.failed;
          if (summary.interrupted) {
            process.exitCode = 130;
            break;
          }
        }
        // Every failure is recorded with its reason; a run that is mostly failures still says so with its exit code.
        const limit = (options.maxFailureRate as number | undefined) ?? (environment.MAX_FAILURE_RATE !== undefined && environment.MAX_FAILURE_RATE.trim() !== '' ? parseRate(environment.MAX_FAILURE_RATE) : 0.5);
        if (process.exitCode === undefined && tally.total > 0 && tally.failed / tally.total > limit) {
          process.stderr.write(`generate: ${tally.failed} of ${tally.total} entries failed (more than ${limit * 100}%); see the *.failures.jsonl ledgers for each reason\n`);
          process.exitCode = 1;
        }
      } finally {
        // A stopping run keeps its handlers to the end: a second signal still means "now", never a default kill.
        if (!controller.signal.aborted) {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
        // A stopping run does not wait long on servers that hang up slowly: the ledgers are closed already.
        const closed = Promise.all([closeThreads(), tools.close()]);
        if (controller.signal.aborted) await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
        else await closed;
        await queue?.close();
      }
    });
}
