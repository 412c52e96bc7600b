import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { COMPLEXITIES, ComplexitySchema } from '@forge/catalog';
import { ForgeError } from '@forge/errors';
import type { ChunkRef } from './index-run.ts';

// Only what the packager needs of data/shards/manifest.json (libs/catalog writes it).
const ShardsManifestSchema = z.object({
  chunks: z.object({ count: z.number().int().positive(), files: z.record(z.string(), z.object({ complexity: ComplexitySchema, index: z.number().int().nonnegative() }).loose()) }).nullable().optional(),
}).loose();
const PromptsSchema = z.array(z.object({ prompt_id: z.string(), complexity: ComplexitySchema }).loose());

/** How prepare-prompts chunked the shards, and each prompt's position within its complexity's whole shard. */
export interface ChunkLayout {
  /** Every chunk in catalog order of complexity (simple, moderate, complex), then by chunk index. */
  chunks: ChunkRef[];
  /** prompt id → index within its complexity: the prompt_index an unchunked run gives the prompt. */
  shardPositions: ReadonlyMap<string, number>;
}

/**
 * The chunk layout beside a prepared prompts file (`<data>/inputs/curriculum_prompts.json` →
 * `<data>/shards/manifest.json`, as prepare-prompts writes them); null when the shards were not chunked or there is no
 * manifest. Only the chunks the manifest names are read, so a chunk folder left by an earlier chunk count is ignored.
 */
export async function readChunkLayout(promptsFile: string): Promise<ChunkLayout | null> {
  const manifestFile = join(dirname(promptsFile), '..', 'shards', 'manifest.json');
  const manifest = ShardsManifestSchema.safeParse(await readJsonIfPresent(manifestFile));
  if (!manifest.success) throw new ForgeError({ file: manifestFile, expected: 'the shards manifest prepare-prompts writes', received: manifest.error.issues[0]?.message, hint: 'rerun prepare-prompts' });
  const chunks = manifest.data.chunks;
  if (!chunks) return null;
  const prompts = PromptsSchema.safeParse(await readJsonIfPresent(promptsFile));
  if (!prompts.success) throw new ForgeError({ file: promptsFile, expected: 'an array of {prompt_id, complexity, ...}', received: prompts.error.issues[0]?.message, hint: 'rerun prepare-prompts' });
  const counters = new Map<string, number>();
  const shardPositions = new Map<string, number>();
  for (const prompt of prompts.data) {
    const position = counters.get(prompt.complexity) ?? 0;
    counters.set(prompt.complexity, position + 1);
    shardPositions.set(prompt.prompt_id, position);
  }
  const refs = Object.entries(chunks.files)
    .map(([name, record]) => ({ name, complexity: record.complexity, index: record.index }))
    .sort((a, b) => COMPLEXITIES.indexOf(a.complexity) - COMPLEXITIES.indexOf(b.complexity) || a.index - b.index)
    .map(({ name, complexity }) => ({ name, complexity }));
  return { chunks: refs, shardPositions };
}

async function readJsonIfPresent(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ForgeError({ file, problem: 'not valid JSON', cause: error, hint: 'rerun prepare-prompts' });
  }
}
