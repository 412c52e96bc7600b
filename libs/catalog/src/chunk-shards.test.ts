import { describe, expect, it } from 'vitest';
import { buildPreparedOutput, chunkIndex, chunkShards, parseCatalog, shardCatalog, type Catalog } from './index.ts';

const LEVELS = ['easy', 'medium', 'difficult'] as const;

function rawCatalog(n: number) {
  return Array.from({ length: n }, (_, index) => ({
    id: `X${String(index).padStart(4, '0')}`,
    complexity: LEVELS[index % 3],
    user_prompt: `What did ticker number ${index} do today?`,
  }));
}

function chunkTexts(raw: unknown[], count: number): Map<string, string> {
  const catalog: Catalog = { file: 'catalog.json', sha256: 'c'.repeat(64), entries: parseCatalog(raw, 'catalog.json') };
  const output = buildPreparedOutput(catalog, 'data', { chunks: count });
  const files = new Map(output.files.map((file) => [file.path, file.content]));
  return new Map(Object.entries(output.manifest.chunks?.files ?? {}).map(([name, record]) => [name, files.get(record.file) as string]));
}

function changedChunks(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before.keys()].filter((name) => before.get(name) !== after.get(name));
}

describe('chunkShards', () => {
  it('places a prompt by a hash of its id, the same whatever else the shard holds', () => {
    const entries = parseCatalog(rawCatalog(30), 'catalog.json');
    const chunks = chunkShards(shardCatalog(entries), 4);
    expect(chunks.map((chunk) => chunk.name)).toEqual([
      'simple-0', 'simple-1', 'simple-2', 'simple-3', 'moderate-0', 'moderate-1', 'moderate-2', 'moderate-3', 'complex-0', 'complex-1', 'complex-2', 'complex-3',
    ]);
    for (const chunk of chunks) {
      for (const entry of chunk.entries) {
        expect(entry.complexity).toBe(chunk.complexity);
        expect(chunkIndex(entry.prompt_id, 4)).toBe(chunk.index);
      }
    }
    // Catalog order within a chunk, and nothing lost or doubled.
    const ids = chunks.flatMap((chunk) => chunk.entries.map((entry) => entry.prompt_id));
    expect([...ids].sort()).toEqual(entries.map((entry) => entry.prompt_id).sort());
    for (const chunk of chunks) expect(chunk.entries.map((entry) => entry.prompt_id)).toEqual([...chunk.entries.map((entry) => entry.prompt_id)].sort());
  });

  it('spreads 1,000 prompts over every chunk', () => {
    const chunks = chunkShards(shardCatalog(parseCatalog(rawCatalog(1000), 'catalog.json')), 4);
    for (const chunk of chunks) expect(chunk.entries.length, chunk.name).toBeGreaterThan(40);
  });

  it('rejects a chunk count outside 1..64', () => {
    const shards = shardCatalog(parseCatalog(rawCatalog(3), 'catalog.json'));
    expect(() => chunkShards(shards, 0)).toThrow(RangeError);
    expect(() => chunkShards(shards, 65)).toThrow(/1 to 64, got 65/);
    expect(() => chunkShards(shards, 2.5)).toThrow(RangeError);
  });
});

describe('chunk files of a 1,000-prompt catalog', () => {
  const raw = rawCatalog(1000);
  const before = chunkTexts(raw, 4);

  it('editing one prompt changes exactly one chunk file', () => {
    const edited = raw.map((entry) => (entry.id === 'X0502' ? { ...entry, user_prompt: 'What did AAPL do this week?' } : entry));
    expect(changedChunks(before, chunkTexts(edited, 4))).toEqual([`moderate-${chunkIndex('X0502', 4)}`]);
  });

  it('inserting one prompt at the top changes exactly one chunk file', () => {
    const inserted = [{ id: 'NEW1', complexity: 'difficult', user_prompt: 'Compare AAPL and MSFT margins.' }, ...raw];
    expect(changedChunks(before, chunkTexts(inserted, 4))).toEqual([`complex-${chunkIndex('NEW1', 4)}`]);
  });

  it('deleting one prompt changes exactly one chunk file', () => {
    const deleted = raw.filter((entry) => entry.id !== 'X0003');
    expect(changedChunks(before, chunkTexts(deleted, 4))).toEqual([`simple-${chunkIndex('X0003', 4)}`]);
  });

  it('lists every chunk in the manifest with its hash and count, empty chunks included', () => {
    const catalog: Catalog = { file: 'catalog.json', sha256: 'c'.repeat(64), entries: parseCatalog(rawCatalog(2), 'catalog.json') };
    const { manifest } = buildPreparedOutput(catalog, 'data', { chunks: 3 });
    expect(manifest.chunks?.count).toBe(3);
    expect(Object.keys(manifest.chunks?.files ?? {})).toHaveLength(9);
    expect(Object.values(manifest.chunks?.files ?? {}).reduce((sum, record) => sum + record.entries, 0)).toBe(2);
    expect(manifest.chunks?.files['complex-0']).toMatchObject({ complexity: 'complex', index: 0, file: 'data/shards/complex-0.json', entries: 0 });
    expect(buildPreparedOutput(catalog, 'data').manifest.chunks).toBeNull();
  });
});
