import { resolve } from 'node:path';
import { Command } from 'commander';
import { ConfigError } from '@forge/errors';
import { preparePrompts, COMPLEXITIES, DEFAULT_MAX_PROMPT_CHARS, MAX_CHUNKS } from '@forge/catalog';
import type { Environment } from '../environment.ts';
import { parsePositive } from '../options.ts';

export const DEFAULT_PROMPT_FILE = 'data/inputs/catalog.json';
const DEFAULT_SEED = 42;

interface PrepareFlags {
  promptFile: string;
  dataDir: string;
  shufflePrompts?: string | boolean;
  n?: number;
  chunks?: number;
  maxPromptChars?: number;
}

function seedFrom(value: string | boolean | undefined, source: string): number | undefined {
  if (value === undefined || value === false || value === '' || value === 'false' || value === '0') return undefined;
  if (value === true || value === 'true') return DEFAULT_SEED;
  const seed = Number(value);
  if (!Number.isInteger(seed)) throw new ConfigError({ field: source, expected: 'an integer seed, true or false', received: value });
  return seed;
}

function countFrom(value: string | undefined, source: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const count = Number(value.trim());
  if (!Number.isInteger(count) || count < 1) throw new ConfigError({ field: source, expected: 'a whole number ≥ 1', received: value });
  return count;
}

/**
 * Under Nx the cache key holds the *content* of PROMPT_FILE (tools/scripts/hash-prompt-file.mjs) but only the
 * *text* of forwarded flags, so a --prompt-file naming another catalog could be answered from a stale cache entry.
 */
function checkNxPromptFile(command: Command, flags: PrepareFlags, environment: Environment, hashedFile: string): void {
  if (environment.NX_TASK_TARGET_TARGET === undefined || command.getOptionValueSource('promptFile') !== 'cli') return;
  if (resolve(flags.promptFile) === resolve(hashedFile)) return;
  throw new ConfigError({
    field: '--prompt-file',
    expected: `the catalog named by PROMPT_FILE (${hashedFile}) when run through Nx`,
    received: flags.promptFile,
    hint: 'set PROMPT_FILE instead, so the Nx cache is keyed on the content of the catalog',
  });
}

/** `forge prepare`: validate the catalog, normalise it and write one shard per complexity. */
export function prepareCommand(environment: Environment): Command {
  const promptFile = environment.PROMPT_FILE || DEFAULT_PROMPT_FILE;
  return new Command('prepare')
    .description('validate the catalog and write curriculum_prompts.json, one shard per complexity and a manifest')
    .option('--prompt-file <file>', 'catalog to read (env PROMPT_FILE)', promptFile)
    .option('--data-dir <dir>', 'root of the inputs/ and shards/ outputs', 'data')
    .option('--shuffle-prompts [seed]', `shuffle reproducibly with a seed (env SHUFFLE_PROMPTS; default seed ${DEFAULT_SEED})`)
    .option('--n <count>', 'keep only the first n entries, after any shuffle (env N_SAMPLES)', parsePositive)
    .option('--max-prompt-chars <count>', `refuse a prompt longer than this many characters (env MAX_PROMPT_CHARS; default ${DEFAULT_MAX_PROMPT_CHARS})`, parsePositive)
    .option('--chunks <count>', `also split each shard into this many chunk files by a stable hash of the prompt id (1–${MAX_CHUNKS})`, parsePositive)
    .action(async (flags: PrepareFlags, command: Command) => {
      checkNxPromptFile(command, flags, environment, promptFile);
      if (flags.chunks !== undefined && flags.chunks > MAX_CHUNKS) {
        throw new ConfigError({ field: '--chunks', expected: `a whole number from 1 to ${MAX_CHUNKS}`, received: flags.chunks, hint: 'set "chunks" in playbook.json (docs/playbook.md)' });
      }
      const n = flags.n ?? countFrom(environment.N_SAMPLES, 'N_SAMPLES');
      const shuffleSeed =
        flags.shufflePrompts !== undefined
          ? seedFrom(flags.shufflePrompts, '--shuffle-prompts')
          : seedFrom(environment.SHUFFLE_PROMPTS, 'SHUFFLE_PROMPTS');
      const maxPromptChars = flags.maxPromptChars ?? countFrom(environment.MAX_PROMPT_CHARS, 'MAX_PROMPT_CHARS') ?? DEFAULT_MAX_PROMPT_CHARS;
      const manifest = await preparePrompts(flags.promptFile, flags.dataDir, { n, shuffleSeed, chunks: flags.chunks, maxPromptChars });
      const counts = COMPLEXITIES.map((level) => `${level} ${manifest.shards[level].entries}`).join(', ');
      const chunked = manifest.chunks ? `; ${manifest.chunks.count} chunks per complexity` : '';
      process.stdout.write(
        `prepared ${manifest.entries} entries from ${manifest.catalog_file} (sha256 ${manifest.catalog_sha256.slice(0, 12)}…): ${counts}${chunked}\n`,
      );
    });
}
