import { mkdtemp, readFile, rm, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateRun } from '@forge/packager';
import { writeRunTree, type RunTree } from './__fixtures__/run-tree.ts';

let tree: RunTree;
beforeEach(async () => {
  tree = await writeRunTree(await mkdtemp(join(tmpdir(), 'validate-run-')));
});
afterEach(async () => {
  await rm(tree.root, { recursive: true, force: true });
});

describe('validateRun', () => {
  it('writes validation.json with a verdict per sample in catalog order and nothing else', async () => {
    const report = await validateRun({ generatedDir: tree.generatedDir, outDir: tree.outDir, promptsFile: tree.promptsFile });
    expect(JSON.parse(await readFile(join(tree.outDir, 'validation.json'), 'utf8'))).toEqual(report);
    expect(report.verdicts.map((verdict) => [verdict.prompt_id, verdict.ok])).toEqual([
      ['S01', true], ['M01', true], ['C01', true], ['S02', true], ['M02', false], ['M03', true],
    ]);
    expect(report.rejection_histogram).toEqual({ 'grounding-failed': 1 });
    await expect(access(join(tree.outDir, 'train.jsonl'))).rejects.toThrow();
  });

  it('applies the prompt token budget', async () => {
    const report = await validateRun({ generatedDir: tree.generatedDir, outDir: tree.outDir, promptsFile: tree.promptsFile, maxPromptTokens: 10 });
    expect(report.accepted).toBe(0);
    expect(report.rejection_histogram['prompt-too-long']).toBe(6);
  });

  it('handles an empty run', async () => {
    const report = await validateRun({ generatedDir: join(tree.root, 'nothing'), outDir: tree.outDir, promptsFile: null });
    expect(report).toMatchObject({ samples: 0, accepted: 0, rejected: 0, failed: 0, verdicts: [] });
  });
});
