import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageRun, validateRun } from '@forge/packager';
import { makeRecord } from '../../sample/src/__fixtures__/make-record.ts';
import { writeRunTree, type RunTree } from './__fixtures__/run-tree.ts';

// Issue 15: generate wrote each chunk of a shard on its own (<generated>/chunks/<name>/<complexity>.jsonl) and
// prepare-prompts listed the chunks in <data>/shards/manifest.json.
let tree: RunTree;
const line = (value: unknown) => `${JSON.stringify(value)}\n`;

async function chunk(name: string, complexity: string, records: unknown[]): Promise<void> {
  const dir = join(tree.generatedDir, 'chunks', name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${complexity}.jsonl`), records.map(line).join(''));
}

beforeEach(async () => {
  tree = await writeRunTree(await mkdtemp(join(tmpdir(), 'chunked-run-')));
  // The unchunked ledgers move aside: a chunked package must not read them.
  for (const level of ['simple', 'moderate', 'complex']) await rename(join(tree.generatedDir, `${level}.jsonl`), join(tree.root, `${level}.old.jsonl`));
  const { S01, S02, M01, M02, M03, C01 } = tree.records;
  // Chunk-local prompt_index, as runShard gives it.
  await chunk('simple-0', 'simple', [{ ...S02, prompt_index: 0 }]);
  await chunk('simple-1', 'simple', [{ ...S01, prompt_index: 0 }]);
  await chunk('moderate-0', 'moderate', [{ ...M03, prompt_index: 1 }, { ...M01, prompt_index: 0 }, { ...M02, prompt_index: 2 }]);
  await chunk('complex-1', 'complex', [{ ...C01, prompt_index: 0 }]);
  // Left by an earlier run with three chunks: not in the manifest, so never packaged.
  await chunk('simple-2', 'simple', [makeRecord({ promptId: 'S99', promptIndex: 0, complexity: 'simple' })]);
  const files = Object.fromEntries(['simple-0', 'simple-1', 'moderate-0', 'moderate-1', 'complex-0', 'complex-1'].map((name) => [name, { complexity: name.split('-')[0], index: Number(name.split('-')[1]), file: `x/${name}.json`, sha256: 'a', entries: 1 }]));
  await mkdir(join(tree.root, 'data', 'shards'), { recursive: true });
  await writeFile(join(tree.root, 'data', 'shards', 'manifest.json'), JSON.stringify({ catalog_sha256: 'c', chunks: { count: 2, files } }));
});
afterEach(async () => {
  await rm(tree.root, { recursive: true, force: true });
});

describe('packaging chunked shards', () => {
  it('merges exactly the manifest\'s chunks in catalog order, each row with its place in the whole shard', async () => {
    await packageRun({ generatedDir: tree.generatedDir, outDir: tree.outDir, promptsFile: tree.promptsFile, logsDir: tree.logsDir });
    const rows = (await readFile(join(tree.outDir, 'train.jsonl'), 'utf8')).trim().split('\n').map((text) => JSON.parse(text));
    expect(rows.map((row) => [row.extra_info.prompt_id, row.extra_info.prompt_index])).toEqual([['S01', 0], ['M01', 0], ['C01', 0], ['S02', 1], ['M03', 2]]);
    const manifest = JSON.parse(await readFile(join(tree.outDir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.inputs.shards)).toEqual(['simple-0', 'simple-1', 'moderate-0', 'moderate-1', 'complex-0', 'complex-1']);
    expect(manifest.inputs.shards['moderate-0'].samples.path).toBe(join(tree.generatedDir, 'chunks', 'moderate-0', 'moderate.jsonl'));
  });

  it('validates the same rows (M02 rejected, the stale chunk ignored)', async () => {
    const report = await validateRun({ generatedDir: tree.generatedDir, outDir: tree.outDir, promptsFile: tree.promptsFile });
    expect(report.verdicts.map((verdict) => [verdict.prompt_id, verdict.ok])).toEqual([['S01', true], ['M01', true], ['C01', true], ['S02', true], ['M02', false], ['M03', true]]);
  });

  it('reads the unchunked ledgers when the manifest names no chunks', async () => {
    await writeFile(join(tree.root, 'data', 'shards', 'manifest.json'), JSON.stringify({ catalog_sha256: 'c', chunks: null }));
    for (const level of ['simple', 'moderate', 'complex']) await rename(join(tree.root, `${level}.old.jsonl`), join(tree.generatedDir, `${level}.jsonl`));
    const report = await validateRun({ generatedDir: tree.generatedDir, outDir: tree.outDir, promptsFile: tree.promptsFile });
    expect(report.verdicts.map((verdict) => verdict.prompt_id)).toEqual(['S01', 'M01', 'C01', 'S02', 'M02', 'M03']);
  });
});
