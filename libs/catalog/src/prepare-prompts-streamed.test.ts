import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../files/src/__fixtures__/temp-dir.ts';
import { buildPreparedOutput, parseCatalog, preparePrompts } from './index.ts';

const tempDir = useTempDir('prepare-streamed');

describe('preparePrompts, written a row at a time', () => {
  it('gives preparePrompts the bytes buildPreparedOutput builds, chunked and with an empty shard', async () => {
    const raw = Array.from({ length: 40 }, (_, index) => ({ id: `P${index}`, complexity: index % 2 ? 'easy' : 'difficult', user_prompt: `Prompt ${index} — NVDA?`, extra: { index } }));
    const file = join(tempDir(), 'catalog.json');
    await writeFile(file, JSON.stringify(raw));
    const manifest = await preparePrompts(file, join(tempDir(), 'data'), { chunks: 3, shuffleSeed: 5 });
    const built = buildPreparedOutput({ file, sha256: manifest.catalog_sha256, entries: parseCatalog(raw, file) }, join(tempDir(), 'data'), { chunks: 3, shuffleSeed: 5 });
    for (const expected of built.files) expect(await readFile(expected.path, 'utf8'), expected.path).toBe(expected.content);
    expect(manifest).toEqual(built.manifest);
  });
});
