import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StagedFile } from './staged-file.ts';
import type { SampleVerdictEntry, ValidationReport } from './validation-report.ts';
import { VerdictSpool } from './verdict-spool.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verdict-spool-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const head: Omit<ValidationReport, 'verdicts'> = {
  samples: 3, accepted: 2, rejected: 1, failed: 1,
  rejection_histogram: { 'grounding-failed': 1 }, failure_histogram: { run: 1 },
  failures: [{ prompt_id: 'C09', complexity: 'complex', stage: 'run', reason: 'tool error: "unknown symbol"\nline two' }],
  input_problems: [],
};

async function written(verdicts: SampleVerdictEntry[]): Promise<{ text: string; spool: VerdictSpool }> {
  const path = join(dir, 'validation.json');
  const spool = await VerdictSpool.create(path);
  for (const verdict of verdicts) await spool.add(verdict);
  const file = await StagedFile.create(path);
  await spool.writeReport(head, file);
  await file.commit();
  return { text: await readFile(path, 'utf8'), spool };
}

describe('VerdictSpool', () => {
  it('writes validation.json byte for byte as stringifying the whole report, keeping only the rejected in memory', async () => {
    const verdicts: SampleVerdictEntry[] = [
      { sample_id: 'a1', prompt_id: 'S01', complexity: 'simple', ok: true, problems: [] },
      { sample_id: null, prompt_id: 'M02', complexity: 'moderate', ok: false, problems: [{ code: 'grounding-failed', message: 'missing "price"\tand 5%', path: '/extra_info/verdicts/grounding' }] },
      { sample_id: 'c3', prompt_id: 'C01', complexity: 'complex', ok: true, problems: [] },
    ];
    const { text, spool } = await written(verdicts);
    expect(text).toBe(`${JSON.stringify({ ...head, verdicts }, null, 2)}\n`);
    expect(spool.rejected.map((verdict) => verdict.prompt_id)).toEqual(['M02']);
    expect((await readdir(dir)).sort()).toEqual(['validation.json']);
  });

  it('writes an empty verdict list as stringify does', async () => {
    expect((await written([])).text).toBe(`${JSON.stringify({ ...head, verdicts: [] }, null, 2)}\n`);
  });
});
