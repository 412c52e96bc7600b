import { Command } from 'commander';
import { preparePrompts, COMPLEXITIES } from '@forge/catalog';
import type { Environment } from '../environment.ts';
import { countFromEnvironment, parseCount } from '../options.ts';

export const DEFAULT_PROMPT_FILE = 'data/inputs/catalog.json';

function seedFrom(value: string | boolean | undefined): number | undefined {
  if (value === undefined || value === false || value === '' || value === 'false' || value === '0') return undefined;
  if (value === true || value === 'true') return 42;
  const seed = Number(value);
  if (!Number.isInteger(seed)) throw new Error(`--shuffle-prompts: expected an integer seed, got "${value}"`);
  return seed;
}

/** `forge prepare`: validate the catalog, normalise it and write one shard per complexity. */
export function prepareCommand(environment: Environment): Command {
  return new Command('prepare')
    .description('validate the catalog and write curriculum_prompts.json, one shard per complexity and a manifest')
    .option('--prompt-file <file>', 'catalog to read (env PROMPT_FILE)', environment.PROMPT_FILE ?? DEFAULT_PROMPT_FILE)
    .option('--data-dir <dir>', 'root of inputs/ and shards/ outputs', 'data')
    .option('--shuffle-prompts [seed]', 'shuffle reproducibly with a seed (env SHUFFLE_PROMPTS; default seed 42)', environment.SHUFFLE_PROMPTS)
    .option('--n <count>', 'keep only the first n entries (env N_SAMPLES)', parseCount)
    .action(async (options: { promptFile: string; dataDir: string; shufflePrompts?: string | boolean; n?: number }) => {
      const n = options.n ?? countFromEnvironment('N_SAMPLES', environment.N_SAMPLES);
      const manifest = await preparePrompts(options.promptFile, options.dataDir, { n, shuffleSeed: seedFrom(options.shufflePrompts) });
      const counts = COMPLEXITIES.map((level) => `${level} ${manifest.shards[level].entries}`).join(', ');
      process.stdout.write(`prepared ${manifest.entries} entries from ${manifest.catalog_file} (sha256 ${manifest.catalog_sha256.slice(0, 12)}…): ${counts}\n`);
    });
}
