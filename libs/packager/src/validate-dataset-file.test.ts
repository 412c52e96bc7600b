import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDatasetFile } from '@forge/packager';
import { loadSampleValidator, toSample, type SampleValidator } from '@forge/sample';
import { makeRecord } from '../../sample/src/__fixtures__/make-record.ts';

let dir: string;
let validator: SampleValidator;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'validate-file-'));
  validator = await loadSampleValidator();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const good = (id: string) => toSample(makeRecord({ promptId: id }));

describe('validateDatasetFile', () => {
  it('accepts a clean JSONL file', async () => {
    const file = join(dir, 'ok.jsonl');
    await writeFile(file, `${JSON.stringify(good('A'))}\n${JSON.stringify(good('B'))}\n`);
    expect(await validateDatasetFile(file, validator, 4096)).toMatchObject({ rows: 2, accepted: 2, rejected: 0, rejections: [] });
  });

  it('reports bad lines, foreign rows and duplicates per row without throwing', async () => {
    const file = join(dir, 'bad.jsonl');
    await writeFile(file, [JSON.stringify(good('A')), '{oops', '42', JSON.stringify({ messages: [] }), JSON.stringify(good('A')), '{"torn":'].join('\n'));
    const result = await validateDatasetFile(file, validator, 4096);
    expect(result.rows).toBe(6);
    expect(result.accepted).toBe(1);
    expect(result.rejections.map((rejection) => [rejection.row, rejection.problems[0].code])).toEqual([
      [2, 'not-an-object'], [3, 'not-an-object'], [4, 'schema'], [5, 'duplicate-sample-id'], [6, 'not-an-object'],
    ]);
    expect(result.rejections.at(-1)?.problems[0].message).toContain('torn');
    expect(result.histogram).toEqual({ 'not-an-object': 3, schema: 1, 'duplicate-sample-id': 1 });
  });

  it('reads a JSON array and reports a file that is not one', async () => {
    const file = join(dir, 'rows.json');
    await writeFile(file, JSON.stringify([good('A'), { ...good('B'), env_class: '' }]));
    const result = await validateDatasetFile(file, validator, 4096);
    expect(result).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
    expect(result.rejections[0]).toMatchObject({ row: 2, prompt_id: 'B' });
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"not": "an array"}');
    expect((await validateDatasetFile(broken, validator, 4096)).rejections[0]).toMatchObject({ row: 0, problems: [{ code: 'not-an-object', message: 'expected a JSON array of samples' }] });
  });
});
