import { mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexRun, orderRecords, readCatalogOrder } from '@forge/packager';
import { writeRunTree, makeFailure, type RunTree } from './__fixtures__/run-tree.ts';

let tree: RunTree;
beforeEach(async () => {
  tree = await writeRunTree(await mkdtemp(join(tmpdir(), 'index-run-')));
});
afterEach(async () => {
  await rm(tree.root, { recursive: true, force: true });
});

describe('indexRun', () => {
  it('dedupes by key, skips a torn last line and reports it', async () => {
    const index = await indexRun(tree.generatedDir);
    expect(index.samples.map((ref) => ref.prompt_id).sort()).toEqual(['C01', 'M01', 'M02', 'M03', 'S01', 'S02']);
    expect(index.problems).toEqual([expect.objectContaining({ problem: 'torn-line', line: 2, file: join(tree.generatedDir, 'complex.jsonl') })]);
    expect(index.failures.map((failure) => [failure.prompt_id, failure.stage])).toEqual([['C02', 'run']]);
  });

  it('reports malformed and invalid lines without throwing', async () => {
    await writeFile(join(tree.generatedDir, 'simple.jsonl'), '{not json}\n{"status":"sample"}\n');
    const index = await indexRun(tree.generatedDir);
    expect(index.problems.map((problem) => problem.problem)).toEqual(['malformed-json', 'invalid-record', 'torn-line']);
  });

  it('drops a failure when the prompt later produced a sample', async () => {
    await appendFile(join(tree.generatedDir, 'simple.failures.jsonl'), `${JSON.stringify({ ...makeFailure('S01', 0, 'simple'), key: 'older-attempt' })}\n`);
    const index = await indexRun(tree.generatedDir);
    expect(index.failures.map((failure) => failure.prompt_id)).toEqual(['C02']);
  });

  it('orders records by the prepared catalog, shards interleaved', async () => {
    const index = await indexRun(tree.generatedDir);
    const order = await readCatalogOrder(tree.promptsFile);
    expect(orderRecords(index.samples, order).map((ref) => ref.prompt_id)).toEqual(['S01', 'M01', 'C01', 'S02', 'M02', 'M03']);
    expect(await readCatalogOrder(join(tree.root, 'absent.json'))).toBeNull();
    expect(orderRecords(index.samples, null).map((ref) => ref.prompt_index)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
