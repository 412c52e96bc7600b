import { describe, expect, it } from 'vitest';
import { ConfigError } from '@forge/errors';
import { describeGenerateConfig, resolveGenerateConfig } from './index.ts';

const context = { isTTY: false, runId: 'run-1' };

describe('resolveGenerateConfig', () => {
  it('fills defaults for an offline run', () => {
    expect(resolveGenerateConfig({}, {}, context)).toEqual({
      promptFile: 'data/inputs/catalog.json',
      outDir: 'data/generated',
      cacheDir: 'data/generated/cache',
      logDir: 'logs/dataset_runs/run-1',
      configDir: 'mcp_servers/configs',
      concurrency: 4,
      workers: 0,
      sleepMs: 0,
      maxAttempts: 3,
      retryFailed: true,
      progress: 'plain',
      planner: 'rule',
      model: 'none',
      modelTimeoutMs: 60_000,
      modelDeadlineMs: 180_000,
      rateLimitBudget: 3,
      breakerAfter: 5,
    });
    expect(resolveGenerateConfig({}, {}, { ...context, isTTY: true }).progress).toBe('bar');
  });

  it('reads the environment and lets flags win', () => {
    const environment = { PROMPT_FILE: 'env.json', OUTPUT: 'out-env', N_SAMPLES: '5', MAX_TOOLS: '3', MAX_TURNS: '', OPENAI_MODEL: 'gpt-x', OPENAI_API_KEY: 'sk-secret-1234', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };
    const config = resolveGenerateConfig({ outDir: 'out-flag', limit: 2, complexity: 'simple', resume: false }, environment, context);
    expect(config).toMatchObject({ promptFile: 'env.json', outDir: 'out-flag', limit: 2, maxTools: 3, complexity: 'simple', resume: false, planner: 'openai', model: 'gpt-x' });
  });

  it('takes worker threads from --workers or FORGE_WORKERS, for the rule planner only', () => {
    expect(resolveGenerateConfig({ workers: '2' }, {}, context).workers).toBe(2);
    expect(resolveGenerateConfig({}, { FORGE_WORKERS: '3' }, context).workers).toBe(3);
    const openai = { OPENAI_MODEL: 'gpt-x', OPENAI_API_KEY: 'sk-secret-1234' };
    expect(resolveGenerateConfig({}, openai, context).workers).toBe(0);
    expect(() => resolveGenerateConfig({ workers: 2 }, openai, context)).toThrow(/--workers: worker threads run the offline rule planner only/);
  });

  it('reports every bad value at once, naming its flag or variable', () => {
    let error: unknown;
    try {
      resolveGenerateConfig({ concurrency: '0', progress: 'fancy' }, { N_SAMPLES: 'many' }, context);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('--concurrency');
    expect(message).toContain('--progress');
    expect(message).toContain('environment variable N_SAMPLES');
  });

  it('takes the fault bounds from flags or the environment', () => {
    const config = resolveGenerateConfig({ modelTimeoutMs: '300' }, { MODEL_DEADLINE_MS: '900', RATE_LIMIT_BUDGET: '0', BREAKER_AFTER: '2' }, context);
    expect(config).toMatchObject({ modelTimeoutMs: 300, modelDeadlineMs: 900, rateLimitBudget: 0, breakerAfter: 2 });
    expect(() => resolveGenerateConfig({}, { MODEL_DEADLINE_MS: 'soon' }, context)).toThrow(/environment variable MODEL_DEADLINE_MS/);
  });

  it('refuses the openai planner without a key', () => {
    expect(() => resolveGenerateConfig({ planner: 'openai', model: 'gpt-x' }, {}, context)).toThrow(/OPENAI_API_KEY/);
  });

  it('lets a local OpenAI-compatible server go without a key', () => {
    const config = resolveGenerateConfig({}, { OPENAI_MODEL: 'llama3', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }, context);
    expect(config).toMatchObject({ planner: 'openai', model: 'llama3', baseURL: 'http://127.0.0.1:11434/v1' });
    expect(config.apiKey).toBeUndefined();
  });

  it('prints the configuration with the key redacted', () => {
    const config = resolveGenerateConfig({}, { OPENAI_MODEL: 'gpt-x', OPENAI_API_KEY: 'sk-secret-1234' }, context);
    const text = describeGenerateConfig(config);
    expect(text).toContain('[REDACTED]');
    expect(text).not.toContain('sk-secret-1234');
  });
});
