import { join } from 'node:path';
import { sha256, writeFilesAtomic, type FileWrite } from '@forge/files';
import { COMPLEXITIES, type Complexity } from './complexity.ts';
import { toCurriculumPrompt, type Entry } from './entry.ts';
import { readCatalog, type Catalog } from './read-catalog.ts';
import { shardCatalog } from './shard-catalog.ts';
import { shuffleEntries } from './shuffle-entries.ts';

export interface PrepareOptions {
  /** Take only the first n entries (after any shuffle). */
  n?: number;
  /** Shuffle reproducibly with this seed before taking n. */
  shuffleSeed?: number;
}

export interface ShardsManifest {
  catalog_file: string;
  catalog_sha256: string;
  entries: number;
  shuffle_seed: number | null;
  n: number | null;
  curriculum_prompts: { file: string; sha256: string };
  shards: Record<Complexity, { file: string; sha256: string; entries: number }>;
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

/** Builds the normalised prompt file, one shard per complexity and their manifest, without writing. */
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
  const manifest: ShardsManifest = {
    catalog_file: catalog.file,
    catalog_sha256: catalog.sha256,
    entries: entries.length,
    shuffle_seed: options.shuffleSeed ?? null,
    n: options.n ?? null,
    curriculum_prompts: { file: promptsPath, sha256: sha256(promptsText) },
    shards: shardRecords,
  };
  files.push({ path: join(dataDir, 'shards', 'manifest.json'), content: json(manifest) });
  return { manifest, files };
}

/** The prepare-prompts stage: validate the catalog fully, then write every output or none. */
export async function preparePrompts(promptFile: string, dataDir: string, options: PrepareOptions = {}): Promise<ShardsManifest> {
  const catalog = await readCatalog(promptFile);
  const output = buildPreparedOutput(catalog, dataDir, options);
  await writeFilesAtomic(output.files);
  return output.manifest;
}
