import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from './__fixtures__/temp-dir.ts';
import { sha256 } from './sha256.ts';
import { StagedWrites } from './staged-writes.ts';

const tempDir = useTempDir('staged-writes');

describe('StagedWrites', () => {
  it('writes a JSON array a row at a time, byte for byte as JSON.stringify(rows, null, 2) does', async () => {
    const cases: unknown[][] = [[], [1], [{ a: 'x\ny', b: [1, { c: [] }], d: {} }, 'é ✓', null, [[]]], Array.from({ length: 3_000 }, (_, index) => ({ index, text: 'z'.repeat(index) }))];
    const writes = new StagedWrites();
    const hashes = [];
    for (const [index, rows] of cases.entries()) hashes.push(await writes.addJsonArray(join(tempDir(), `${index}.json`), rows));
    expect((await readdir(tempDir())).every((name) => name.endsWith('.tmp'))).toBe(true); // not in place before commit
    await writes.commit();
    for (const [index, rows] of cases.entries()) {
      const expected = `${JSON.stringify(rows, null, 2)}\n`;
      expect(await readFile(join(tempDir(), `${index}.json`), 'utf8')).toBe(expected);
      expect(hashes[index]).toBe(sha256(expected));
    }
    expect((await readdir(tempDir())).sort()).toEqual(cases.map((_, index) => `${index}.json`).sort());
  });

  it('leaves nothing behind on abort', async () => {
    const writes = new StagedWrites();
    await writes.addText(join(tempDir(), 'a.txt'), 'a');
    await writes.abort();
    expect(await readdir(tempDir())).toEqual([]);
  });
});
