import type { TargetConfiguration } from '@nx/devkit';
import { chunkName } from '@forge/catalog';
import type { PlaybookOptions } from './playbook-options.ts';

const CLI = 'node --import tsx apps/cli/src/main.ts';
/**
 * Node flags of the package process. It streams (one record and one 4 MB parquet row group at a time), but V8 lets
 * garbage pile up toward its default limit of several GB before collecting it all: bounded, it collects sooner
 * (issue 14: 709 MB peak RSS at 100,000 prompts unbounded with 16 MB groups; see docs/benchmarks.md). The bound
 * leaves room for the run index, about 270 bytes a sample (270 MB at 1,000,000 samples).
 */
export const PACKAGE_NODE_FLAGS = ['--max-old-space-size=384'];

/** What every generate/validate/package result depends on besides its own data: the code, schemas and frozen world. */
const SOURCES = [
  '{workspaceRoot}/apps/cli/src/**/*',
  '{workspaceRoot}/libs/*/src/**/*',
  '{workspaceRoot}/libs/*/schema/**/*',
  '{workspaceRoot}/mcp_servers/*/src/**/*',
  '{workspaceRoot}/mcp_servers/configs/**/*',
  '{workspaceRoot}/data/snapshot/**/*',
  '!{workspaceRoot}/**/*.test.ts',
  '!{workspaceRoot}/**/__fixtures__/**',
];
const PACKAGES = { externalDependencies: ['@modelcontextprotocol/sdk', 'openai', 'zod', 'ajv', 'commander', 'dotenv', 'execa', 'gpt-tokenizer', 'p-queue', 'pyodide', 'hyparquet-writer', 'tsx', 'bullmq'] };
// FORGE_QUEUE (and FORGE_QUEUE_NAME, FORGE_RATE_WINDOW_MS) reach `forge generate` through the inherited environment and
// make each generate target a queue coordinator (issue 16); not hash inputs: a queued run writes the same samples.
const GENERATE_ENV = ['PLANNER', 'OPENAI_MODEL', 'OPENAI_BACKEND', 'OPENAI_BASE_URL', 'MAX_TOOLS', 'MAX_TURNS', 'MCP_BACKEND', 'SNAPSHOT_ID'];
const BUDGET_ENV = ['MAX_PROMPT_TOKENS', 'PROMPT_TOKEN_ENCODING'];
const env = (names: string[]) => names.map((name) => ({ env: name }));

/** Target name of one chunk's generate task: `generate-moderate-3`. */
export function generateTargetName(label: string, index: number): string {
  return `generate-${label}-${index}`;
}

/**
 * The dataset playbook as Nx targets: prepare-prompts → one generate target per shard chunk → validate → package, plus
 * start-mcp/health-check for whoever wants the servers up for other clients. Generate links its own tool world
 * in-process (health-checked), so a fully cached package starts no server at all (issue 14 item 2).
 */
export function playbookTargets(options: PlaybookOptions): Record<string, TargetConfiguration> {
  const data = options.dataDir;
  // PROMPT_FILE still wins over the configured catalog, in the hash and in the command alike.
  const promptFile = `PROMPT_FILE="\${PROMPT_FILE:-${options.catalog}}"`;
  // Without start-mcp nothing records a run id, so every chunk logs into one folder that package then archives.
  const runId = '"${RUN_ID:-playbook}"';
  const chunks = options.labels.flatMap((label) => Array.from({ length: options.chunks }, (_, index) => ({ label, index, name: chunkName(label, index) })));
  const targets: Record<string, TargetConfiguration> = {
    'prepare-prompts': {
      executor: 'nx:run-commands',
      cache: true,
      options: { command: `${promptFile} ${CLI} prepare --chunks ${options.chunks}`, 'data-dir': data },
      inputs: [
        { runtime: `${promptFile} node tools/scripts/hash-prompt-file.mjs` },
        ...env(['N_SAMPLES', 'SHUFFLE_PROMPTS']),
        '{workspaceRoot}/apps/cli/src/**/*',
        '{workspaceRoot}/libs/catalog/src/**/*',
        '{workspaceRoot}/libs/files/src/**/*',
        '{workspaceRoot}/libs/errors/src/**/*',
        '!{workspaceRoot}/**/*.test.ts',
        { externalDependencies: ['commander', 'zod', 'dotenv', 'tsx'] },
      ],
      outputs: ['{options.data-dir}/inputs/curriculum_prompts.json', '{options.data-dir}/shards'],
      metadata: { description: `validate the catalog, write one shard per complexity and ${options.chunks} chunk files each (stable hash of the prompt id)` },
    },
    'start-mcp': {
      executor: 'nx:run-commands',
      continuous: true,
      cache: false,
      options: { command: `${CLI} serve` },
      metadata: { description: 'the five MCP servers over HTTP on 127.0.0.1, for other clients; generate does not need them' },
    },
    'health-check': {
      executor: 'nx:run-commands',
      dependsOn: ['start-mcp'],
      cache: false,
      options: { command: `${CLI} health --deadline-ms 90000` },
    },
  };
  for (const chunk of chunks) {
    targets[generateTargetName(chunk.label, chunk.index)] = {
      executor: 'nx:run-commands',
      dependsOn: ['prepare-prompts'],
      cache: true,
      options: {
        command: `${CLI} generate --in-process --prompt-file ${data}/shards/${chunk.name}.json --complexity ${chunk.label} --out ${data}/generated/chunks/${chunk.name} --cache-dir ${data}/generated/cache --log-dir logs/dataset_runs/${runId} --progress plain`,
      },
      // Only this chunk's file: an edit elsewhere in the catalog leaves this task's hash alone.
      inputs: [{ dependentTasksOutputFiles: `**/shards/${chunk.name}.json` }, ...env(GENERATE_ENV), ...SOURCES, PACKAGES],
      outputs: [`{workspaceRoot}/${data}/generated/chunks/${chunk.name}`],
      metadata: { description: `generate samples for chunk ${chunk.index} of ${options.chunks} of the ${chunk.label} shard` },
    };
  }
  targets.validate = {
    executor: 'nx:run-commands',
    dependsOn: chunks.map((chunk) => generateTargetName(chunk.label, chunk.index)),
    cache: true,
    options: { command: `${CLI} validate --generated-dir ${data}/generated --prompts-file ${data}/inputs/curriculum_prompts.json --out ${data}/validation` },
    inputs: [{ dependentTasksOutputFiles: '**/*', transitive: true }, ...env(BUDGET_ENV), ...SOURCES, PACKAGES],
    outputs: [`{workspaceRoot}/${data}/validation`],
  };
  targets.package = {
    executor: 'nx:run-commands',
    dependsOn: ['validate'],
    cache: true,
    options: { command: `node ${PACKAGE_NODE_FLAGS.join(' ')} --import tsx apps/cli/src/main.ts package --generated-dir ${data}/generated --prompts-file ${data}/inputs/curriculum_prompts.json --out ${data}/processed --run-id ${runId}` },
    inputs: [{ dependentTasksOutputFiles: '**/*', transitive: true }, ...env([...BUDGET_ENV, 'DATA_SOURCE', 'ENV_CLASS', 'PRICE_INPUT_PER_M', 'PRICE_OUTPUT_PER_M']), ...SOURCES, PACKAGES],
    outputs: [`{workspaceRoot}/${data}/processed`],
    metadata: { description: 'merge every chunk in catalog order into train_llm.json, train.jsonl, train.parquet, manifest and report' },
  };
  return targets;
}
