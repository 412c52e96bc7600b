import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../../tools/fake-openai/src/index.ts';

// Issue 19 item 7 through the real CLI: `forge generate --in-process` against a model that never answers, stopped
// by SIGTERM. It must exit (130), leave whole ledger lines only and record none of the entries it cut short, so a
// resumed run generates them all. (A second signal's "exit now" is tested in stop-on-signal.test.ts: two SIGTERMs
// sent together may reach the process as one, so the CLI cannot be made to see both.)
const CLI = ['--import', 'tsx', 'apps/cli/src/main.ts'];
const SYMBOLS = ['AAPL', 'MSFT', 'NVDA'];

let root: string;
let fake: FakeOpenAI;
const runs: ResultPromise[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'forge-signals-'));
  const catalog = SYMBOLS.map((symbol, index) => ({ id: `S${index + 1}`, complexity: 'easy', user_prompt: `What was ${symbol}'s closing price in the latest session?` }));
  writeFileSync(join(root, 'catalog.json'), JSON.stringify(catalog));
  fake = await startFakeOpenAI(() => ({ type: 'hang' }));
});

afterEach(async () => {
  for (const run of runs.splice(0)) {
    run.kill('SIGKILL');
    await run.catch(() => undefined);
  }
});

afterAll(async () => {
  await fake?.close();
  rmSync(root, { recursive: true, force: true });
});

function generate(out: string, environment: Record<string, string>, ...extra: string[]): ResultPromise {
  const args = ['generate', '--in-process', '--prompt-file', join(root, 'catalog.json'), '--out', join(root, out), '--cache-dir', join(root, out, 'cache'), '--log-dir', join(root, 'logs'), '--progress', 'plain', ...extra];
  return execa('node', [...CLI, ...args], { reject: false, env: { OPENAI_API_KEY: 'sk-test-signals', ...environment }, extendEnv: true });
}

const hangingModel = () => ({ PLANNER: 'openai', OPENAI_MODEL: 'fake-model', OPENAI_BASE_URL: fake.url });

/** Resolves once the fake has received `count` more requests than `before`. */
async function requestsArrive(before: number, count: number): Promise<void> {
  while (fake.requests.length < before + count) await new Promise((resolve) => setTimeout(resolve, 50));
}

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line !== '') : [];
}

describe('generate under SIGTERM', () => {
  // Both runs start together: the CLI's start-up (tsx, the in-process tool world) is most of this test's time.
  it('exits 130 with whole ledger lines and nothing recorded for the aborted entries, then --resume completes', async () => {
    const before = fake.requests.length;
    const once = generate('out', hangingModel(), '--concurrency', '3');
    runs.push(once);
    // A run that ends before its model calls arrive (a tool world that failed its health check) fails the test now.
    const early = (run: ResultPromise) => run.then((result) => Promise.reject(new Error(`generate ended before its model calls: ${String(result.stderr)}`)));
    await Promise.race([requestsArrive(before, 3), early(once)]);
    once.kill('SIGTERM');
    const stopped = await once;

    expect(stopped.exitCode, String(stopped.stderr)).toBe(130);
    expect(String(stopped.stderr)).toContain('SIGTERM: admitting no new entries, aborting model and tool calls in flight');
    expect(String(stopped.stdout)).toMatch(/simple INTERRUPTED: 3 entries, 0 regenerated, 0 cached, 0 failed, 3 not done; 3 LLM calls \(3 failed\)/);
    for (const file of ['simple.jsonl', 'simple.failures.jsonl']) {
      for (const line of lines(join(root, 'out', file))) expect(() => JSON.parse(line)).not.toThrow();
    }
    expect(lines(join(root, 'out', 'simple.failures.jsonl'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(root, 'out', 'simple.run.json'), 'utf8')).status).toBe('interrupted');

    // The resumed run meets a working planner (the offline one) and generates every entry the stop left undone.
    const resumed = await generate('out', { PLANNER: 'rule' }, '--resume');
    expect(resumed.exitCode, String(resumed.stderr)).toBe(0);
    expect(String(resumed.stdout)).toMatch(/simple: 3 entries, 3 regenerated, 0 cached, 0 failed/);
    expect(lines(join(root, 'out', 'simple.jsonl')).map((line) => JSON.parse(line).prompt_id).sort()).toEqual(['S1', 'S2', 'S3']);
  }, 240_000);
});
