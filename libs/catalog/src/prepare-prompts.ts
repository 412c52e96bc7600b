import { join } from 'node:path';
import { sha256, StagedWrites, type FileWrite } from '@forge/files';
import { COMPLEXITIES, type Complexity } from './complexity.ts';
import { toCurriculumPrompt, type Entry } from './entry.ts';
import { readCatalog, type Catalog } from './read-catalog.ts';
import { chunkShards, type ShardChunk } from './chunk-shards.ts';
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
  /** Read a catalog up to this many bytes (default and floor MAX_CATALOG_BYTES, 64 MB). */
  maxCatalogBytes?: number;
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

/** One file prepare-prompts writes: a JSON array of rows (each mapped first), and what the manifest says of it. */
interface PreparedFile {
  path: string;
  rows: readonly Entry[];
  map?: (entry: Entry) => unknown;
  /** Where its hash goes in the manifest. */
  role: { kind: 'prompts' } | { kind: 'shard'; level: Complexity } | { kind: 'chunk'; chunk: ShardChunk };
}

/** Every file prepare-prompts writes except the manifest, in write order, with the entries kept. */
function preparedFiles(catalog: Catalog, dataDir: string, options: PrepareOptions): { entries: Entry[]; files: PreparedFile[] } {
  const entries = selectEntries(catalog.entries, options);
  const shards = shardCatalog(entries);
  const files: PreparedFile[] = [{ path: join(dataDir, 'inputs', 'curriculum_prompts.json'), rows: entries, map: toCurriculumPrompt, role: { kind: 'prompts' } }];
  // A shard holds only its own entries, so editing another shard's prompt leaves its bytes (and Nx hash) alone.
  for (const level of COMPLEXITIES) files.push({ path: join(dataDir, 'shards', `${level}.json`), rows: shards[level], role: { kind: 'shard', level } });
  if (options.chunks !== undefined) {
    // Every chunk is written, empty ones too: a fixed set of files is what the Nx targets name as inputs.
    for (const chunk of chunkShards(shards, options.chunks)) files.push({ path: join(dataDir, 'shards', `${chunk.name}.json`), rows: chunk.entries, role: { kind: 'chunk', chunk } });
  }
  return { entries, files };
}

/** The shards manifest, from the files written and their hashes (in the same order). */
function assembleManifest(catalog: Catalog, options: PrepareOptions, entries: Entry[], files: PreparedFile[], hashes: string[]): ShardsManifest {
  const shardRecords = {} as ShardsManifest['shards'];
  let prompts = { file: '', sha256: '' };
  let chunks: ShardsManifest['chunks'] = options.chunks === undefined ? null : { count: options.chunks, files: {} };
  files.forEach((file, index) => {
    const sha = hashes[index];
    const { role } = file;
    if (role.kind === 'prompts') prompts = { file: file.path, sha256: sha };
    else if (role.kind === 'shard') shardRecords[role.level] = { file: file.path, sha256: sha, entries: file.rows.length };
    else if (chunks) chunks.files[role.chunk.name] = { complexity: role.chunk.complexity, index: role.chunk.index, file: file.path, sha256: sha, entries: file.rows.length };
  });
  return {
    catalog_file: catalog.file,
    catalog_sha256: catalog.sha256,
    entries: entries.length,
    shuffle_seed: options.shuffleSeed ?? null,
    n: options.n ?? null,
    curriculum_prompts: prompts,
    shards: shardRecords,
    chunks,
  };
}

/** Builds the normalised prompt file, one shard per complexity (and its chunks, when asked) and their manifest, without writing. */
export function buildPreparedOutput(catalog: Catalog, dataDir: string, options: PrepareOptions = {}): PreparedOutput {
  const { entries, files } = preparedFiles(catalog, dataDir, options);
  const texts = files.map((file) => json(file.map ? file.rows.map(file.map) : file.rows));
  const manifest = assembleManifest(catalog, options, entries, files, texts.map((text) => sha256(text)));
  return {
    manifest,
    files: [...files.map((file, index) => ({ path: file.path, content: texts[index] })), { path: join(dataDir, 'shards', 'manifest.json'), content: json(manifest) }],
  };
}

/**
 * The prepare-prompts stage: validate the catalog fully, then write every output or none. The same bytes as
 * buildPreparedOutput's, each file written a row at a time (issue 14: a million prompts).
 */
export async function preparePrompts(promptFile: string, dataDir: string, options: PrepareOptions = {}): Promise<ShardsManifest> {
  const catalog = await readCatalog(promptFile, { maxPromptChars: options.maxPromptChars, maxBytes: options.maxCatalogBytes });
  const { entries, files } = preparedFiles(catalog, dataDir, options);
  const writes = new StagedWrites();
  try {
    const hashes: string[] = [];
    for (const file of files) hashes.push(await writes.addJsonArray(file.path, file.rows, file.map));
    const manifest = assembleManifest(catalog, options, entries, files, hashes);
    await writes.addText(join(dataDir, 'shards', 'manifest.json'), json(manifest));
    await writes.commit();
    return manifest;
  } catch (error) {
    await writes.abort();
    throw error;
  }
}
