import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotAJsonArray, scanJsonArray } from './scan-json-array.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scan-json-array-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scan(text: string, highWaterMark?: number): Promise<unknown[]> {
  const file = join(dir, 'a.json');
  await writeFile(file, text);
  const values: unknown[] = [];
  for await (const value of scanJsonArray(file, highWaterMark)) values.push(value);
  return values;
}

describe('scanJsonArray', () => {
  const value = [{ id: 'X1', text: 'a, "b" [c] {d} \\ é ✓', nested: [1, [2, { e: ']' }]] }, 3, 'four', null, [], {}];

  it('gives the elements JSON.parse gives, compact or indented, across any chunk boundary', async () => {
    for (const text of [JSON.stringify(value), `${JSON.stringify(value, null, 2)}\n`, ' \n[]\n', '[ ]']) {
      const whole = JSON.parse(text) as unknown[];
      for (const size of [1, 2, 3, 7, 64 * 1024]) expect(await scan(text, size)).toEqual(whole);
    }
  });

  it('rejects text that is not one JSON array', async () => {
    await expect(scan('{"a": 1}')).rejects.toBeInstanceOf(NotAJsonArray);
    await expect(scan('')).rejects.toBeInstanceOf(NotAJsonArray);
    for (const text of ['[1,]', '[,1]', '[1,,2]', '[1 2]', '[{"a": }]', '[1]x', '[1', '[{"a": "]"}']) {
      await expect(scan(text, 2), text).rejects.toBeInstanceOf(SyntaxError);
    }
  });
});
