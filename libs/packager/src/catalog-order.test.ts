import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForgeError } from '@forge/errors';
import { placeRecords, readCatalogOrder } from './catalog-order.ts';
import { RecordTable } from './record-table.ts';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'catalog-order-'));
  file = join(dir, 'curriculum_prompts.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const prompts = [
  { prompt_id: 'S1', complexity: 'simple', user_prompt: 'a' },
  { prompt_id: 'M1', complexity: 'moderate', user_prompt: 'b' },
  { prompt_id: 'S2', complexity: 'simple', user_prompt: 'c' },
];

describe('readCatalogOrder and placeRecords (streamed)', () => {
  it('read the positions a whole-file parse gave, indented as prepare-prompts writes it or not', async () => {
    for (const text of [JSON.stringify(prompts), `${JSON.stringify(prompts, null, 2)}\n`]) {
      await writeFile(file, text);
      expect([...((await readCatalogOrder(file)) ?? [])]).toEqual([['S1', 0], ['M1', 1], ['S2', 2]]);
    }
  });

  it('give chunked records their place within their whole shard', async () => {
    await writeFile(file, JSON.stringify(prompts, null, 2));
    const table = new RecordTable();
    for (const [index, id] of ['S2', 'M1', 'S1'].entries()) {
      table.add({ key: `k${id}`, prompt_id: id, prompt_index: 0, complexity: id[0] === 'S' ? 'simple' : 'moderate', file: 'f', offset: index, length: 1 });
    }
    expect(await placeRecords(table, file, true)).toBe(true);
    expect([...table.ordered()].map((ref) => [ref.prompt_id, ref.prompt_index])).toEqual([['S1', 0], ['M1', 0], ['S2', 1]]);
  });

  it('say what is wrong with a file that is absent, not an array, not JSON or not prompts', async () => {
    expect(await readCatalogOrder(file)).toBeNull();
    await expect(placeRecords(new RecordTable(), file, true)).rejects.toBeInstanceOf(ForgeError);
    for (const [text, message] of [['{"prompt_id": "S1"}', /expected an array/], ['nope', /not valid JSON/], ['[{"prompt_id": "S1"},', /not valid JSON/], ['[{"id": "S1"}]', /expected an array/]] as const) {
      await writeFile(file, text);
      await expect(readCatalogOrder(file), text).rejects.toThrow(message);
    }
    await writeFile(file, JSON.stringify([{ prompt_id: 'S1' }]));
    await expect(placeRecords(new RecordTable(), file, true)).rejects.toThrow(/expected an array of \{prompt_id, complexity/);
  });
});
