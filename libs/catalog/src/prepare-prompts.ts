import { join } from 'node:path';
import { sha256, writeFilesAtomic, type FileWrite } from '@forge/files';
import { COMPLEXITIES, type Complexity } from './complexity.ts';
import { toCurriculumPrompt, type Entry } from './entry.ts';
import { readCatalog, type Catalog } from './read-catalog.ts';
import { chunkShards } from './chunk-shards.ts';
import { shardCatalog } from './shard-catalog.ts';
import { shuffleEntries } from './shuffle-entries.ts';

export interface PrepareOptions {
  /** Take only the first n entries (after any shuffle). */
  n?: number;
  /** Shuffle reproducibly with this seed before taking n. */
  shuffleSeed?: number;
  /** Also split each shard into this many chunks by a stable hash of the prompt id (`<complexity>-<k>.json`). */
  chunks?: number;
  /** Refuse a prompt longer than this many characters (`--max-prompt-chars`). */
  maxPromptChars?: number;
}

/** One chunk file: which shard it comes from, its place among that shard's chunks, its hash. */
export interface ChunkRecord {
  complexity: Complexity;
  index: number;
  file: string;
  sha256: string;
  entries: number;
}

export interface ShardsManifest {
  catalog_file: string;
  catalog_sha256: string;
  entries: number;
  shuffle_seed: number | null;
  n: number | null;
  curriculum_prompts: { file: string; sha256: string };
  shards: Record<Complexity, { file: string; sha256: string; entries: number }>;
  /** Present when the shards were chunked: the chunk count and every chunk file, keyed by name (`moderate-3`). */
  chunks: { count: number; files: Record<string, ChunkRecord> } | null;
}

export interface PreparedOutput {
  manifest: ShardsManifest;
  files: FileWrite[];
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Chooses the entries to keep: seeded shuffle first, then the first n. */
export function selectEntries(entries: Entry[], options: PrepareOptions): Entry[] {
  const ordered = options.shuffleSeed === undefined ? entries : shuffleEntries(entries, options.shuffleSeed);
  return options.n === undefined ? ordered : ordered.slice(0, options.n);
}

/** Builds the normalised prompt file, one shard per complexity (and its chunks, when asked) and their manifest, without writing. */
export function buildPreparedOutput(catalog: Catalog, dataDir: string, options: PrepareOptions = {}): PreparedOutput {
  const entries = selectEntries(catalog.entries, options);
  const promptsPath = join(dataDir, 'inputs', 'curriculum_prompts.json');
  const promptsText = json(entries.map(toCurriculumPrompt));
  const shards = shardCatalog(entries);
  const files: FileWrite[] = [{ path: promptsPath, content: promptsText }];
  const shardRecords = {} as ShardsManifest['shards'];
  for (const level of COMPLEXITIES) {
    // A shard holds only its own entries, so editing another shard's prompt leaves its bytes (and Nx hash) alone.
    const text = json(shards[level]);
    const path = join(dataDir, 'shards', `${level}.json`);
    files.push({ path, content: text });
    shardRecords[level] = { file: path, sha256: sha256(text), entries: shards[level].length };
  }
  let chunks: ShardsManifest['chunks'] = null;
  if (options.chunks !== undefined) {
    chunks = { count: options.chunks, files: {} };
    for (const chunk of chunkShards(shards, options.chunks)) {
      // Every chunk is written, empty ones too: a fixed set of files is what the Nx targets name as inputs.
      const text = json(chunk.entries);
      const path = join(dataDir, 'shards', `${chunk.name}.json`);
      files.push({ path, content: text });
      chunks.files[chunk.name] = { complexity: chunk.complexity, index: chunk.index, file: path, sha256: sha256(text), entries: chunk.entries.length };
    }
  }
  const manifest: ShardsManifest = {
    catalog_file: catalog.file,
    catalog_sha256: catalog.sha256,
    entries: entries.length,
    shuffle_seed: options.shuffleSeed ?? null,
    n: options.n ?? null,
    curriculum_prompts: { file: promptsPath, sha256: sha256(promptsText) },
    shards: shardRecords,
    chunks,
  };
  files.push({ path: join(dataDir, 'shards', 'manifest.json'), content: json(manifest) });
  return { manifest, files };
}

/** The prepare-prompts stage: validate the catalog fully, then write every output or none. */
export async function preparePrompts(promptFile: string, dataDir: string, options: PrepareOptions = {}): Promise<ShardsManifest> {
  const catalog = await readCatalog(promptFile, { maxPromptChars: options.maxPromptChars });
  const output = buildPreparedOutput(catalog, dataDir, options);
  await writeFilesAtomic(output.files);
  return output.manifest;
}
