import { z } from 'zod';
import { ComplexitySchema } from '@forge/catalog';
import { ConfigError } from '@forge/errors';
import { REDACTED } from './redact.ts';
import { BREAKER_THRESHOLD, MODEL_DEADLINE_MS, RATE_LIMIT_BUDGET } from './run-shard.ts';

const count = (minimum: number) => z.coerce.number().int().min(minimum);

/** Everything `forge generate` runs with, after flags, environment and defaults are merged. */
export const GenerateConfigSchema = z.object({
  promptFile: z.string().min(1),
  outDir: z.string().min(1),
  cacheDir: z.string().min(1),
  logDir: z.string().min(1),
  configDir: z.string().min(1),
  snapshotId: z.string().min(1).optional().describe('snapshot the servers serve; the default snapshot when absent'),
  complexity: ComplexitySchema.optional().describe('one shard; all three when absent'),
  concurrency: count(1),
  workers: count(0).describe('worker threads running the entries; 0 runs them on the main thread'),
  requestsPerMinute: count(1).optional(),
  tokensPerMinute: count(1).optional(),
  sleepMs: count(0),
  maxAttempts: count(1),
  resume: z.boolean().optional(),
  retryFailed: z.boolean(),
  limit: count(0).optional(),
  progress: z.enum(['bar', 'plain']),
  planner: z.enum(['rule', 'openai']),
  model: z.string().min(1),
  backend: z.string().min(1).optional(),
  baseURL: z.string().url().optional(),
  apiKey: z.string().optional(),
  maxTools: count(1).optional(),
  maxTurns: count(1).optional(),
  // Fault bounds (issue 19 item 6): one request, one prompt's model calls, its 429s, and a run of like failures.
  modelTimeoutMs: count(1).describe('per model request'),
  modelDeadlineMs: count(1).describe('per prompt, over all its model calls, retries and waits'),
  rateLimitBudget: count(0).describe('429 replies absorbed per prompt, whatever Retry-After says'),
  breakerAfter: count(0).describe('consecutive failures of one fault that stop admissions; 0 = never'),
});
export type GenerateConfig = z.infer<typeof GenerateConfigSchema>;

/** Command-line values as commander hands them over (undefined when not given). */
export type GenerateFlags = Partial<Record<keyof GenerateConfig, unknown>>;

export interface GenerateContext {
  /** Whether stdout is a terminal: picks the default progress mode. */
  isTTY: boolean;
  /** Names the default log folder logs/dataset_runs/<runId>. */
  runId: string;
}

const ENVIRONMENT_NAMES: Partial<Record<keyof GenerateConfig, string>> = {
  promptFile: 'PROMPT_FILE',
  outDir: 'OUTPUT',
  limit: 'N_SAMPLES',
  model: 'OPENAI_MODEL',
  backend: 'OPENAI_BACKEND',
  baseURL: 'OPENAI_BASE_URL',
  apiKey: 'OPENAI_API_KEY',
  maxTools: 'MAX_TOOLS',
  maxTurns: 'MAX_TURNS',
  planner: 'PLANNER',
  snapshotId: 'SNAPSHOT_ID',
  modelTimeoutMs: 'MODEL_TIMEOUT_MS',
  modelDeadlineMs: 'MODEL_DEADLINE_MS',
  rateLimitBudget: 'RATE_LIMIT_BUDGET',
  breakerAfter: 'BREAKER_AFTER',
  workers: 'FORGE_WORKERS',
};

function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/**
 * Merges flags (which win), environment variables and defaults into a validated GenerateConfig. Pure: the caller
 * passes the environment. Throws one ConfigError listing every bad value with the flag or variable it came from.
 */
