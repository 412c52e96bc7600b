import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogError, preparePrompts } from './index.ts';

const CATALOG = [
  { id: 'D01', complexity: 'Difficult', user_prompt: 'Compare NVDA and AMD margins.', likely_tools: ['fmp.x'], why_multi_turn: 'two tickers' },
  { id: 'E01', complexity: 'easy ', user_prompt: 'Price of AAPL?', likely_tools: ['fmp.fmp_get_quote'] },
  { id: 'M01', complexity: 'MEDIUM', user_prompt: 'TSLA news sentiment?', notes: { owner: 'ana' } },
  { id: 'E02', complexity: 'Easy', user_prompt: 'Price of MSFT?' },
  { id: 'E03', complexity: 'simple', user_prompt: 'Price of GOOG?' },
];

let dir: string;
let catalogFile: string;
let catalogText: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prepare-prompts-'));
  catalogFile = join(dir, 'catalog.json');
  catalogText = JSON.stringify(CATALOG, null, 2);
  await writeFile(catalogFile, catalogText);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

describe('preparePrompts', () => {
  it('writes curriculum_prompts.json with only the four core keys, in file order', async () => {
    const dataDir = join(dir, 'data');
    await preparePrompts(catalogFile, dataDir);
    const prompts = await readJson(join(dataDir, 'inputs', 'curriculum_prompts.json'));
    expect(prompts).toEqual([
      { prompt_id: 'D01', user_prompt: 'Compare NVDA and AMD margins.', complexity: 'complex', original_complexity: 'difficult' },
      { prompt_id: 'E01', user_prompt: 'Price of AAPL?', complexity: 'simple', original_complexity: 'easy' },
      { prompt_id: 'M01', user_prompt: 'TSLA news sentiment?', complexity: 'moderate', original_complexity: 'medium' },
      { prompt_id: 'E02', user_prompt: 'Price of MSFT?', complexity: 'simple', original_complexity: 'easy' },
      { prompt_id: 'E03', user_prompt: 'Price of GOOG?', complexity: 'simple', original_complexity: 'simple' },
    ]);
  });

  it('writes one shard per complexity, in file order, keeping extra keys as metadata', async () => {
    const dataDir = join(dir, 'data');
    await preparePrompts(catalogFile, dataDir);
    const simple = await readJson(join(dataDir, 'shards', 'simple.json'));
    const moderate = await readJson(join(dataDir, 'shards', 'moderate.json'));
    const complex = await readJson(join(dataDir, 'shards', 'complex.json'));
    expect(simple.map((entry: { prompt_id: string }) => entry.prompt_id)).toEqual(['E01', 'E02', 'E03']);
    expect(simple[0].metadata).toEqual({ likely_tools: ['fmp.fmp_get_quote'] });
    expect(moderate).toEqual([
      {
        prompt_id: 'M01',
        user_prompt: 'TSLA news sentiment?',
        complexity: 'moderate',
        original_complexity: 'medium',
        metadata: { notes: { owner: 'ana' } },
      },
    ]);
    expect(complex[0].metadata).toEqual({ likely_tools: ['fmp.x'], why_multi_turn: 'two tickers' });
  });

  it('records sha256s in the manifest that match the bytes written and the catalog read', async () => {
    const dataDir = join(dir, 'data');
    const manifest = await preparePrompts(catalogFile, dataDir);
    expect(await readJson(join(dataDir, 'shards', 'manifest.json'))).toEqual(manifest);
    expect(manifest.catalog_file).toBe(catalogFile);
    expect(manifest.catalog_sha256).toBe(sha256(catalogText));
    expect(manifest.entries).toBe(5);
    expect(manifest.curriculum_prompts.sha256).toBe(sha256(await readFile(manifest.curriculum_prompts.file)));
    for (const level of ['simple', 'moderate', 'complex'] as const) {
      const record = manifest.shards[level];
      expect(record.file).toBe(join(dataDir, 'shards', `${level}.json`));
      expect(record.sha256).toBe(sha256(await readFile(record.file)));
    }
    expect([manifest.shards.simple.entries, manifest.shards.moderate.entries, manifest.shards.complex.entries]).toEqual([3, 1, 1]);
    expect(await listFiles(dataDir)).toEqual([
      'inputs/curriculum_prompts.json',
      'shards/complex.json',
      'shards/manifest.json',
      'shards/moderate.json',
      'shards/simple.json',
    ]);
  });

  it('writes an empty shard for a level the catalog does not use', async () => {
    await writeFile(catalogFile, JSON.stringify([CATALOG[1]]));
    const dataDir = join(dir, 'data');
    const manifest = await preparePrompts(catalogFile, dataDir);
    expect(await readJson(join(dataDir, 'shards', 'complex.json'))).toEqual([]);
    expect(manifest.shards.complex.entries).toBe(0);
  });

  it('takes the first n entries', async () => {
    const dataDir = join(dir, 'data');
    const manifest = await preparePrompts(catalogFile, dataDir, { n: 2 });
    const prompts = await readJson(join(dataDir, 'inputs', 'curriculum_prompts.json'));
    expect(prompts.map((prompt: { prompt_id: string }) => prompt.prompt_id)).toEqual(['D01', 'E01']);
    expect(manifest).toMatchObject({ entries: 2, n: 2, shuffle_seed: null });
  });

  it('shuffles reproducibly with a seed, then takes n', async () => {
    const ids = async (dataDir: string) =>
      (await readJson(join(dataDir, 'inputs', 'curriculum_prompts.json'))).map((prompt: { prompt_id: string }) => prompt.prompt_id);
    await preparePrompts(catalogFile, join(dir, 'a'), { shuffleSeed: 3 });
    await preparePrompts(catalogFile, join(dir, 'b'), { shuffleSeed: 3 });
    const manifest = await preparePrompts(catalogFile, join(dir, 'c'), { shuffleSeed: 3, n: 2 });
    const shuffled = await ids(join(dir, 'a'));
    expect(await readFile(join(dir, 'b', 'inputs', 'curriculum_prompts.json'), 'utf8')).toBe(
      await readFile(join(dir, 'a', 'inputs', 'curriculum_prompts.json'), 'utf8'),
    );
    expect([...shuffled].sort()).toEqual(['D01', 'E01', 'E02', 'E03', 'M01']);
    expect(shuffled).not.toEqual(CATALOG.map((entry) => entry.id));
    expect(await ids(join(dir, 'c'))).toEqual(shuffled.slice(0, 2));
    expect(manifest).toMatchObject({ shuffle_seed: 3, n: 2, entries: 2 });
  });

  it('writes nothing for a bad catalog and leaves earlier outputs byte-identical', async () => {
    const dataDir = join(dir, 'data');
    await preparePrompts(catalogFile, dataDir);
    const before = new Map<string, string>();
    for (const file of await listFiles(dataDir)) before.set(file, await readFile(join(dataDir, file), 'utf8'));

    await writeFile(catalogFile, JSON.stringify([...CATALOG, { id: 'E01', complexity: 'hard', user_prompt: '' }]));
    const error = await preparePrompts(catalogFile, dataDir).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).problems.map((problem) => problem.field)).toEqual(['id', 'user_prompt', 'complexity']);

    expect(await listFiles(dataDir)).toEqual([...before.keys()]);
    for (const [file, text] of before) expect(await readFile(join(dataDir, file), 'utf8')).toBe(text);
  });

  it('creates nothing when the data dir does not exist yet and the catalog is bad', async () => {
    await mkdir(join(dir, 'empty'));
    await writeFile(catalogFile, '[');
    await expect(preparePrompts(catalogFile, join(dir, 'empty', 'data'))).rejects.toBeInstanceOf(CatalogError);
    expect(await readdir(join(dir, 'empty'))).toEqual([]);
  });
});
