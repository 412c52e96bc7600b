import { mkdtemp, readFile, rm, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
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

  it('rejects rows whose oracle replay falls short, each with its reason', async () => {
    const { S01, M01, C01 } = tree.records;
    // A recorded result the plan's own accept_if rejects on replay (the later steps and the answer's facts go with it).
    S01.trace.steps[1]!.structured_content = { results: [{ c: 181.2 }] };
    // An answer that drops a must_include value (the 5-day average).
    M01.reference.answer_text = 'NVDA closed at 181.2, 2.07% above its 5-day average.';
    // A grounded_from fact written where the matcher cannot find it (unsigned, rounded away).
    C01.reference.answer_text = 'NVDA closed at 181.2, about 2% above its 5-day average of 177.52.';
    const line = (value: unknown) => `${JSON.stringify(value)}\n`;
    await writeFile(join(tree.generatedDir, 'simple.jsonl'), line(S01));
    await writeFile(join(tree.generatedDir, 'moderate.jsonl'), line(M01));
    await writeFile(join(tree.generatedDir, 'complex.jsonl'), line(C01));
    const report = await validateRun({ generatedDir: tree.generatedDir, outDir: tree.outDir, promptsFile: tree.promptsFile });
    const codes = Object.fromEntries(report.verdicts.map((verdict) => [verdict.prompt_id, verdict.problems.map((problem) => problem.code)]));
    expect(codes).toEqual({ S01: ['replay:step', 'replay:step', 'replay:coverage', 'replay:grounding'], M01: ['replay:coverage', 'replay:grounding'], C01: ['replay:grounding'] });
    expect(report.verdicts[0]!.problems[0]!.message).toContain('len(closes) >= 5');
    expect(report.rejection_histogram).toEqual({ 'replay:step': 1, 'replay:coverage': 2, 'replay:grounding': 3 });
  });

  it('handles an empty run', async () => {
    const report = await validateRun({ generatedDir: join(tree.root, 'nothing'), outDir: tree.outDir, promptsFile: null });
    expect(report).toMatchObject({ samples: 0, accepted: 0, rejected: 0, failed: 0, verdicts: [] });
  });
});
