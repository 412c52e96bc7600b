import { mkdtemp, readFile, readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLedger, runShard, type ProgressEvent, type RunShardOptions } from './index.ts';
import { createFakePipeline, fakeEntry, FAKE_SECRET } from './__fixtures__/fake-pipeline.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-run-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fast: Partial<RunShardOptions> = { backoffMs: 1, backoffCapMs: 2 };
const options = (extra: Partial<RunShardOptions> = {}): RunShardOptions => ({ outDir: join(dir, 'out'), ...fast, ...extra });

async function readAllBytes(root: string): Promise<string> {
  const names = await readdir(root, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(names.filter((item) => item.isFile()).map((item) => readFile(join(item.parentPath, item.name), 'utf8')));
  return texts.join('\n');
}

describe('runShard', () => {
  it('turns each entry into a sample and appends one line per sample', async () => {
    const { pipeline, planner } = createFakePipeline();
    const entries = [fakeEntry('S1', 'Price of AAPL?'), fakeEntry('S2', 'Price of MSFT?')];
    const summary = await runShard(entries, pipeline, options());
    expect(summary).toMatchObject({ total: 2, regenerated: 2, cached: 0, failed: 0, interrupted: false, planner_calls: 2, composer_calls: 2, llm_calls: 4, tokens: 500 });
    const ledger = await readLedger(join(dir, 'out'), 'simple');
    expect(ledger.samples.map((record) => record.prompt_id)).toEqual(['S1', 'S2']);
    expect(ledger.samples[0]).toMatchObject({ status: 'sample', prompt_index: 0, reference: { answer_text: 'The price is 187.5.' }, plan_issues: [{ severity: 'warning' }] });
    expect(planner.calls.sort()).toEqual(['S1', 'S2']);
    // grounded_from keeps only keys the run set (the fake quote has no `pe`).
    expect(ledger.samples[0].plan.final_answer_requirements.grounded_from).toEqual(['price']);
  });

  it('records each kind of failure at its stage and keeps going', async () => {
    const { pipeline } = createFakePipeline();
    const entries = [
      fakeEntry('P', '[plan-error] x'),
      fakeEntry('C', '[check-fail] x'),
      fakeEntry('R', '[tool-error] x'),
      fakeEntry('G', '[ungrounded] x'),
      fakeEntry('I', '[internal] x'),
      fakeEntry('OK', 'fine'),
    ];
    const summary = await runShard(entries, pipeline, options());
    expect(summary).toMatchObject({ regenerated: 1, failed: 5 });
    const { failures, samples } = await readLedger(join(dir, 'out'), 'simple');
    expect(samples.map((record) => record.prompt_id)).toEqual(['OK']);
    const byId = Object.fromEntries(failures.map((record) => [record.prompt_id, record]));
    expect(byId.P).toMatchObject({ stage: 'plan', attempts: 1 });
    expect(byId.C).toMatchObject({ stage: 'check', reason: expect.stringContaining('step 1 params.symbol: symbol CHECKFAIL is not a ticker') });
    expect(byId.R).toMatchObject({ stage: 'run', reason: expect.stringContaining('step 1 fmp.fmp_get_quote: tool_error (unknown symbol BAD); accept_if failed: price > 0') });
    expect(byId.R.trace?.steps).toHaveLength(1);
    expect(byId.G).toMatchObject({ stage: 'grounding', reason: 'ungrounded numbers: 42.5' });
    expect(byId.I).toMatchObject({ stage: 'internal', reason: 'run stage: Error: interpreter exploded' });
  });

  it('retries retryable errors with backoff: a flaky planner and a transport error in a trace', async () => {
    const { pipeline, planner, tools } = createFakePipeline();
    const summary = await runShard([fakeEntry('F', '[plan-flaky] x'), fakeEntry('T', '[transport-once] x')], pipeline, options());
    expect(summary).toMatchObject({ regenerated: 2, failed: 0 });
    expect(planner.calls.filter((id) => id === 'F')).toHaveLength(2);
    expect(tools.calls.filter((call) => String(call.args.symbol).startsWith('FLAKY'))).toHaveLength(2);
    const { samples } = await readLedger(join(dir, 'out'), 'simple');
    expect(samples.map((record) => [record.prompt_id, record.attempts])).toEqual([
      ['F', 2],
      ['T', 2],
    ]);
  });

  it('reuses stored samples: a second run makes no planner or tool call', async () => {
    const entries = [fakeEntry('A', 'one'), fakeEntry('B', 'two')];
    await runShard(entries, createFakePipeline().pipeline, options());
    const again = createFakePipeline();
    const summary = await runShard(entries, again.pipeline, options());
    expect(summary).toMatchObject({ regenerated: 0, cached: 2, resumed: true, llm_calls: 0 });
    expect(again.planner.calls).toEqual([]);
    expect(again.tools.calls).toEqual([]);
  });

  it('editing one prompt regenerates only it; reordering and adding regenerate only the new ones', async () => {
    const cacheDir = join(dir, 'cache');
    const first = [fakeEntry('A', 'alpha'), fakeEntry('B', 'beta'), fakeEntry('C', 'gamma')];
    await runShard(first, createFakePipeline().pipeline, options({ cacheDir }));

    const edited = [fakeEntry('A', 'alpha'), fakeEntry('B', 'beta EDITED'), fakeEntry('C', '  gamma  ')];
    const second = createFakePipeline({ provenance: { catalog_sha256: 'cat-2' } });
    const summary = await runShard(edited, second.pipeline, options({ cacheDir }));
    expect(summary).toMatchObject({ regenerated: 1, cached: 2, resumed: false });
    expect(second.planner.calls).toEqual(['B']);
    let ledger = await readLedger(join(dir, 'out'), 'simple');
    expect(ledger.samples.map((record) => [record.prompt_id, record.user_prompt])).toEqual([
      ['A', 'alpha'],
      ['B', 'beta EDITED'],
      ['C', '  gamma  '],
    ]);
    expect(ledger.samples.every((record) => record.provenance.catalog_sha256 === 'cat-2')).toBe(true);

    const reordered = [fakeEntry('D', 'delta'), fakeEntry('C', 'gamma'), fakeEntry('A', 'alpha'), fakeEntry('B', 'beta')];
    const third = createFakePipeline({ provenance: { catalog_sha256: 'cat-3' } });
    const after = await runShard(reordered, third.pipeline, options({ cacheDir }));
    // "beta" was edited away in the output, but the shared cache still holds it.
    expect(after).toMatchObject({ regenerated: 1, cached: 3 });
    expect(third.planner.calls).toEqual(['D']);
    ledger = await readLedger(join(dir, 'out'), 'simple');
    expect(ledger.samples.map((record) => [record.prompt_id, record.prompt_index])).toEqual([
      ['D', 0],
      ['C', 1],
      ['A', 2],
      ['B', 3],
    ]);
    const lines = (await readFile(join(dir, 'out', 'simple.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(4);
  });

  it('a changed provenance field (model) invalidates the cache', async () => {
    const entries = [fakeEntry('A', 'alpha')];
    await runShard(entries, createFakePipeline().pipeline, options());
    const other = createFakePipeline({ provenance: { model: 'gpt-x' } });
    expect(await runShard(entries, other.pipeline, options())).toMatchObject({ regenerated: 1, cached: 0 });
  });

  it('retries earlier failures on resume unless retryFailed is false', async () => {
    const entries = [fakeEntry('F', '[tool-error] x')];
    await runShard(entries, createFakePipeline().pipeline, options());
    const kept = createFakePipeline();
    expect(await runShard(entries, kept.pipeline, options({ retryFailed: false }))).toMatchObject({ failed: 1, kept_failures: 1, regenerated: 0 });
    expect(kept.planner.calls).toEqual([]);
    const retried = createFakePipeline();
    expect(await runShard(entries, retried.pipeline, options())).toMatchObject({ failed: 1, kept_failures: 0 });
    expect(retried.planner.calls).toEqual(['F']);
  });

  it('skips a torn last line and a duplicated line when reading back, and appends after the torn tail', async () => {
    const entries = [fakeEntry('A', 'alpha'), fakeEntry('B', 'beta')];
    await runShard(entries, createFakePipeline().pipeline, options());
    const path = join(dir, 'out', 'simple.jsonl');
    const [lineA] = (await readFile(path, 'utf8')).split('\n');
    await writeFile(path, `${lineA}\n${lineA}\n${lineA.slice(0, 40)}`);
    const next = createFakePipeline();
    const summary = await runShard(entries, next.pipeline, options({ resume: true }));
    expect(summary).toMatchObject({ regenerated: 1, cached: 1, skipped_lines: 1 });
    expect(next.planner.calls).toEqual(['B']);
    const ledger = await readLedger(join(dir, 'out'), 'simple');
    expect(ledger.samples.map((record) => record.prompt_id)).toEqual(['A', 'B']);
  });

  it('resume: false starts the output afresh', async () => {
    const entries = [fakeEntry('A', 'alpha')];
    await runShard(entries, createFakePipeline().pipeline, options());
    const fresh = createFakePipeline();
    expect(await runShard(entries, fresh.pipeline, options({ resume: false }))).toMatchObject({ regenerated: 1, cached: 0 });
  });

  it('stops admitting on abort, lets in-flight entries finish and reports interrupted', async () => {
    const controller = new AbortController();
    const { pipeline } = createFakePipeline({ delayMs: () => 5 });
    const entries = Array.from({ length: 20 }, (_, index) => fakeEntry(`E${index}`, `prompt ${index}`));
    let ended = 0;
    const summary = await runShard(entries, pipeline, {
      ...options({ concurrency: 2 }),
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'sample-end' && ++ended === 3) controller.abort();
      },
    });
    expect(summary.interrupted).toBe(true);
    expect(summary.regenerated).toBeGreaterThanOrEqual(3);
    expect(summary.regenerated).toBeLessThan(20);
    expect(summary.not_done).toBe(20 - summary.regenerated);
    const ledger = await readLedger(join(dir, 'out'), 'simple');
    expect(ledger.samples).toHaveLength(summary.regenerated);
    const header = JSON.parse(await readFile(join(dir, 'out', 'simple.run.json'), 'utf8'));
    expect(header.status).toBe('interrupted');
    const resumed = await runShard(entries, createFakePipeline().pipeline, options());
    expect(resumed).toMatchObject({ cached: summary.regenerated, regenerated: 20 - summary.regenerated, interrupted: false });
  });

  it('ends in-flight entries on abort (their model calls abort; any still running are abandoned after the grace period) and writes nothing for them', async () => {
    const controller = new AbortController();
    const { pipeline } = createFakePipeline({ delayMs: () => 200 });
    const entries = [fakeEntry('A', 'alpha'), fakeEntry('B', 'beta')];
    const summary = await runShard(entries, pipeline, {
      ...options(),
      signal: controller.signal,
      graceMs: 1,
      onEvent: (event) => {
        if (event.type === 'sample-start' && event.prompt_id === 'B') controller.abort();
      },
    });
    expect(summary).toMatchObject({ interrupted: true, regenerated: 0, failed: 0, not_done: 2 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await readLedger(join(dir, 'out'), 'simple')).samples).toEqual([]);
  });

  it('emits progress events and writes a task log per entry', async () => {
    const events: ProgressEvent['type'][] = [];
    const logDir = join(dir, 'logs', 'run-1');
    await runShard([fakeEntry('A/1', 'alpha'), fakeEntry('B', '[tool-error] x')], createFakePipeline().pipeline, {
      ...options({ logDir }),
      onEvent: (event) => events.push(event.type),
    });
    expect(events[0]).toBe('shard-start');
    expect(events.filter((type) => type === 'sample-start')).toHaveLength(2);
    expect(events).toContain('sample-end');
    expect(events).toContain('sample-failed');
    expect(events.at(-1)).toBe('shard-end');
    const log = await readFile(join(logDir, 'task_A_2F1.log'), 'utf8');
    expect(log).toContain('[plan]');
    expect(log).toContain('"args":{"symbol":"AAPL"}');
    expect(log).toContain('"result":{"keys":["price"]}');
    expect(log).toContain('[result] sample');
    expect(await readFile(join(logDir, 'task_B.log'), 'utf8')).toContain('failed at run');
  });

  it('writes no byte of a secret: not in records, failures, logs, cache or header', async () => {
    const logDir = join(dir, 'logs');
    const cacheDir = join(dir, 'cache');
    const summary = await runShard(
      [fakeEntry('P', '[plan-error] x'), fakeEntry('S', '[secret] x')],
      createFakePipeline().pipeline,
      options({ logDir, cacheDir, secrets: [FAKE_SECRET] }),
    );
    expect(summary).toMatchObject({ regenerated: 1, failed: 1 });
    const bytes = await readAllBytes(dir);
    expect(bytes).toContain('[REDACTED]');
    expect(bytes).not.toContain(FAKE_SECRET);
    const { failures } = await readLedger(join(dir, 'out'), 'simple');
    expect(failures[0].reason).toContain('planner refused with key [REDACTED]');
  });

  it('rejects a mixed-complexity shard', async () => {
    const { pipeline } = createFakePipeline();
    await expect(runShard([fakeEntry('A', 'a'), fakeEntry('B', 'b', 'complex')], pipeline, options())).rejects.toThrow(/one complexity/);
  });

  it('reads past an invalid line in the middle (e.g. a torn tail followed by later appends)', async () => {
    const entries = [fakeEntry('A', 'alpha')];
    await runShard(entries, createFakePipeline().pipeline, options());
    await appendFile(join(dir, 'out', 'simple.jsonl'), '{"torn": tr');
    const second = await runShard([...entries, fakeEntry('B', 'beta')], createFakePipeline().pipeline, options({ resume: true }));
    expect(second).toMatchObject({ cached: 1, regenerated: 1, skipped_lines: 1 });
  });
});
