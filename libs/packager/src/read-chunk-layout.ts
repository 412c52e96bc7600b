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

/**
 * The chunks prepare-prompts listed beside a prepared prompts file (`<data>/inputs/curriculum_prompts.json` →
 * `<data>/shards/manifest.json`), every chunk in catalog order of complexity (simple, moderate, complex), then by
 * chunk index; null when the shards were not chunked or there is no manifest. Only the chunks the manifest names
 * are read, so a chunk folder left by an earlier chunk count is ignored. Each prompt's place in its whole shard
 * comes from the prompts file, streamed once with the catalog order (placeRecords).
 */
export async function readChunkLayout(promptsFile: string): Promise<ChunkRef[] | null> {
  const manifestFile = join(dirname(promptsFile), '..', 'shards', 'manifest.json');
  const manifest = ShardsManifestSchema.safeParse(await readJsonIfPresent(manifestFile));
  if (!manifest.success) throw new ForgeError({ file: manifestFile, expected: 'the shards manifest prepare-prompts writes', received: manifest.error.issues[0]?.message, hint: 'rerun prepare-prompts' });
  const chunks = manifest.data.chunks;
  if (!chunks) return null;
  return Object.entries(chunks.files)
    .map(([name, record]) => ({ name, complexity: record.complexity, index: record.index }))
    .sort((a, b) => COMPLEXITIES.indexOf(a.complexity) - COMPLEXITIES.indexOf(b.complexity) || a.index - b.index)
    .map(({ name, complexity }) => ({ name, complexity }));
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