export function resolveGenerateConfig(flags: GenerateFlags, environment: Readonly<Record<string, string | undefined>>, context: GenerateContext): GenerateConfig {
  const origin: Record<string, string> = {};
  const pick = (name: keyof GenerateConfig, fallback?: unknown): unknown => {
    const flag = blankToUndefined(flags[name]);
    if (flag !== undefined) {
      origin[name] = `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
      return flag;
    }
    const variable = ENVIRONMENT_NAMES[name];
    const fromEnvironment = variable ? blankToUndefined(environment[variable]) : undefined;
    if (fromEnvironment !== undefined) {
      origin[name] = `environment variable ${variable}`;
      return fromEnvironment;
    }
    return fallback;
  };
  const model = pick('model', undefined);
  const raw = {
    promptFile: pick('promptFile', 'data/inputs/catalog.json'),
    outDir: pick('outDir', 'data/generated'),
    cacheDir: pick('cacheDir', 'data/generated/cache'),
    logDir: pick('logDir', `logs/dataset_runs/${context.runId}`),
    configDir: pick('configDir', 'mcp_servers/configs'),
    snapshotId: pick('snapshotId'),
    complexity: pick('complexity'),
    concurrency: pick('concurrency', 4),
    // Opt-in (issue 14, docs/benchmarks.md "entries on worker threads"): on the 2-core machine measured, threads gave
    // no reliable gain over one event loop, and each costs a start-up and its own tool world's memory.
    workers: pick('workers', 0),
    requestsPerMinute: pick('requestsPerMinute'),
    tokensPerMinute: pick('tokensPerMinute'),
    sleepMs: pick('sleepMs', 0),
    maxAttempts: pick('maxAttempts', 3),
    resume: pick('resume'),
    retryFailed: pick('retryFailed', true),
    limit: pick('limit'),
    progress: pick('progress', context.isTTY ? 'bar' : 'plain'),
    // An explicit model means an LLM planner unless the planner is named; no model means the offline rule planner.
    planner: pick('planner', model !== undefined ? 'openai' : 'rule'),
    model: model ?? 'none',
    backend: pick('backend'),
    baseURL: pick('baseURL'),
    apiKey: pick('apiKey'),
    // Unset means per complexity (planLimitsFor), so complex plans fit.
    maxTools: pick('maxTools'),
    maxTurns: pick('maxTurns'),
    modelTimeoutMs: pick('modelTimeoutMs', 60_000),
    modelDeadlineMs: pick('modelDeadlineMs', MODEL_DEADLINE_MS),
    rateLimitBudget: pick('rateLimitBudget', RATE_LIMIT_BUDGET),
    breakerAfter: pick('breakerAfter', BREAKER_THRESHOLD),
  };
  const parsed = GenerateConfigSchema.safeParse(raw);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      problems.push(`${origin[name] ?? name}: ${issue.message} (got ${JSON.stringify(raw[name as keyof typeof raw])})`);
    }
  } else if (parsed.data.planner === 'openai' && parsed.data.model === 'none') {
    problems.push('the openai planner needs OPENAI_MODEL (or --model)');
  } else if (parsed.data.planner === 'openai' && !parsed.data.apiKey && !parsed.data.baseURL) {
    // Local OpenAI-compatible servers (vLLM, Ollama) take any key; api.openai.com needs a real one.
    problems.push('the openai planner needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server)');
  }
  if (parsed.success && parsed.data.planner === 'openai' && parsed.data.workers > 0) {
    // The model planner's requests share one rate limiter, one 429 budget per prompt and one breaker on the main
    // thread; they wait on the network, not on this thread's CPU, which is what worker threads add.
    problems.push(`${origin.workers}: worker threads run the offline rule planner only (got ${parsed.data.workers} with the openai planner; use 0)`);
  }
  if (problems.length > 0 || !parsed.success) {
    throw new ConfigError({ problem: `invalid generate configuration: ${problems.join('; ')}`, hint: 'see `forge generate --help`' });
  }
  return parsed.data;
}

/** The effective configuration as printable lines, with the API key shown only as [REDACTED]. */
export function describeGenerateConfig(config: GenerateConfig): string {
  const shown = { ...config, apiKey: config.apiKey ? REDACTED : undefined };
  return Object.entries(shown)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `  ${name.padEnd(18)} ${String(value)}`)
    .join('\n');
}
