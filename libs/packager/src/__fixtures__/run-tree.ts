// Test fixture shared with the sample lib's tests: one record builder, not two copies.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FailureRecord, GenerationRecord } from '@forge/engine';
import { makeRecord } from '../../../sample/src/__fixtures__/make-record.ts';

export interface RunTree {
  root: string;
  generatedDir: string;
  outDir: string;
  promptsFile: string;
  logsDir: string;
  records: Record<string, GenerationRecord>;
}

const line = (value: unknown) => `${JSON.stringify(value)}\n`;

export function makeFailure(promptId: string, index: number, complexity: FailureRecord['complexity']): FailureRecord {
  const base = makeRecord({ promptId, promptIndex: index, complexity });
  return {
    status: 'failed', key: base.key, prompt_id: promptId, prompt_index: index, complexity, original_complexity: base.original_complexity,
    user_prompt: base.user_prompt, metadata: {}, provenance: base.provenance, generated_at: base.generated_at, attempts: 2,
    stage: 'run', reason: 'step 1 fmp.fmp_get_quote: unknown symbol XYZQ in snapshot synthetic-2026-11-25',
    plan: base.plan, trace: { ...base.trace, steps: [{ ...base.trace.steps[0], status: 'tool_error', why: 'unknown symbol', accepted: false }], all_accepted: false },
    usage: [{ prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 }],
  };
}

/**
 * A finished run on disk: catalog order S01, M01, C01, S02, M02, M03, C02 (shards interleave), one rejected
 * sample (M02, grounding failed), one failed prompt (C02), a duplicate line, a torn last line, MCP logs, traces.
 */
export async function writeRunTree(root: string): Promise<RunTree> {
  const generatedDir = join(root, 'data', 'generated');
  const outDir = join(root, 'data', 'processed');
  const promptsFile = join(root, 'data', 'inputs', 'curriculum_prompts.json');
  const logsDir = join(root, 'logs', 'dataset_runs');
  const order = ['S01', 'M01', 'C01', 'S02', 'M02', 'M03', 'C02'];
  const complexityOf = (id: string) => (id[0] === 'S' ? 'simple' : id[0] === 'M' ? 'moderate' : 'complex') as GenerationRecord['complexity'];
  const records: Record<string, GenerationRecord> = {};
  for (const [index, id] of order.entries()) {
    if (id === 'C02') continue;
    records[id] = makeRecord({ promptId: id, promptIndex: index, complexity: complexityOf(id), symbol: id === 'S02' ? 'AAPL' : 'NVDA' });
  }
  records.M02.grounding = { ok: false, ungrounded: [{ text: '9.99', value: 9.99 }], missing: [] };
  records.M03.user_prompt = 'Compare <script>alert(1)</script> & "quotes" — NVDA vs AMD';
  await mkdir(generatedDir, { recursive: true });
  await mkdir(join(root, 'data', 'inputs'), { recursive: true });
  await writeFile(promptsFile, JSON.stringify(order.map((id) => ({ prompt_id: id, user_prompt: records[id]?.user_prompt ?? 'x', complexity: complexityOf(id), original_complexity: 'x' }))));
  // Written out of catalog order, as a pool finishes them.
  await writeFile(join(generatedDir, 'simple.jsonl'), line(records.S02) + line(records.S01) + line(records.S02));
  await writeFile(join(generatedDir, 'moderate.jsonl'), line(records.M03) + line(records.M01) + line(records.M02));
  await writeFile(join(generatedDir, 'complex.jsonl'), `${line(records.C01)}{"status":"sample","key":"torn`);
  await writeFile(join(generatedDir, 'complex.failures.jsonl'), line(makeFailure('C02', 6, 'complex')));
  await mkdir(join(generatedDir, 'traces', 'simple'), { recursive: true });
  await writeFile(join(generatedDir, 'traces', 'simple', 'S01.json'), '{"trace":true}\n');
  await mkdir(join(logsDir, 'run-1'), { recursive: true });
  await writeFile(join(logsDir, 'run-1', 'task_S01.log'), 'call fmp.fmp_get_quote ok\n');
  return { root, generatedDir, outDir, promptsFile, logsDir, records };
}
