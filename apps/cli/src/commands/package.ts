import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { ConfigError } from '@forge/errors';
import { packageRun, readVersions } from '@forge/packager';
import { DEFAULT_MAX_PROMPT_TOKENS, DEFAULT_PROMPT_TOKEN_ENCODING, PROMPT_TOKEN_ENCODINGS, type ToolListing } from '@forge/sample';
import type { Environment } from '../environment.ts';
import { promptBudget } from '../prompt-budget.ts';
import { parsePositive } from '../options.ts';
import { currentRunId } from '../run-id.ts';

const InventorySchema = z.array(z.object({ server: z.string(), tool: z.string(), description: z.string() }).loose());

function parsePrice(value: string): number {
  const price = Number(value);
  if (!Number.isFinite(price) || price < 0) throw new InvalidArgumentError(`expected a price ≥ 0 in USD per million tokens, got "${value}"`);
  return price;
}

/** The inventory a generate run recorded beside its ledgers (or a chunk's, under chunks/<name>/), if any. */
function generatedInventory(generatedDir: string): string | undefined {
  const chunksDir = join(generatedDir, 'chunks');
  const chunkDirs = existsSync(chunksDir) ? readdirSync(chunksDir).sort().map((name) => join(chunksDir, name)) : [];
  return [generatedDir, ...chunkDirs]
    .flatMap((dir) => ['simple', 'moderate', 'complex'].map((level) => join(dir, `${level}.inventory.json`)))
    .find((file) => existsSync(file));
}

async function readInventory(file: string | undefined): Promise<ToolListing[] | undefined> {
  if (file === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError({ file, problem: 'cannot read the tool inventory', cause: error });
  }
  const parsed = InventorySchema.safeParse(value);
  if (!parsed.success) throw new ConfigError({ file, expected: 'a JSON array of {server, tool, description}', received: value });
  return parsed.data.map(({ server, tool, description }) => ({ server, tool, description }));
}

/** `forge package`: merge the shards in catalog order into train_llm.json / train.jsonl / train.parquet, manifest and report. */
export function packageCommand(environment: Environment): Command {
  return new Command('package')
    .description('merge validated samples in catalog order into train_llm.json, train.jsonl, train.parquet, with manifest.json, report.html, raw traces and a logs archive')
    .option('--generated-dir <dir>', 'where generate appended records', 'data/generated')
    .option('--out <dir>', 'package directory', 'data/processed')
    .option('--prompts-file <file>', 'prepared catalog fixing the order', 'data/inputs/curriculum_prompts.json')
    .option('--logs-dir <dir>', 'per-run MCP logs; the run is archived under <out>/logs/', 'logs/dataset_runs')
    .option('--run-id <id>', 'which run\'s logs to archive (env RUN_ID; default the run serve last started, else the latest)', environment.RUN_ID)
    .option('--inventory <file>', 'tool inventory JSON [{server, tool, description}] for the system prompt (default: docs/tools.md tool world)')
    .option('--data-source <name>', 'data_source of every row', environment.DATA_SOURCE ?? 'synthetic/llm')
    .option('--env-class <name>', 'env_class of every row', environment.ENV_CLASS ?? 'MCPToolEnv')
    .option('--max-prompt-tokens <n>', `SkyRL max_prompt_length: prompt tokens, chat template included (env MAX_PROMPT_TOKENS, default ${DEFAULT_MAX_PROMPT_TOKENS})`, parsePositive)
    .option('--prompt-token-encoding <name>', `tokenizer the prompt is counted in: ${PROMPT_TOKEN_ENCODINGS.join(' | ')} (env PROMPT_TOKEN_ENCODING, default ${DEFAULT_PROMPT_TOKEN_ENCODING})`)
    .option('--price-input <usd>', 'USD per million prompt tokens, for the cost estimate (env PRICE_INPUT_PER_M)', parsePrice)
    .option('--price-output <usd>', 'USD per million completion tokens (env PRICE_OUTPUT_PER_M)', parsePrice)
    .action(async (options: {
      generatedDir: string; out: string; promptsFile: string; logsDir: string; runId?: string; inventory?: string;
      dataSource: string; envClass: string; maxPromptTokens?: number; promptTokenEncoding?: string; priceInput?: number; priceOutput?: number;
    }) => {
      const input = options.priceInput ?? (environment.PRICE_INPUT_PER_M ? parsePrice(environment.PRICE_INPUT_PER_M) : undefined);
      const output = options.priceOutput ?? (environment.PRICE_OUTPUT_PER_M ? parsePrice(environment.PRICE_OUTPUT_PER_M) : undefined);
      const { manifest, validation } = await packageRun({
        generatedDir: options.generatedDir,
        outDir: options.out,
        promptsFile: options.promptsFile,
        logsDir: options.logsDir,
        runId: options.runId ?? currentRunId(options.logsDir),
        inventory: await readInventory(options.inventory ?? generatedInventory(options.generatedDir)),
        dataSource: options.dataSource,
        envClass: options.envClass,
        ...promptBudget(environment, options),
        pricePerMillion: input !== undefined || output !== undefined ? { input: input ?? 0, output: output ?? 0 } : null,
        versions: await readVersions(process.cwd()),
      });
      const byLevel = Object.entries(manifest.counts.by_complexity).map(([level, counts]) => `${level} ${counts.accepted}/${counts.records}`).join(', ');
      process.stdout.write(
        `packaged ${validation.accepted} samples (${byLevel} accepted/records); ${validation.rejected} rejected, ${validation.failed} failed\n`
        + `wrote ${options.out}/{train_llm.json,train.jsonl,train.parquet,manifest.json,validation.json,report.html}\n`,
      );
      if (validation.input_problems.length) process.stdout.write(`${validation.input_problems.length} unusable input lines (see manifest.inputs.problems)\n`);
    });
}
